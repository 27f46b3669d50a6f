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

/**
 * Typed arrays for matrices that worker threads read (the pipeline's count and TF-IDF matrices): backed by a
 * SharedArrayBuffer, so the k-means assignment threads use them in place. Copying X into shared memory for
 * them cost 1.1 GB of peak memory at 10^6 documents (measured RSS over the run).
 */
export function sharedInt32Array(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * length));
}

export function sharedFloat32Array(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(4 * length));
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
