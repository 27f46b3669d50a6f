/** Runs the CLI on the bundled real corpus and checks the written Parquet with an independent DuckDB. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GRANULARITIES, SCHEMA_VERSION, TABLES, type Manifest } from '../../src/schema.ts';
import { parquet, query } from '../helpers/duckdb.ts';
import { runCli } from '../helpers/run-cli.ts';

const CORPUS = 'data/arxiv-cs-sample.jsonl.gz';
const K = 12;
const out = join(mkdtempSync(join(tmpdir(), 'e2e-')), 'out');
let manifest: Manifest;
let stderr = '';

beforeAll(async () => {
  const result = await runCli(['--input', CORPUS, '--out', out, '--k', String(K), '--max-date', '2026-11-01']);
  stderr = result.stderr;
  expect(result.code, result.stderr).toBe(0);
  manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
}, 300_000);

describe(`pipeline on ${CORPUS} with --k ${K}`, () => {
  it('keeps every record of the deduplicated corpus and says so in the manifest and summary', () => {
    expect(manifest.schemaVersion).toBe(SCHEMA_VERSION);
    expect(manifest.counts).toEqual({ read: 15_989, kept: 15_989, skipped: 0, duplicates: 0, undated: 0 });
    expect(manifest.inputs).toEqual([expect.objectContaining({ file: CORPUS, format: 'jsonl', records: 15_989 })]);
    expect(stderr).toMatch(/15989 read, 15989 kept, 0 skipped, 0 duplicates/);
  });

  it('writes one documents row per kept record, each in a cluster 0..k-1 with a cosine similarity', async () => {
    const [row] = await query<{ n: number; clusters: number; lo: number; hi: number; bad_sim: number }>(
      `SELECT count(*)::INT n, count(DISTINCT cluster_id)::INT clusters, min(cluster_id) lo, max(cluster_id) hi,
              count(*) FILTER (WHERE similarity < -1 OR similarity > 1.000001)::INT bad_sim
       FROM ${parquet(out, 'documents')}`,
    );
    expect(row).toEqual({ n: 15_989, clusters: K, lo: 0, hi: K - 1, bad_sim: 0 });
  });

  it('writes k clusters whose sizes add up to the documents', async () => {
    const [row] = await query<{ n: number; total: number }>(
      `SELECT count(*)::INT n, sum(size)::INT total FROM ${parquet(out, 'clusters')}`,
    );
    expect(row).toEqual({ n: K, total: 15_989 });
    expect(manifest.k).toBe(K);
  });

  it('sums trend counts, at every granularity, to the dated documents precise enough for it', async () => {
    const sums = await query<{ granularity: string; total: number }>(
      `SELECT granularity, sum(doc_count)::INT total FROM ${parquet(out, 'trends')} GROUP BY 1 ORDER BY 1`,
    );
    expect(sums).toEqual([...GRANULARITIES].sort().map((granularity) => ({ granularity, total: 15_989 })));
  });

  it('matches trend counts to a GROUP BY over the documents table', async () => {
    const mismatches = await query(
      `WITH expected AS (
         SELECT date_trunc('month', date)::DATE period_start, cluster_id, count(*)::INT n
         FROM ${parquet(out, 'documents')} WHERE date IS NOT NULL GROUP BY ALL)
       SELECT * FROM ${parquet(out, 'trends')} t LEFT JOIN expected e USING (period_start, cluster_id)
       WHERE t.granularity = 'month' AND coalesce(e.n, 0) <> t.doc_count`,
    );
    expect(mismatches).toEqual([]);
  });

  it('marks the representatives 1..N per cluster', async () => {
    const rows = await query<{ cluster_id: number; ranks: number[] }>(
      `SELECT cluster_id, list(representative_rank ORDER BY representative_rank) ranks
       FROM ${parquet(out, 'documents')} WHERE representative_rank IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
    expect(rows).toHaveLength(K);
    for (const row of rows) expect(row.ranks).toEqual([1, 2, 3, 4, 5]);
  });

  it('labels every cluster with readable top terms', async () => {
    const clusters = await query<{ label: string; terms: number }>(
      `SELECT c.label, count(t.rank)::INT terms FROM ${parquet(out, 'clusters')} c
       JOIN ${parquet(out, 'cluster_terms')} t USING (cluster_id) GROUP BY ALL`,
    );
    for (const cluster of clusters) {
      expect(cluster.terms).toBe(10);
      expect(cluster.label).toMatch(/^[\p{L}\p{N}][\p{L}\p{N}\- ]*( · [\p{L}\p{N}][\p{L}\p{N}\- ]*)+$/u);
    }
  });

  it('lists every table in the manifest with its row count', async () => {
    for (const table of Object.values(TABLES)) {
      const [row] = await query<{ n: number }>(`SELECT count(*)::INT n FROM ${parquet(out, table.name)}`);
      expect(manifest.tables[table.name]).toEqual({ file: `${table.name}.parquet`, rows: row!.n });
    }
  });
});
