/**
 * Range-local terms on a real run of the default corpus (issue 12, "period-local words without look-ahead"): the
 * dashboard's own queries (`src/lib/queries/slice-terms.ts`) on Node DuckDB over the written Parquet, checked
 * against direct counts over `documents.parquet`. "MLLMs" (multimodal large language models) first occurs in
 * the corpus on 2023-05-24, found by the scan below.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  rankSliceTerms,
  sliceClassTotals,
  wholeMonths,
  type ClassMonthTotal,
  type SliceClassTotal,
  type SliceTerm,
  type SliceTermCount,
} from '../../../src/lib/queries/slice-terms.ts';
import { sliceClassTotalsQuery, sliceTermCountsQuery } from '../../reference-sql/slice-terms.ts';
import type { DateRange } from '../../../src/lib/queries/sql.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { parquetViews, runQuery } from '../../src/node-duckdb.ts';

const STEM = 'mllm';
const WORD = `regexp_matches(lower(title || ' ' || abstract), '\\bmllms?\\b')`;
const MONTH_DATED = `date_precision IN ('day', 'month')`;
let db: DuckDBConnection;
let k: number;

beforeAll(async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'slice-terms-')), 'out');
  const args = ['--input', 'data/arxiv-cs-sample.jsonl.gz', '--out', out, '--k', '12', '--map-sample', '0', '--quiet'];
  const result = await runCli(args);
  expect(result.code, result.stderr).toBe(0);
  db = await parquetViews(out);
  k = (await rows<{ k: number }>('SELECT count(*)::INTEGER AS k FROM clusters'))[0]!.k;
}, 300_000);

async function rows<T>(sql: string): Promise<T[]> {
  return (await db.runAndReadAll(sql)).getRowObjectsJson() as T[];
}

async function sliceTerms(range: DateRange, clusterId: number, n: number): Promise<SliceTerm[]> {
  const months = wholeMonths(range)!;
  const classes = (await runQuery(db, sliceClassTotalsQuery(months))) as unknown as SliceClassTotal[];
  const counts = (await runQuery(db, sliceTermCountsQuery(clusterId, months))) as unknown as SliceTermCount[];
  return rankSliceTerms(counts, classes, clusterId, n);
}

describe('a term that first appears after the range never shows in it', () => {
  test('"MLLMs" first occurs on 2023-05-24 (direct scan of titles and abstracts)', async () => {
    const [first] = await rows<{ first: string }>(`SELECT min(date)::VARCHAR AS first FROM documents WHERE ${WORD}`);
    expect(first!.first).toBe('2023-05-24');
  });

  test('no topic ranks it, among all its candidates, in ranges ending before that day', async () => {
    // 2023-05-23 ends inside May: the partial month is left out, so the paper of 2023-05-24 cannot leak in.
    for (const range of [
      { from: '2022-01-01', to: '2023-04-30' },
      { from: '2022-01-01', to: '2023-05-23' },
      { from: null, to: '2023-05-23' },
    ]) {
      for (let c = 0; c < k; c++) {
        expect((await sliceTerms(range, c, Infinity)).map((t) => t.stem)).not.toContain(STEM);
      }
    }
  });

  // The counterpart of the test above (every candidate, not a top n, which moves with the clustering).
  test('while topics rank it among their candidates in a later range (the test is not vacuous)', async () => {
    const later = { from: '2023-06-01', to: '2026-06-30' };
    const ranked = await Promise.all(Array.from({ length: k }, (_, c) => sliceTerms(later, c, Infinity)));
    expect(ranked.some((terms) => terms.some((t) => t.stem === STEM))).toBe(true);
  });
});

describe('slice counts equal direct counts over documents.parquet', () => {
  const range = { from: '2025-01-01', to: '2025-12-31' };
  const inRange = `date >= DATE '2025-01-01' AND date <= DATE '2025-12-31' AND ${MONTH_DATED}`;

  test("each topic's papers in 2025", async () => {
    const classes = (await runQuery(db, sliceClassTotalsQuery(wholeMonths(range)!))) as unknown as SliceClassTotal[];
    const direct = await rows<{ cluster_id: number; n: number }>(
      `SELECT cluster_id, count(*)::INTEGER AS n FROM documents WHERE ${inRange} GROUP BY ALL ORDER BY cluster_id`,
    );
    expect(classes.map((c) => ({ cluster_id: c.cluster_id, n: c.doc_count }))).toEqual(direct);
  });

  test("the dashboard's class totals, from cluster_month_totals, equal direct counts and the totals of cluster_term_months", async () => {
    const totals = await rows<ClassMonthTotal>(
      'SELECT cluster_id, CAST(period_start AS VARCHAR) AS period_start, term_count, doc_count FROM cluster_month_totals',
    );
    for (const { months, where } of [
      { months: wholeMonths(range)!, where: inRange },
      { months: { first: null, last: null }, where: MONTH_DATED },
      { months: { first: null, last: '2023-05-01' }, where: `${MONTH_DATED} AND date < DATE '2023-06-01'` },
    ]) {
      const classes = sliceClassTotals(totals, months);
      expect(classes).toEqual(await runQuery(db, sliceClassTotalsQuery(months)));
      const direct = await rows<{ cluster_id: number; n: number }>(
        `SELECT cluster_id, count(*)::INTEGER AS n FROM documents WHERE ${where} GROUP BY ALL ORDER BY cluster_id`,
      );
      expect(classes.map((c) => ({ cluster_id: c.cluster_id, n: c.doc_count }))).toEqual(direct);
    }
  });

  test('the papers containing "MLLMs" per topic in 2025, for the topics that have it as a candidate', async () => {
    const direct = new Map(
      (
        await rows<{ cluster_id: number; n: number }>(
          `SELECT cluster_id, count(*)::INTEGER AS n FROM documents WHERE ${inRange} AND ${WORD} GROUP BY ALL`,
        )
      ).map((r) => [r.cluster_id, r.n]),
    );
    let checked = 0;
    for (let c = 0; c < k; c++) {
      const counts = (await runQuery(db, sliceTermCountsQuery(c, wholeMonths(range)!))) as unknown as SliceTermCount[];
      const mine = counts.find((t) => t.stem === STEM);
      if (mine === undefined) continue;
      expect(mine.doc_count, `topic ${c}`).toBe(direct.get(c));
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    const [all] = await rows<{ n: number }>(
      `SELECT sum(doc_count)::INTEGER AS n FROM cluster_term_months WHERE cluster_id IS NULL AND stem = '${STEM}' AND period_start BETWEEN DATE '2025-01-01' AND DATE '2025-12-01'`,
    );
    expect(all!.n).toBe([...direct.values()].reduce((s, n) => s + n, 0));
  });
});
