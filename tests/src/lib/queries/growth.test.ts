import { describe, expect, test } from 'vitest';
import { rankGrowth, type ClusterGrowth } from '../../../../src/lib/queries/growth.ts';

describe('rankGrowth(rows, limit)', () => {
  const row = (cluster_id: number, growth: number | null, trend_direction: ClusterGrowth['trend_direction']) => ({
    cluster_id,
    label: `t${cluster_id}`,
    growth,
    growth_z: growth,
    trend_direction,
  });

  test('ranks significant risers by growth descending and fallers ascending, steady ones left out', () => {
    const ranked = rankGrowth(
      [row(0, 1, 'rising'), row(1, 5, 'rising'), row(2, 9, 'steady'), row(3, -2, 'falling'), row(4, -7, 'falling')],
      5,
    );
    expect(ranked.rising.map((r) => r.cluster_id)).toEqual([1, 0]);
    expect(ranked.falling.map((r) => r.cluster_id)).toEqual([4, 3]);
  });

  test('keeps at most `limit` of each; ties go to the lower cluster id', () => {
    const ranked = rankGrowth([row(5, 2, 'rising'), row(2, 2, 'rising'), row(3, 1, 'rising')], 2);
    expect(ranked.rising.map((r) => r.cluster_id)).toEqual([2, 5]);
  });
});
