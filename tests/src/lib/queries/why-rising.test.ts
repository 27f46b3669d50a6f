import { describe, expect, it } from 'vitest';
import type { TrendRow } from '../../../../src/schema.ts';
import { growthMonths, monthSpan, monthsOfPeriod } from '../../../../src/lib/queries/growth-months.ts';
import {
  papersByCluster,
  termChanges,
  whyPaperRecords,
  whyTermRecords,
  WHY_TERM_COLUMNS,
  type WindowTermCount,
} from '../../../../src/lib/queries/why-rising.ts';
import { windowTermCountsQuery } from '../../../reference-sql/why-rising.ts';
import { windowPapersQuery } from '../../../reference-sql/window-papers.ts';
import { pickWindowPapers, type WindowPaper, type WindowPaperRow } from '../../../../src/lib/queries/window-papers.ts';
import { logOdds } from '../../../../src/shared/log-odds.ts';
import { emptyTables, runQuery } from '../../node-duckdb.ts';

const OPTIONS = { window: 2, minPapers: 20 };
const OPEN = { from: null, to: null };

/** One cluster's rows of `granularity`, 100 papers a period (coverage 1), at the given period starts. */
function grid(granularity: TrendRow['granularity'], starts: readonly string[]): TrendRow[] {
  return starts.map((period_start) => ({
    granularity,
    period_start,
    cluster_id: 0,
    doc_count: 10,
    period_total: 100,
    share: 0.1,
    coverage: 1,
  }));
}
const MONTHS = ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01'];

describe('monthsOfPeriod(periodStart, granularity)', () => {
  it('maps a month to itself, a quarter to its 3 months and a year to its 12', () => {
    expect(monthsOfPeriod('2024-03-01', 'month')).toEqual(['2024-03-01']);
    expect(monthsOfPeriod('2024-10-01', 'quarter')).toEqual(['2024-10-01', '2024-11-01', '2024-12-01']);
    expect(monthsOfPeriod('2024-01-01', 'year')).toHaveLength(12);
    expect(monthsOfPeriod('2024-01-01', 'year').at(-1)).toBe('2024-12-01');
  });

  it('maps an ISO week to the month of its Thursday', () => {
    // Monday 2024-01-29: Thursday is 1 February. Monday 2024-02-26: Thursday is 29 February (a leap day).
    expect(monthsOfPeriod('2024-01-29', 'week')).toEqual(['2024-02-01']);
    expect(monthsOfPeriod('2024-02-26', 'week')).toEqual(['2024-02-01']);
    expect(monthsOfPeriod('2024-12-30', 'week')).toEqual(['2025-01-01']);
  });
});

describe('growthMonths(rows, granularity, range, options)', () => {
  it('gives growth windows as months: the last two months that count against the two before', () => {
    expect(growthMonths(grid('month', MONTHS), 'month', OPEN, OPTIONS)).toEqual({
      before: ['2024-02-01', '2024-03-01'],
      recent: ['2024-04-01', '2024-05-01'],
    });
  });

  it('lays the windows in the range, and drops a month the range covers only in part', () => {
    // The range starts mid-January (so growth's periods are February to May) and ends 20 May: May is not whole.
    const months = growthMonths(grid('month', MONTHS), 'month', { from: '2024-01-15', to: '2024-05-20' }, OPTIONS);
    expect(months).toEqual({ before: ['2024-02-01', '2024-03-01'], recent: ['2024-04-01'] });
  });

  it('is null with fewer than 2 × window periods, or when a window keeps no whole month', () => {
    expect(growthMonths(grid('month', MONTHS.slice(0, 3)), 'month', OPEN, OPTIONS)).toBeNull();
    expect(growthMonths(grid('month', MONTHS), 'month', { from: '2024-02-01', to: '2024-05-20' }, OPTIONS)).toEqual({
      before: ['2024-02-01', '2024-03-01'],
      recent: ['2024-04-01'],
    });
    expect(growthMonths(grid('month', MONTHS), 'month', { from: '2024-04-10', to: '2024-05-20' }, OPTIONS)).toBeNull();
  });

  it('maps quarters to their months and gives a month reached by weeks of both windows to the recent one', () => {
    const quarters = grid('quarter', ['2024-01-01', '2024-04-01', '2024-07-01', '2024-10-01']);
    expect(growthMonths(quarters, 'quarter', OPEN, OPTIONS)).toEqual({
      before: ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01'],
      recent: ['2024-07-01', '2024-08-01', '2024-09-01', '2024-10-01', '2024-11-01', '2024-12-01'],
    });
    // Thursdays 8, 15, 22, 29 February: the earlier window is two February weeks, the recent one February and March.
    const weeks = grid('week', ['2024-02-05', '2024-02-12', '2024-02-26', '2024-03-04']);
    expect(growthMonths(weeks, 'week', OPEN, OPTIONS)).toBeNull();
    const weeks2 = grid('week', ['2024-01-22', '2024-01-29', '2024-02-26', '2024-03-04']);
    expect(growthMonths(weeks2, 'week', OPEN, OPTIONS)).toEqual({
      before: ['2024-01-01'],
      recent: ['2024-02-01', '2024-03-01'],
    });
  });
});

