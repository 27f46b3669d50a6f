/**
 * Writes tokens.json: TextAnalyzer (bigrams on) terms of the first 200 records of data/arxiv-cs-sample.jsonl.gz
 * (title + ". " + abstract). Input of make-golden.py. Run: DOTENV_CONFIG_QUIET=true npx tsx tests/golden/tfidf/dump-tokens.ts
 */
import { createReadStream, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { TextAnalyzer } from '../../../pipelines/text/analyze.ts';

const N_DOCS = 200;
const here = new URL('.', import.meta.url);
const analyzer = new TextAnalyzer({ bigrams: true });
const documents: string[][] = [];
const lines = createInterface({ input: createReadStream(new URL('../../../data/arxiv-cs-sample.jsonl.gz', here)).pipe(createGunzip()) });
for await (const line of lines) {
  const record = JSON.parse(line) as { title: string; abstract: string };
  documents.push(analyzer.analyze(`${record.title}. ${record.abstract}`));
  if (documents.length === N_DOCS) break;
}
lines.close();
writeFileSync(new URL('tokens.json', here), `${JSON.stringify(documents)}\n`);
