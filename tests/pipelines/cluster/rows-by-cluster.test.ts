import { describe, expect, it } from 'vitest';
import { rowsByCluster } from '../../../pipelines/cluster/rows-by-cluster.ts';

describe('rowsByCluster', () => {
  it('lists each cluster its rows, ascending, clusters in order', () => {
    const labels = Int32Array.from([2, 0, 2, 1, 0, 2, 3, 0]);
    const { start, order } = rowsByCluster(labels, 5);
    expect(Array.from(start)).toEqual([0, 3, 4, 7, 8, 8]);
    expect(Array.from(order)).toEqual([1, 4, 7, 3, 0, 2, 5, 6]);
  });

  it('gives every row once, under its own cluster', () => {
    const k = 7;
    const labels = Int32Array.from({ length: 1000 }, (_, i) => (i * 7919) % k);
    const { start, order } = rowsByCluster(labels, k);
    expect(new Set(order).size).toBe(labels.length);
    for (let c = 0; c < k; c++) {
      const rows = Array.from(order.subarray(start[c], start[c + 1]));
      expect(rows.every((row) => labels[row] === c)).toBe(true);
      expect(rows).toEqual([...rows].sort((a, b) => a - b));
    }
  });
});
