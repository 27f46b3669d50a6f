import { beforeAll, expect, test } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { emptyTables, runQuery } from '../../node-duckdb.ts';
import {
  rankSliceTerms,
  wholeMonths,
  type SliceClassTotal,
  type SliceTermCount,
} from '../../../../src/lib/queries/slice-terms.ts';
import { sliceClassTotalsQuery, sliceTermCountsQuery } from '../../../reference-sql/slice-terms.ts';

test('wholeMonths(range) keeps the months that lie entirely inside the range', () => {
  expect(wholeMonths({ from: '2025-01-01', to: '2025-12-31' })).toEqual({ first: '2025-01-01', last: '2025-12-01' });
  expect(wholeMonths({ from: '2025-01-15', to: '2025-12-30' })).toEqual({ first: '2025-02-01', last: '2025-11-01' });
  expect(wholeMonths({ from: '2024-02-01', to: '2024-02-29' })).toEqual({ first: '2024-02-01', last: '2024-02-01' });
  expect(wholeMonths({ from: null, to: '2023-01-31' })).toEqual({ first: null, last: '2023-01-01' });
  expect(wholeMonths({ from: '2023-12-02', to: null })).toEqual({ first: '2024-01-01', last: null });
  expect(wholeMonths({ from: null, to: null })).toEqual({ first: null, last: null });
});

test('wholeMonths(range) is null when the range holds no whole month', () => {
  expect(wholeMonths({ from: '2025-03-05', to: '2025-03-20' })).toBeNull();
  expect(wholeMonths({ from: '2025-03-05', to: '2025-04-20' })).toBeNull();
  expect(wholeMonths({ from: '2025-06-01', to: '2025-01-31' })).toBeNull();
});

let db: DuckDBConnection;

// Topic 0: "graph" in January and March; topic 1: "grpo" only in March. Totals over all terms per topic-month.
beforeAll(async () => {
  db = await emptyTables();
  await db.run(`INSERT INTO cluster_term_months VALUES
    (0, '2025-01-01', NULL, NULL, 4, 2), (0, '2025-01-01', 'graph', 'graph', 2, 1),
    (1, '2025-01-01', NULL, NULL, 4, 1), (1, '2025-01-01', 'model', 'models', 3, 1),
    (NULL, '2025-01-01', 'graph', 'graph', 2, 1), (NULL, '2025-01-01', 'model', 'models', 3, 1),
    (0, '2025-03-01', NULL, NULL, 2, 1), (0, '2025-03-01', 'graph', 'graph', 1, 1),
    (1, '2025-03-01', NULL, NULL, 4, 1), (1, '2025-03-01', 'grpo', 'GRPO', 2, 1), (1, '2025-03-01', 'model', 'models', 1, 1),
    (NULL, '2025-03-01', 'graph', 'graph', 1, 1), (NULL, '2025-03-01', 'grpo', 'GRPO', 2, 1),
    (NULL, '2025-03-01', 'model', 'models', 2, 2)`);
});

async function ranked(clusterId: number, from: string, to: string) {
  const months = wholeMonths({ from, to })!;
  const classes = (await runQuery(db, sliceClassTotalsQuery(months))) as unknown as SliceClassTotal[];
  const counts = (await runQuery(db, sliceTermCountsQuery(clusterId, months))) as unknown as SliceTermCount[];
  return { classes, counts, terms: rankSliceTerms(counts, classes, clusterId, 10) };
}

test('the slice queries sum the rows of the whole months in the range', async () => {
  const { classes, counts } = await ranked(1, '2025-01-01', '2025-03-31');
  expect(classes).toEqual([
    { cluster_id: 0, term_total: 6, doc_count: 3 },
    { cluster_id: 1, term_total: 8, doc_count: 2 },
  ]);
  expect(counts).toEqual([
    { stem: 'grpo', term: 'GRPO', term_count: 2, doc_count: 1, term_total: 2 },
    { stem: 'model', term: 'models', term_count: 4, doc_count: 2, term_total: 5 },
  ]);
});

test('rankSliceTerms weighs the sums by c-TF-IDF: tf / class total · ln(1 + A / f)', async () => {
  // A = (6 + 8) / 2 = 7. grpo: 2/8 · ln(1 + 7/2); model: 4/8 · ln(1 + 7/5).
  const { terms } = await ranked(1, '2025-01-01', '2025-03-31');
  expect(terms).toEqual([
    { rank: 1, term: 'models', stem: 'model', weight: (4 / 8) * Math.log(1 + 7 / 5), doc_count: 2 },
    { rank: 2, term: 'GRPO', stem: 'grpo', weight: (2 / 8) * Math.log(1 + 7 / 2), doc_count: 1 },
  ]);
});

test('a term first counted in March never ranks in a range ending in February', async () => {
  expect((await ranked(1, '2025-01-01', '2025-02-28')).terms.map((t) => t.stem)).toEqual(['model']);
  // Ending on 2025-03-30 leaves March out (a partial month), so GRPO stays out too.
  expect((await ranked(1, '2025-01-01', '2025-03-30')).terms.map((t) => t.stem)).toEqual(['model']);
});

test('a topic without papers in the months has no terms', async () => {
  expect((await ranked(0, '2025-02-01', '2025-02-28')).terms).toEqual([]);
});