const row = (cluster_id: number, stem: string | null, count_before: number, count_recent: number): WindowTermCount => ({
  cluster_id,
  stem,
  term: stem === null ? null : `${stem}s`,
  count_before,
  count_recent,
  docs_before: count_before,
  docs_recent: count_recent,
});

describe('termChanges(rows, limit, minZ, priorTotal)', () => {
  const rows = [
    row(0, null, 1000, 1000),
    row(0, 'agent', 10, 60),
    row(0, 'graph', 80, 20),
    row(0, 'model', 50, 50),
    row(0, 'robot', 20, 40),
    row(0, 'ghost', 0, 0),
    row(1, 'orphan', 5, 9),
  ];

  it('scores each term by log-odds, recent against before, and keeps |z| >= minZ, strongest first', () => {
    const changes = termChanges(rows, 5, 1.96, 100);
    expect([...changes.keys()]).toEqual([0]);
    const topic = changes.get(0)!;
    expect(topic.growing.map((t) => t.stem)).toEqual(['agent', 'robot']);
    expect(topic.shrinking.map((t) => t.stem)).toEqual(['graph']);
    expect(topic.growing[0]!.z).toBe(logOdds(60, 1000, 10, 1000, 100).z);
    expect(topic.growing[0]!.term).toBe('agents');
    expect(topic).toMatchObject({ total_before: 1000, total_recent: 1000, papers_before: 1000, papers_recent: 1000 });
  });

  it('cuts each list to `limit`, and lists every term with minZ 0', () => {
    const topic = termChanges(rows, 1, 0, 100).get(0)!;
    expect(topic.growing.map((t) => t.stem)).toEqual(['agent']);
    expect(topic.shrinking.map((t) => t.stem)).toEqual(['graph']);
  });

  it('leaves out a topic whose window holds no term at all', () => {
    expect(termChanges([row(0, null, 0, 500), row(0, 'agent', 0, 60)], 5, 0).size).toBe(0);
  });
});

describe('whyTermRecords(topics, changes, months, priorTotal) and whyPaperRecords(topics, papers)', () => {
  const months = { before: ['2024-01-01', '2024-02-01'], recent: ['2024-03-01', '2024-04-01'] };
  const topics = [
    { cluster_id: 1, label: 'none', trend_direction: 'falling' },
    { cluster_id: 0, label: 'agents', trend_direction: 'rising' },
  ];

  it("lists each shown topic's growing then shrinking terms with the windows, in the columns declared", () => {
    const changes = termChanges(
      [row(0, null, 1000, 1000), row(0, 'agent', 10, 60), row(0, 'graph', 80, 20)],
      5,
      0,
      100,
    );
    const records = whyTermRecords(topics, changes, months, 100);
    expect(records.map((r) => [r.cluster_id, r.change, r.rank, r.stem])).toEqual([
      [0, 'growing', 1, 'agent'],
      [0, 'shrinking', 1, 'graph'],
    ]);
    expect(Object.keys(records[0]!)).toEqual([...WHY_TERM_COLUMNS]);
    expect(records[0]).toMatchObject({ months_before: '2024-01-01 2024-02-01', prior_total: 100, total_recent: 1000 });
    expect(monthSpan(months.recent)).toBe('2024-03 to 2024-04');
    expect(monthSpan([])).toBe('');
  });

  it('lists the papers of the shown topics in their order', () => {
    const paper = { cluster_id: 0, rank: 1, doc_id: 'x', title: 'X', date: '2024-03-02', similarity: 0.5 };
    expect(whyPaperRecords(topics, new Map([[0, [paper]]]))).toEqual([
      {
        cluster_id: 0,
        label: 'agents',
        trend_direction: 'rising',
        rank: 1,
        doc_id: 'x',
        title: 'X',
        date: '2024-03-02',
        similarity: 0.5,
      },
    ]);
  });
});

