import { describe, expect, it } from 'vitest';
import { ClusterSpace } from '../../../pipelines/cluster/cluster-space.ts';
import { denseRow, type Csr } from '../../../pipelines/features/csr.ts';

// Columns: two unigrams around a bigram, as the sorted vocabulary interleaves them.
const STEMS = ['graph', 'graph neural', 'neural'];

function csr(rows: number[][]): Csr {
  const indptr = [0];
  const indices: number[] = [];
  const data: number[] = [];
  for (const row of rows) {
    row.forEach((value, column) => {
      if (value === 0) return;
      indices.push(column);
      data.push(value);
    });
    indptr.push(indices.length);
  }
  return {
    nRows: rows.length,
    nCols: STEMS.length,
    indptr: Int32Array.from(indptr),
    indices: Int32Array.from(indices),
    data: Float32Array.from(data),
  };
}

function expectClose(actual: ArrayLike<number>, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((value, i) => expect(actual[i]).toBeCloseTo(value, 15));
}

describe('ClusterSpace(stems, terms)', () => {
  const matrix = csr([
    [0.48, 0.6, 0.64],
    [0, 1, 0],
    [0.6, 0, 0.8],
  ]);

  it("rows(matrix) with 'all' is the matrix itself", () => {
    expect(new ClusterSpace(STEMS, 'all').rows(matrix)).toBe(matrix);
  });

  it("rows(matrix) with 'unigrams' drops bigram values and L2-normalises again; a bigram-only row becomes zero", () => {
    const rows = new ClusterSpace(STEMS, 'unigrams').rows(matrix);
    const norm = Math.hypot(Math.fround(0.48), Math.fround(0.64));
    expect(denseRow(rows, 0)).toEqual([Math.fround(0.48) / norm, 0, Math.fround(0.64) / norm].map(Math.fround));
    expect(denseRow(rows, 1)).toEqual([0, 0, 0]);
    expect(denseRow(rows, 2)).toEqual([0.6, 0, 0.8].map(Math.fround));
    expect([...rows.indptr]).toEqual([0, 2, 2, 4]);
    expect(rows.indices.buffer).toBeInstanceOf(SharedArrayBuffer); // the assignment threads read it in place
  });

  it('centroids(centroids) zeroes the bigram columns and renormalises, leaving rows already in the space as they are', () => {
    const inSpace = 1 / 3; // (1/3, 0, sqrt(8)/3) has unit norm up to rounding; it must come back bit for bit
    const centroids = Float64Array.from([0.48, 0.6, 0.64, inSpace, 0, Math.sqrt(8) / 3, 0, 1, 0]);
    const moved = new ClusterSpace(STEMS, 'unigrams').centroids(centroids);
    expectClose(
      moved.subarray(0, 3),
      [0.6, 0, 0.8].map((v) => v),
    );
    expect([...moved.subarray(3, 6)]).toEqual([inSpace, 0, Math.sqrt(8) / 3]);
    expect([...moved.subarray(6, 9)]).toEqual([0, 0, 0]);
    expect(new ClusterSpace(STEMS, 'all').centroids(centroids)).toBe(centroids);
  });

  it("termCentroids(matrix, labels, centroids, k) is each topic's normalised mean over every column", () => {
    const centroids = Float64Array.from([1, 0, 0, 0, 0, 1]);
    const labels = Int32Array.from([0, 0, 1]);
    const full = new ClusterSpace(STEMS, 'unigrams').termCentroids(matrix, labels, centroids, 2);
    // Topic 0 holds rows 0 and 1 (the bigram-only row counts here), topic 1 row 2.
    const sum = [Math.fround(0.48), Math.fround(0.6) + 1, Math.fround(0.64)];
    expectClose(
      full.subarray(0, 3),
      sum.map((v) => v / Math.hypot(...sum)),
    );
    const row2 = [Math.fround(0.6), 0, Math.fround(0.8)];
    expectClose(
      full.subarray(3, 6),
      row2.map((v) => v / Math.hypot(...row2)),
    );
    expect(new ClusterSpace(STEMS, 'all').termCentroids(matrix, labels, centroids, 2)).toBe(centroids);
  });
});
