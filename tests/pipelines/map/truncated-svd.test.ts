import { describe, expect, it } from 'vitest';
import { symmetricEigen, truncatedSvd } from '../../../pipelines/map/truncated-svd.ts';
import type { Csr } from '../../../pipelines/features/csr.ts';

describe('symmetricEigen(matrix, size)', () => {
  it('finds eigenvalues 3 and 1 of [[2, 1], [1, 2]] with eigenvectors (1, ±1)/√2', () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    const order = values[0]! > values[1]! ? [0, 1] : [1, 0];
    expect(values[order[0]!]).toBeCloseTo(3, 12);
    expect(values[order[1]!]).toBeCloseTo(1, 12);
    const top = [vectors[order[0]!]!, vectors[2 + order[0]!]!];
    expect(Math.abs(top[0]!)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(top[0]! * top[1]!).toBeCloseTo(0.5, 12);
  });
});

describe('truncatedSvd(matrix, rows, options)', () => {
  // Rows of diag(3, 2, 1) padded with a zero column: singular values 3, 2, 1, so U Σ = the rows themselves up to sign.
  const matrix: Csr = {
    nRows: 3,
    nCols: 4,
    indptr: Int32Array.from([0, 1, 2, 3]),
    indices: Int32Array.from([0, 1, 2]),
    data: Float32Array.from([3, 2, 1]),
  };

  it('recovers the singular values of a small exact-rank matrix, largest first', () => {
    const embedding = truncatedSvd(matrix, Int32Array.from([0, 1, 2]), { nComponents: 2, seed: 1 });
    expect(embedding.length).toBe(6);
    // Component c of row i is ±σ_c when i = c, else 0.
    expect(Math.abs(embedding[0]!)).toBeCloseTo(3, 9);
    expect(Math.abs(embedding[3]!)).toBeCloseTo(2, 9);
    expect(embedding[1]!).toBeCloseTo(0, 9);
    expect(embedding[4]!).toBeCloseTo(0, 9);
  });

  it('is a function of the seed: the same seed gives identical bits', () => {
    const rows = Int32Array.from([2, 0, 1]);
    expect(truncatedSvd(matrix, rows, { nComponents: 2, seed: 7 })).toEqual(
      truncatedSvd(matrix, rows, { nComponents: 2, seed: 7 }),
    );
  });
});
