/**
 * A full run clustering on unigrams (the default `--cluster-terms`): the saved model records its space, its
 * centroids live there, labels keep phrases, and `assign-stream` with that model gives every training document the
 * topic the full run gave it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { assignStream } from '../../../pipelines/assign/assign-stream.ts';
import { loadModel } from '../../../pipelines/model/model-files.ts';
import { parquet, query } from '../../helpers/duckdb.ts';
import { runCli } from '../../helpers/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cluster-space-'));
const TRAIN = join(dir, 'train.jsonl');
const out = join(dir, 'out');
// Every 4th of the bundled corpus's first 16,000 records.
const lines = gunzipSync(readFileSync('data/arxiv-cs-sample.jsonl.gz'))
  .toString('utf8')
  .split('\n')
  .filter((line, i) => line !== '' && i % 4 === 0);

beforeAll(async () => {
  writeFileSync(TRAIN, lines.join('\n'));
  const result = await runCli(['--input', TRAIN, '--out', out, '--k', '8', '--map-sample', '0', '--quiet']);
  expect(result.code, result.stderr).toBe(0);
}, 300_000);

describe('a full run with --cluster-terms unigrams (the default)', () => {
  it('saves centroids that are zero on every bigram column and records clusterTerms in the model', async () => {
    const model = await loadModel(out);
    expect(model.clusterTerms).toBe('unigrams');
    const bigrams = model.stems.flatMap((stem, t) => (stem.includes(' ') ? [t] : []));
    expect(bigrams.length).toBeGreaterThan(0);
    for (let c = 0; c < model.k; c++) {
      expect(bigrams.filter((t) => model.centroids[c * model.stems.length + t] !== 0)).toEqual([]);
    }
  });

  it('still labels topics with phrases: top terms include bigrams', async () => {
    const phrases = await query(`SELECT stem FROM ${parquet(out, 'cluster_terms')} WHERE stem LIKE '% %'`);
    expect(phrases.length).toBeGreaterThan(0);
  });

  it('assign-stream with the saved model places every training document where the full run did, at its similarity', async () => {
    const model = await loadModel(out);
    const placed = new PassThrough();
    const chunks: Buffer[] = [];
    placed.on('data', (chunk: Buffer) => chunks.push(chunk));
    const input = Readable.from(lines.map((line, i) => `train.jsonl\t${i + 1}\t${line}\n`));
    await assignStream(model, input, placed, { maxDate: '2100-01-01', maxChars: 100_000 });
    const assigned = new Map<string, { clusterId: number; similarity: number }>();
    for (const text of Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean)) {
      const row = JSON.parse(text) as { id?: string; clusterId?: number; similarity?: number };
      if (row.id !== undefined && !assigned.has(row.id)) {
        assigned.set(row.id, { clusterId: row.clusterId!, similarity: row.similarity! });
      }
    }
    const documents = await query<{ doc_id: string; cluster_id: number; similarity: number }>(
      `SELECT doc_id, cluster_id, similarity FROM ${parquet(out, 'documents')} ORDER BY doc_id`,
    );
    expect(documents.length).toBeGreaterThan(3000);
    const moved = documents.filter((doc) => assigned.get(doc.doc_id)?.clusterId !== doc.cluster_id);
    expect(moved).toEqual([]);
    // The same similarity says the same space: over every term, the cosines would be lower (the argmax is not).
    // Float32 idf and centroids in the model leave differences of ~1e-7.
    const off = documents.filter((doc) => Math.abs(assigned.get(doc.doc_id)!.similarity - doc.similarity) > 1e-5);
    expect(off).toEqual([]);
  }, 120_000);
});
