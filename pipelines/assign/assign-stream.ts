/**
 * `assign-stream`: the reading, analysing and nearest-centroid steps of `assign` as a filter, so an engine that
 * splits a corpus over machines (the Spark job in `pipelines/spark/`) places every document with this code rather
 * than a port of it. Reads `file<TAB>line<TAB>record` lines (record: one JSON Lines object) and writes one JSON
 * line per non-blank record, in input order:
 *
 *   {"file","line","id","title","abstract","date","precision","labels","source","titleKey","titleWords","clusterId","similarity","termIds","termCounts"}
 *   {"file","line","error"}                                 a record `assign` would skip, with its reason
 *
 * `titleKey` is the deduplication key (`normalizeTitle`), `titleWords` the words the title search index holds
 * (`titleWords`, src/shared/title-words.ts), `termIds`/`termCounts` the document's known terms as
 * columns of the saved vocabulary with their raw counts (for term trends). Holds one batch at a time: O(batch).
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { nearestCentroids } from '../cluster/nearest-centroid.ts';
import { normalizeTitle } from '../ingest/dedupe.ts';
import { jsonlRecord } from '../ingest/jsonl.ts';
import type { RawDoc } from '../ingest/raw-doc.ts';
import { abstractTooLong } from '../ingest/read-input.ts';
import type { SavedModel } from '../model/model-files.ts';
import { ModelVectorizer } from '../model/model-vectorizer.ts';
import { TextAnalyzer } from '../text/analyze.ts';
import { titleWords } from '../../src/shared/title-words.ts';

export interface AssignStreamOptions {
  /** Latest acceptable date (ISO day); later dates are errors, as in `assign --max-date`. */
  maxDate: string;
  /** Longest abstract kept, in characters: the full run's `--max-chars`. */
  maxChars: number;
  /** Records analysed and assigned together; default 1000. */
  batchSize?: number;
}

type Parsed = { file: string; line: number } & ({ doc: RawDoc } | { error: string });

/** Streams `input` to `output` as described in the module comment; resolves when both are done. */
export async function assignStream(
  model: SavedModel,
  input: Readable,
  output: Writable,
  options: AssignStreamOptions,
): Promise<void> {
  const analyzer = new TextAnalyzer({ bigrams: model.analyzer.bigrams });
  const vectorizer = new ModelVectorizer(model);
  const batchSize = options.batchSize ?? 1000;
  let batch: Parsed[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const text = placeBatch(batch, model, analyzer, vectorizer);
    batch = [];
    if (!output.write(text)) await new Promise((resolve) => output.once('drain', resolve));
  };
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    const parsed = parseEnvelope(text, options);
    if (parsed === null) continue;
    batch.push(parsed);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  await new Promise<void>((resolve, reject) =>
    output.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

/** One input line: its record, why `assign` would skip it, or null for a blank record. */
function parseEnvelope(text: string, options: AssignStreamOptions): Parsed | null {
  const firstTab = text.indexOf('\t');
  const secondTab = text.indexOf('\t', firstTab + 1);
  if (firstTab < 0 || secondTab < 0)
    throw new Error(`assign-stream: expected file<TAB>line<TAB>record, got ${text.slice(0, 80)}`);
  const file = text.slice(0, firstTab);
  const line = Number(text.slice(firstTab + 1, secondTab));
  const doc = jsonlRecord(text.slice(secondTab + 1), file, line, options.maxDate);
  if (doc === null) return null;
  if ('error' in doc) return { file, line, error: doc.error };
  const tooLong = abstractTooLong(doc, options.maxChars);
  return tooLong === null ? { file, line, doc } : { file, line, error: tooLong };
}

function placeBatch(
  batch: readonly Parsed[],
  model: SavedModel,
  analyzer: TextAnalyzer,
  vectorizer: ModelVectorizer,
): string {
  const docs = batch.flatMap((item) => ('doc' in item ? [item.doc] : []));
  const vectors = vectorizer.transform(docs.map((doc) => analyzer.analyze(`${doc.title}. ${doc.abstract}`)));
  const { labels, similarities } = nearestCentroids(vectors.matrix, model.centroids, model.k);
  const { indptr, indices, data } = vectors.counts;
  let d = 0;
  const lines = batch.map((item) => {
    if ('error' in item) return JSON.stringify({ file: item.file, line: item.line, error: item.error });
    const { doc } = item;
    const from = indptr[d]!;
    const to = indptr[d + 1]!;
    const record = {
      file: item.file,
      line: item.line,
      id: doc.id,
      title: doc.title,
      abstract: doc.abstract,
      date: doc.date,
      precision: doc.datePrecision,
      labels: doc.labels,
      source: doc.source,
      titleKey: normalizeTitle(doc.title),
      titleWords: titleWords(doc.title),
      clusterId: labels[d]!,
      similarity: similarities[d]!,
      termIds: Array.from(indices.subarray(from, to)),
      termCounts: Array.from(data.subarray(from, to)),
    };
    d++;
    return JSON.stringify(record);
  });
  return `${lines.join('\n')}\n`;
}
