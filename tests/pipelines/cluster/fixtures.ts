/** Builders for small CSR matrices in tests. */

import fc from 'fast-check';
import type { Csr } from '../../../pipelines/features/csr.ts';

/** CSR from dense rows; `normalize` scales each nonzero row to unit L2 norm. */
export function csrFromDense(rows: readonly (readonly number[])[], normalize = true): Csr {
  const nCols = rows[0]?.length ?? 0;
  const indptr = new Int32Array(rows.length + 1);
  const indices: number[] = [];
  const data: number[] = [];
  rows.forEach((row, i) => {
    const norm = normalize ? Math.hypot(...row) : 1;
    row.forEach((v, t) => {
      if (v !== 0) {
        indices.push(t);
        data.push(v / norm);
      }
    });
    indptr[i + 1] = indices.length;
  });
  return { nRows: rows.length, nCols, indptr, indices: Int32Array.from(indices), data: Float32Array.from(data) };
}

/** Row-major k × nCols from rows, each scaled to unit norm. */
export function unitCentroids(rows: readonly (readonly number[])[]): Float64Array {
  return Float64Array.from(rows.flatMap((row) => row.map((v) => v / Math.hypot(...row))));
}

/** Cosine of row i to every centroid, summed in the kernel's order (row nonzeros ascending). */
export function similaritiesToAll(X: Csr, centroids: Float64Array, k: number, i: number): number[] {
  return Array.from({ length: k }, (_, c) => {
    let s = 0;
    for (let j = X.indptr[i]!; j < X.indptr[i + 1]!; j++) s += X.data[j]! * centroids[c * X.nCols + X.indices[j]!]!;
    return s;
  });
}

/** Non-negative unit-norm sparse rows (TF-IDF-like) with at least one nonzero each, plus a valid k. */
export const tfidfLike = fc
  .record({ nRows: fc.integer({ min: 2, max: 40 }), nCols: fc.integer({ min: 2, max: 15 }) })
  .chain(({ nRows, nCols }) =>
    fc.record({
      rows: fc.array(
        fc
          .array(fc.oneof(fc.constant(0), fc.constant(0), fc.double({ min: 0.05, max: 5, noNaN: true })), {
            minLength: nCols,
            maxLength: nCols,
          })
          .filter((row) => row.some((v) => v > 0)),
        { minLength: nRows, maxLength: nRows },
      ),
      k: fc.integer({ min: 1, max: nRows }),
    }),
  )
  .map(({ rows, k }) => ({ X: csrFromDense(rows), k }));
