/**
 * Label quality, ours beside scikit-learn's, on one corpus at k = 20: top-10 NPMI coherence (as in the pipeline
 * comparison: `ours-quality.ts`, `sklearn_pipeline.py`) and label distinctness (`label-distinctness.ts`).
 * Ours: `cluster_terms` ranks 1-10 and `clusters.label`. scikit-learn has no labels: its "label" is its top 3
 * terms by centroid weight. One run each (the figures are deterministic for a seed).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { LABEL_SEPARATOR } from '../pipelines/label/label-text.ts';
import { labelDistinctness, type LabelDistinctness } from './label-distinctness.ts';
import { oursQuality } from './ours-quality.ts';
import { ROOT } from './lib/timed.ts';
import { runVariant, type CorpusRun } from './lib/variants.ts';

export interface LabelCorpus {
  name: string;
  /** Relative to the repository root. */
  file: string;
  /** Only the first this many records (a prefix file in bench/out/labels/). */
  records?: number;
  dedupe: 'id+title' | 'id';
}

export const LABEL_CORPORA: readonly LabelCorpus[] = [
  { name: 'arxiv-cs-sample (default corpus)', file: 'data/arxiv-cs-sample.jsonl.gz', dedupe: 'id+title' },
  {
    name: 'arxiv-daily-cs, first 20k',
    file: '../shared/data/arxiv-daily-cs.jsonl.gz',
    records: 20_000,
    dedupe: 'id+title',
  },
  {
    name: '20newsgroups-bydate, first 20k',
    file: '../shared/data/20newsgroups-bydate.jsonl.gz',
    records: 20_000,
    dedupe: 'id',
  },
];

export interface MethodLabels extends LabelDistinctness {
  npmi: number;
  labels: string[][];
}

export interface LabelResult {
  corpus: LabelCorpus;
  ours: MethodLabels;
  sklearn: MethodLabels;
}

const slug = (name: string): string => name.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '');

async function prefixFile(corpus: LabelCorpus, dir: string): Promise<string> {
  const source = join(ROOT, corpus.file);
  if (corpus.records === undefined) return source;
  const target = join(dir, `first-${corpus.records}.jsonl.gz`);
  if (existsSync(target)) return target;
  const lines = createInterface({ input: createReadStream(source).pipe(createGunzip()), crlfDelay: Infinity });
  async function* head(): AsyncGenerator<string> {
    let n = 0;
    for await (const line of lines) {
      if (n++ >= corpus.records!) break;
      yield `${line}\n`;
    }
  }
  await pipeline(head, createGzip(), createWriteStream(target));
  return target;
}

export async function benchLabels(corpus: LabelCorpus, seed = 42): Promise<LabelResult> {
  const dir = join(ROOT, 'bench/out/labels', slug(corpus.name));
  await mkdir(dir, { recursive: true });
  const input = await prefixFile(corpus, dir);
  const run = (out: string): CorpusRun => ({ input, k: 20, seed, dedupe: corpus.dedupe, out: join(dir, out) });
  for (const variant of ['ours-default', 'sklearn-kmeans'] as const) {
    const result = await runVariant(variant, run(variant));
    console.log(`  ${corpus.name} ${variant}: ${result.wallS.toFixed(1)} s`);
  }
  const oursOut = join(dir, 'ours-default');
  const quality = await oursQuality(oursOut, `${oursOut}-quality`);
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  const rows = await connection.runAndReadAll(
    `SELECT label FROM read_parquet('${join(oursOut, 'clusters.parquet').replaceAll("'", "''")}') ORDER BY cluster_id`,
  );
  const ourLabels = rows.getRows().map(([label]) => String(label).split(LABEL_SEPARATOR));
  const sklearnOut = join(dir, 'sklearn-kmeans');
  const sklearnTerms = JSON.parse(await readFile(join(sklearnOut, 'top_terms.json'), 'utf8')) as string[][];
  const sklearnLabels = sklearnTerms.map((terms) => terms.slice(0, 3));
  const sklearnNpmi = (JSON.parse(await readFile(join(sklearnOut, 'npmi.json'), 'utf8')) as { mean: number }).mean;
  return {
    corpus,
    ours: { npmi: quality.npmiMean, labels: ourLabels, ...labelDistinctness(ourLabels) },
    sklearn: { npmi: sklearnNpmi, labels: sklearnLabels, ...labelDistinctness(sklearnLabels) },
  };
}

export function labelsMarkdown(results: readonly LabelResult[]): string {
  const out = [
    '| corpus (k = 20) | method | mean NPMI top 10 | label terms unique to one topic | near duplicates within labels |',
    '| --- | --- | ---: | ---: | ---: |',
  ];
  for (const { corpus, ours, sklearn } of results) {
    for (const [name, m] of [
      ['ours', ours],
      ['sklearn-kmeans (label = top 3)', sklearn],
    ] as const) {
      out.push(
        `| ${corpus.name} | ${name} | ${m.npmi.toFixed(3)} | ${(100 * m.uniqueShare).toFixed(0)} % | ${m.nearDuplicates} |`,
      );
    }
  }
  out.push('');
  for (const { corpus, ours, sklearn } of results) {
    out.push(`<details><summary>Labels on ${corpus.name}</summary>`, '');
    out.push(`- ours: ${ours.labels.map((terms) => terms.join(LABEL_SEPARATOR)).join(' | ')}`);
    out.push(`- sklearn-kmeans: ${sklearn.labels.map((terms) => terms.join(LABEL_SEPARATOR)).join(' | ')}`, '');
    out.push('</details>', '');
  }
  return out.join('\n');
}
