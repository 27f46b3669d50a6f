/** Compressed sparse rows: the doc × term matrix every stage after `features/` reads. */

export interface Csr {
  nRows: number;
  nCols: number;
  indptr: Int32Array;
  indices: Int32Array;
  data: Float32Array;
}