describe('the why-rising queries on DuckDB', () => {
  const months = { before: ['2024-01-01', '2024-02-01'], recent: ['2024-03-01', '2024-04-01'] };

  it('windowTermCountsQuery sums each term and the topic total over the months of each window', async () => {
    const db = await emptyTables();
    await db.run(`INSERT INTO cluster_term_months VALUES
      (0, '2023-12-01', 'agent', 'agents', 99, 9), (0, '2024-01-01', 'agent', 'agents', 1, 1),
      (0, '2024-02-01', 'agent', 'agents', 2, 2), (0, '2024-03-01', 'agent', 'agents', 4, 3),
      (0, '2024-04-01', 'agent', 'agents', 8, 5), (0, '2024-05-01', 'agent', 'agents', 99, 9),
      (0, '2024-01-01', NULL, NULL, 100, 10), (0, '2024-03-01', NULL, NULL, 300, 30),
      (0, '2024-04-01', NULL, NULL, 200, 20), (NULL, '2024-03-01', 'agent', 'agents', 50, 40),
      (1, '2024-03-01', 'graph', 'graphs', 7, 7), (2, '2024-03-01', 'robot', 'robots', 7, 7)`);
    const rows = await runQuery(db, windowTermCountsQuery([0, 1], months));
    expect(rows).toEqual([
      { cluster_id: 0, stem: null, term: null, count_before: 100, count_recent: 500, docs_before: 10, docs_recent: 50 },
      {
        cluster_id: 0,
        stem: 'agent',
        term: 'agents',
        count_before: 3,
        count_recent: 12,
        docs_before: 3,
        docs_recent: 8,
      },
      {
        cluster_id: 1,
        stem: 'graph',
        term: 'graphs',
        count_before: 0,
        count_recent: 7,
        docs_before: 0,
        docs_recent: 7,
      },
    ]);
  });

  it('pickWindowPapers, as windowPapersQuery, takes the recent months’ papers dated to the day or month, closest to the centroid first', async () => {
    const db = await emptyTables();
    const doc = (id: string, cluster: number, date: string, precision: string, similarity: number): string =>
      `('${id}', 'Title ${id}', '', '${date}', '${precision}', [], 'test', ${cluster}, ${similarity}, NULL)`;
    await db.run(`INSERT INTO documents VALUES
      ${doc('old', 0, '2024-02-10', 'day', 0.99)}, ${doc('later', 0, '2024-05-01', 'day', 0.98)},
      ${doc('year', 0, '2024-01-01', 'year', 0.97)}, ${doc('a', 0, '2024-03-05', 'day', 0.5)},
      ${doc('b', 0, '2024-04-30', 'day', 0.7)}, ${doc('c', 0, '2024-04-01', 'month', 0.7)},
      ${doc('d', 0, '2024-03-20', 'day', 0.1)}, ${doc('e', 1, '2024-03-20', 'day', 0.3)},
      ${doc('f', 2, '2024-03-20', 'day', 0.3)}`);
    const papers = (await runQuery(db, windowPapersQuery([0, 1], months, 3))) as unknown as WindowPaper[];
    const rows = (
      await db.runAndReadAll(
        "SELECT cluster_id, doc_id, title, strftime(date, '%Y-%m-%d') AS date, date_precision, similarity FROM documents",
      )
    ).getRowObjectsJson() as unknown as WindowPaperRow[];
    expect(pickWindowPapers(rows, [1, 0], months, 3)).toEqual(papers);
    expect(papers.map((p) => [p.cluster_id, p.rank, p.doc_id, p.date])).toEqual([
      [0, 1, 'b', '2024-04-30'],
      [0, 2, 'c', '2024-04-01'],
      [0, 3, 'a', '2024-03-05'],
      [1, 1, 'e', '2024-03-20'],
    ]);
    expect([...papersByCluster(papers).keys()]).toEqual([0, 1]);
    expect(
      papersByCluster(papers)
        .get(0)!
        .map((p) => p.doc_id),
    ).toEqual(['b', 'c', 'a']);
  });
});
