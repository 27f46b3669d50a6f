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
const CORPUS_NOTE = 'A 1-in-8 sample of two crawls.';
const out = join(mkdtempSync(join(tmpdir(), 'e2e-')), 'out');
let manifest: Manifest;
let stderr = '';

beforeAll(async () => {
  const result = await runCli([
    ...['--input', CORPUS, '--out', out, '--k', String(K), '--max-date', '2026-11-01'],
    ...['--corpus-note', CORPUS_NOTE, '--volume-is-sample'],
  ]);
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

  it('records the corpus note and that the volume is a sample in the manifest', () => {
    expect(manifest.parameters.corpusNote).toBe(CORPUS_NOTE);
    expect(manifest.parameters.volumeIsSample).toBe(true);
  });

  it("gives every trends period the share of its days inside the corpus's dated span, as DuckDB counts them", async () => {
    // Every date of this corpus has day precision, so the span is min(date) .. max(date) of the documents.
    const wrong = await query(
      `WITH span AS (SELECT min(date) lo, max(date) hi FROM ${parquet(out, 'documents')}),
       p AS (SELECT DISTINCT granularity, period_start, coverage FROM ${parquet(out, 'trends')}),
       e AS (SELECT *, (period_start + CASE granularity WHEN 'week' THEN INTERVAL 7 DAY WHEN 'month' THEN INTERVAL 1 MONTH
                 WHEN 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 YEAR END)::DATE next_start FROM p)
       SELECT granularity, period_start, coverage,
         greatest(0, least(next_start, hi + 1) - greatest(period_start, lo)) / (next_start - period_start) expected
       FROM e, span WHERE abs(coverage - expected) > 1e-12`,
    );
    expect(wrong).toEqual([]);
  });

  it('flags July 2026 (the corpus ends on 1 July) as partial and June as whole', async () => {
    const rows = await query<{ granularity: string; period_start: string; coverage: number; total: number }>(
      `SELECT granularity, period_start::VARCHAR period_start, any_value(coverage) coverage,
         any_value(period_total)::INT total
       FROM ${parquet(out, 'trends')} WHERE coverage < 1 GROUP BY ALL ORDER BY ALL`,
    );
    const [direct] = await query<{ june: number; july: number; last_day: string }>(
      `SELECT count(*) FILTER (WHERE date >= '2026-06-01' AND date < '2026-07-01')::INT june,
         count(*) FILTER (WHERE date >= '2026-07-01')::INT july, max(date)::VARCHAR last_day
       FROM ${parquet(out, 'documents')}`,
    );
    expect(direct).toEqual({ june: 662, july: 21, last_day: '2026-07-01' });
    // 2022 starts on Monday 3 January: January, Q1 and the year miss two days; the week of 3 January is whole.
    expect(rows).toEqual([
      { granularity: 'month', period_start: '2022-01-01', coverage: 29 / 31, total: 56 },
      { granularity: 'month', period_start: '2026-07-01', coverage: 1 / 31, total: direct!.july },
      { granularity: 'quarter', period_start: '2022-01-01', coverage: 88 / 90, total: expect.any(Number) as number },
      { granularity: 'quarter', period_start: '2026-07-01', coverage: 1 / 92, total: direct!.july },
      { granularity: 'week', period_start: '2026-06-29', coverage: 3 / 7, total: expect.any(Number) as number },
      { granularity: 'year', period_start: '2022-01-01', coverage: 363 / 365, total: expect.any(Number) as number },
      { granularity: 'year', period_start: '2026-01-01', coverage: 182 / 365, total: expect.any(Number) as number },
    ]);
    const [june] = await query<{ coverage: number; total: number }>(
      `SELECT any_value(coverage) coverage, any_value(period_total)::INT total FROM ${parquet(out, 'trends')}
       WHERE granularity = 'month' AND period_start = '2026-06-01'`,
    );
    expect(june).toEqual({ coverage: 1, total: direct!.june });
  });
});
