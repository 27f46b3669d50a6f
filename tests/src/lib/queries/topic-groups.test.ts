import { describe, expect, test } from 'vitest';
import type { ClusterRow, TrendRow } from '../../../../src/schema.ts';
import { groupClusterRows, groupTrendRows, topicsOf } from '../../../../src/lib/queries/topic-groups.ts';

const trend = (cluster_id: number, doc_count: number, period_total: number): TrendRow => ({
  granularity: 'month',
  period_start: '2024-01-01',
  cluster_id,
  doc_count,
  period_total,
  share: doc_count / period_total,
  coverage: 1,
});

describe('groupTrendRows(rows, shownIdOf)', () => {
  test('adds counts exactly and recomputes the share from them; topics outside the map stay as they are', () => {
    const rows = [trend(0, 1, 3), trend(1, 1, 3), trend(2, 1, 3)];
    const grouped = groupTrendRows(rows, new Map([[2, 0]]));
    expect(grouped.map((r) => [r.cluster_id, r.doc_count, r.share])).toEqual([
      [0, 2, 2 / 3],
      [1, 1, 1 / 3],
    ]);
    // 1/3 + 1/3 is not 2/3 in floating point; the grouped share is doc_count / period_total, as the pipeline's.
    expect(rows[0]!.share).toBe(1 / 3);
    expect(groupTrendRows(rows, new Map())).toBe(rows);
  });
});

describe('groupClusterRows(rows, grouping)', () => {
  test('one row per shown id, sizes added, named, no stored growth for a group', () => {
    const row = (cluster_id: number, size: number): ClusterRow =>
      ({ cluster_id, size, label: `t${cluster_id}`, growth: 0.5, growth_z: 2 }) as ClusterRow;
    const grouping = { shownIdOf: new Map([[3, 1]]), nameOf: new Map([[1, 'One and three']]) };
    const grouped = groupClusterRows([row(3, 5), row(1, 2), row(0, 1)], grouping);
    expect(grouped.map((r) => [r.cluster_id, r.label, r.size, r.growth])).toEqual([
      [0, 't0', 1, 0.5],
      [1, 'One and three', 7, null],
    ]);
    expect(topicsOf(1, grouping)).toEqual([1, 3]);
    expect(topicsOf(0, grouping)).toEqual([0]);
  });
});
