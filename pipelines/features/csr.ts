/**
 * Compressed sparse row matrices for document x term data (rows = documents): row `r` holds columns
 * `indices[indptr[r] .. indptr[r + 1])`, ascending, with values `data[...]` (scipy's `csr_matrix` layout).
 * Int32 offsets limit a matrix to 2^31 - 1 stored values (~10^8 are expected at 10^6 abstracts).
 */

export interface Csr {
  nRows: number;
  nCols: number;
  /** Length nRows + 1; indptr[0] = 0, indptr[nRows] = number of stored values. */
  indptr: Int32Array;
  indices: Int32Array;
  data: Float32Array;
}

export function rowL2Norm(matrix: Csr, row: number): number {
  let sumOfSquares = 0;
  for (let k = matrix.indptr[row]!; k < matrix.indptr[row + 1]!; k++) sumOfSquares += matrix.data[k]! ** 2;
  return Math.sqrt(sumOfSquares);
}

/** Row `row` as a dense array of length nCols (for tests and small matrices). */
export function denseRow(matrix: Csr, row: number): number[] {
  const out = new Array<number>(matrix.nCols).fill(0);
  for (let k = matrix.indptr[row]!; k < matrix.indptr[row + 1]!; k++) out[matrix.indices[k]!] = matrix.data[k]!;
  return out;
}

/** Number of rows in which each column has a stored value (sklearn's `_document_frequency`). */
export function columnCounts(matrix: Csr): Int32Array {
  const counts = new Int32Array(matrix.nCols);
  const nnz = matrix.indptr[matrix.nRows]!;
  for (let k = 0; k < nnz; k++) counts[matrix.indices[k]!]!++;
  return counts;
}
