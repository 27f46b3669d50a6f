/** `assign` end to end: a model built from part of the bundled corpus, then held-out and off-topic records. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src/schema.ts';
import { parquet, query } from '../../helpers/duckdb.ts';
import { runCli } from '../../helpers/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'assign-'));
const lines = gunzipSync(readFileSync('data/arxiv-cs-sample.jsonl.gz')).toString('utf8').split('\n').filter(Boolean);
const TRAIN = join(dir, 'train.jsonl');
const HELD_OUT = join(dir, 'held-out.jsonl');
const OFF_TOPIC = join(dir, 'reuters.jsonl');
const model = join(dir, 'model-out');
const COMMON = ['--quiet', '--max-date', '2026-11-01'];

const manifestOf = (out: string): Manifest => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
const copyOf = (name: string): string => {
  const copy = join(dir, name);
  cpSync(model, copy, { recursive: true });
  return copy;
};

beforeAll(async () => {
  // Every 4th of the first 8,000 records trains; 300 others are held out (the corpus is ordered by date).
  writeFileSync(TRAIN, lines.filter((_, i) => i < 8000 && i % 4 === 0).join('\n'));
  writeFileSync(
    HELD_OUT,
    lines
      .filter((_, i) => i < 8000 && i % 4 === 1)
      .slice(0, 300)
      .join('\n'),
  );
  const reuters = gunzipSync(readFileSync('../shared/data/reuters21578.jsonl.gz')).toString('utf8').split('\n');
  writeFileSync(OFF_TOPIC, reuters.slice(0, 200).join('\n'));
  const result = await runCli(['--input', TRAIN, '--out', model, '--k', '8', '--map-sample', '0', ...COMMON]);
  expect(result.code, result.stderr).toBe(0);
}, 300_000);

describe('pipeline assign --model DIR --input NEW', () => {
  it('appends held-out records without touching clusters, labels, terms or the model', async () => {
    const out = copyOf('held-out');
    const before = manifestOf(out);
    const result = await runCli(['assign', '--model', out, '--input', HELD_OUT, '--max-date', '2026-11-01']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/300 read, 300 assigned, 0 skipped, 0 duplicates/);
    expect(result.stderr).toMatch(/fit the existing clusters/);

    const after = manifestOf(out);
    expect(after.counts.kept).toBe(before.counts.kept + 300);
    expect(after.updates).toEqual([expect.objectContaining({ refitAdvised: false })]);
    expect(after.updates![0]!.meanSimilarity!).toBeGreaterThan(after.updates![0]!.refitThreshold);
    for (const file of ['model/centroids.f32', 'model/idf.f32', 'model/vocabulary.json', 'cluster_terms.parquet']) {
      expect(readFileSync(join(out, file)).equals(readFileSync(join(model, file))), file).toBe(true);
    }
    const labels = (d: string) => query(`SELECT cluster_id, label FROM ${parquet(d, 'clusters')} ORDER BY 1`);
    expect(await labels(out)).toEqual(await labels(model));

    const [docs] = await query<{ n: number; dated: number; size: number }>(
      `SELECT (SELECT count(*)::INT FROM ${parquet(out, 'documents')}) AS n,
              (SELECT count(*)::INT FROM ${parquet(out, 'documents')} WHERE date_precision IN ('day', 'month')) AS dated,
              (SELECT sum(size)::INT FROM ${parquet(out, 'clusters')}) AS size`,
    );
    expect(docs!.n).toBe(before.counts.kept + 300);
    expect(docs!.size).toBe(docs!.n);
    const [trend] = await query<{ monthly: number; labelled: number }>(
      `SELECT (SELECT sum(doc_count)::INT FROM ${parquet(out, 'trends')} WHERE granularity = 'month') AS monthly,
              (SELECT sum(doc_count)::INT FROM ${parquet(out, 'label_trends')}) AS labelled`,
    );
    expect(trend).toEqual({ monthly: docs!.dated, labelled: docs!.dated });
  }, 120_000);

  it('keeps term_trends and its index consistent: per-term sums grow by the new documents', async () => {
    const out = copyOf('terms');
    expect((await runCli(['assign', '--model', out, '--input', HELD_OUT, ...COMMON])).code).toBe(0);
    const terms = await query<{ stem: string; first_row: string; row_count: number; doc_freq: number }>(
      `SELECT stem, first_row, row_count, doc_freq FROM ${parquet(out, 'terms')} ORDER BY doc_freq DESC LIMIT 3`,
    );
    for (const term of terms) {
      const sliced = await query(
        `SELECT stem, period_start, doc_count FROM ${parquet(out, 'term_trends')} LIMIT ${term.row_count} OFFSET ${term.first_row}`,
      );
      const filtered = await query(
        `SELECT stem, period_start, doc_count FROM ${parquet(out, 'term_trends')} WHERE stem = '${term.stem}' ORDER BY period_start`,
      );
      expect(sliced, term.stem).toEqual(filtered);
    }
    const sums = (d: string) =>
      query<{ stem: string; n: number }>(
        `SELECT stem, sum(doc_count)::INT AS n FROM ${parquet(d, 'term_trends')} GROUP BY stem ORDER BY stem`,
      );
    const [oldSums, newSums] = [await sums(model), await sums(out)];
    expect(newSums.map((row) => row.stem)).toEqual(oldSums.map((row) => row.stem));
    const grown = newSums.reduce((total, row, i) => total + row.n - oldSums[i]!.n, 0);
    expect(grown).toBeGreaterThan(300);
  }, 120_000);

  it('drops records already in the output as duplicates', async () => {
    const out = copyOf('duplicates');
    const result = await runCli(['assign', '--model', out, '--input', TRAIN, ...COMMON.slice(1)]);
    expect(result.code, result.stderr).toBe(0);
    expect(manifestOf(out).counts.kept).toBe(manifestOf(model).counts.kept);
    expect(manifestOf(out).updates![0]!.counts).toMatchObject({ kept: 0, duplicates: 2000 });
  }, 120_000);

  it("lists a new file's bad line in manifest.skippedRecords and counts it, as a full run does", async () => {
    const out = copyOf('skipped');
    const bad = join(dir, 'bad-line.jsonl');
    const held = readFileSync(HELD_OUT, 'utf8').split('\n').slice(0, 3);
    writeFileSync(bad, [held[0], '{"title": "cut off', held[1], held[2]].join('\n'));
    const before = manifestOf(out);
    const result = await runCli(['assign', '--model', out, '--input', bad, ...COMMON]);
    expect(result.code, result.stderr).toBe(0);
    const after = manifestOf(out);
    expect(after.updates![0]!.counts).toMatchObject({ read: 4, kept: 3, skipped: 1 });
    expect(after.counts.skipped).toBe(before.counts.skipped + 1);
    expect(after.skippedRecords).toEqual([
      ...before.skippedRecords,
      { file: bad, line: 2, reason: expect.stringContaining('JSON') as string },
    ]);
  }, 120_000);

  it('advises a full re-run when off-topic news no longer fits the clusters', async () => {
    const out = copyOf('off-topic');
    const result = await runCli(['assign', '--model', out, '--input', OFF_TOPIC, '--max-date', '2026-11-01']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/a full re-run is advised/);
    const update = manifestOf(out).updates![0]!;
    expect(update.refitAdvised).toBe(true);
    expect(update.meanSimilarity!).toBeLessThan(update.refitThreshold);
  }, 120_000);

  it('fails with exit code 2 and a hint when --model is not an output directory', async () => {
    const result = await runCli(['assign', '--model', join(dir, 'missing'), '--input', HELD_OUT, ...COMMON]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/manifest\.json: no such file; --model must be an output directory of a full run/);
  });
});
