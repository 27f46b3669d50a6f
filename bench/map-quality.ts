/**
 * The topic map's cost and quality per layout setting, on the sample a real run placed: the sampled papers of
 * `--out` (a pipeline output: map_points, documents, model/) are turned back into the run's TF-IDF rows with its
 * saved model, laid out by `layoutRows` with each setting, and scored against their cosine neighbours in TF-IDF:
 * trustworthiness at k = 10 (Venna & Kaski 2001; sklearn.manifold.trustworthiness: 1 means no false neighbour in
 * 2D, penalised by how far each false one ranks in TF-IDF) and neighbourhood preservation (mean share of the 10
 * TF-IDF neighbours among the 10 nearest in 2D). Times (wall, and CPU of this process) are medians of `--runs`,
 * on this thread.
 *
 * Usage: npx tsx bench/map-quality.ts --out DIR [--runs N] [--only TEXT (settings whose name contains it)]
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Csr } from '../pipelines/features/csr.ts';
import { truncatedSvd } from '../pipelines/map/truncated-svd.ts';
import { layoutRows, type MapLayoutOptions } from '../pipelines/map/topic-map.ts';
import { loadModel } from '../pipelines/model/model-files.ts';
import { ModelVectorizer } from '../pipelines/model/model-vectorizer.ts';
import { TextAnalyzer } from '../pipelines/text/analyze.ts';
import { median } from './lib/timed.ts';

const K = 10;

export const MAP_SETTINGS: readonly (MapLayoutOptions & { name: string })[] = [
  { name: '20 components, 150 epochs', seed: 42, nComponents: 20, nEpochs: 150 },
  { name: '20 components, 100 epochs (default)', seed: 42, nComponents: 20, nEpochs: 100 },
  { name: '20 components, 75 epochs', seed: 42, nComponents: 20, nEpochs: 75 },
  { name: '20 components, 50 epochs', seed: 42, nComponents: 20, nEpochs: 50 },
];

/** Each row's other rows, most cosine-similar first (rows are L2-normalised, so a dot product is the cosine). */
function highDimOrder(rows: Csr): Int32Array[] {
  const n = rows.nRows;
  const columns = new Map<number, { row: number; value: number }[]>();
  for (let i = 0; i < n; i++) {
    for (let p = rows.indptr[i]!; p < rows.indptr[i + 1]!; p++) {
      const list = columns.get(rows.indices[p]!) ?? [];
      list.push({ row: i, value: rows.data[p]! });
      columns.set(rows.indices[p]!, list);
    }
  }
  const sims = new Float64Array(n);
  return Array.from({ length: n }, (_, i) => {
    sims.fill(0);
    for (let p = rows.indptr[i]!; p < rows.indptr[i + 1]!; p++) {
      const v = rows.data[p]!;
      for (const { row, value } of columns.get(rows.indices[p]!)!) sims[row]! += v * value;
    }
    const others = Int32Array.from({ length: n - 1 }, (_, j) => (j < i ? j : j + 1));
    return others.sort((a, b) => sims[b]! - sims[a]! || a - b);
  });
}

/** Each point's `k` nearest others in 2D (Euclidean). */
function lowDimNeighbours(positions: Float64Array, k: number): Int32Array[] {
  const n = positions.length / 2;
  const d = new Float64Array(n);
  return Array.from({ length: n }, (_, i) => {
    for (let j = 0; j < n; j++)
      d[j] = Math.hypot(positions[2 * i]! - positions[2 * j]!, positions[2 * i + 1]! - positions[2 * j + 1]!);
    const others = Int32Array.from({ length: n - 1 }, (_, j) => (j < i ? j : j + 1));
    return others.sort((a, b) => d[a]! - d[b]! || a - b).subarray(0, k);
  });
}

export function mapQuality(
  order: Int32Array[],
  positions: Float64Array,
  k = K,
): { trustworthiness: number; preservation: number } {
  const n = order.length;
  const low = lowDimNeighbours(positions, k);
  let penalty = 0;
  let shared = 0;
  for (let i = 0; i < n; i++) {
    const rank = new Int32Array(n);
    order[i]!.forEach((j, r) => (rank[j] = r + 1));
    for (const j of low[i]!) {
      if (rank[j]! > k) penalty += rank[j]! - k;
      else shared++;
    }
  }
  return {
    trustworthiness: 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * penalty,
    preservation: shared / (n * k),
  };
}

async function sampleRows(outDir: string): Promise<Csr> {
  const model = await loadModel(outDir);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(
    `SELECT d.title, d.abstract FROM '${join(outDir, 'map_points.parquet')}' m JOIN '${join(outDir, 'documents.parquet')}' d USING (doc_id) ORDER BY doc_id`,
  );
  const analyzer = new TextAnalyzer({ bigrams: model.analyzer.bigrams });
  const texts = reader.getRowObjects().map((row) => `${String(row['title'])}. ${String(row['abstract'])}`);
  connection.closeSync();
  // The map's neighbours are measured over every term, whatever space the topics were clustered in.
  const vectorizer = new ModelVectorizer({ ...model, clusterTerms: 'all' });
  return vectorizer.transform(texts.map((text) => analyzer.analyze(text))).matrix;
}

if (import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, runs: { type: 'string', default: '3' }, only: { type: 'string' } },
  });
  if (values.out === undefined) throw new Error('map-quality: --out DIR (a pipeline output) is required');
  const rows = await sampleRows(values.out);
  const order = highDimOrder(rows);
  const load = loadavg();
  console.log(`${rows.nRows} sampled papers of ${values.out}; load average ${load.map((x) => x.toFixed(1)).join(' ')}`);
  console.log(
    '| setting | SVD | whole layout | layout CPU | trustworthiness (k = 10) | neighbourhood preservation (k = 10) |',
  );
  console.log('| --- | --: | --: | --: | --: | --: |');
  const all = Int32Array.from({ length: rows.nRows }, (_, i) => i);
  for (const setting of MAP_SETTINGS.filter((s) => values.only === undefined || s.name.includes(values.only))) {
    const svdMs: number[] = [];
    const layoutMs: number[] = [];
    const layoutCpuMs: number[] = [];
    let positions: Float64Array = new Float64Array(0);
    for (let r = 0; r < Number(values.runs); r++) {
      let t = performance.now();
      truncatedSvd(rows, all, { nComponents: setting.nComponents ?? 20, seed: setting.seed });
      svdMs.push(performance.now() - t);
      t = performance.now();
      const cpu = process.cpuUsage();
      positions = layoutRows(rows, setting);
      layoutMs.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      layoutCpuMs.push((used.user + used.system) / 1000);
    }
    const q = mapQuality(order, positions);
    console.log(
      `| ${setting.name} | ${(median(svdMs) / 1000).toFixed(2)} s | ${(median(layoutMs) / 1000).toFixed(2)} s | ${(median(layoutCpuMs) / 1000).toFixed(2)} s | ${q.trustworthiness.toFixed(4)} | ${q.preservation.toFixed(4)} |`,
    );
  }
}
