/**
 * Counts the distinct rows of a sparse matrix (same columns, same float32 values), up to a limit: k-means
 * cannot fill more clusters than there are distinct documents, so `--k` and the `--k auto` candidates are capped
 * by this count. Rows are hashed (FNV-1a over column ids and value bits) and compared exactly on a hash hit.
 * O(nnz of the rows scanned); the scan stops once `limit` distinct rows are seen, which on real corpora is
 * within the first rows.
 */
import type { Csr } from '../features/csr.ts';

export function countDistinctRows(X: Csr, limit: number): number {
  const { indptr, indices } = X;
  const bits = new Uint32Array(X.data.buffer, X.data.byteOffset, X.data.length);
  const byHash = new Map<number, number[]>();
  let distinct = 0;
  for (let r = 0; r < X.nRows && distinct < limit; r++) {
    let hash = 0x811c9dc5;
    for (let j = indptr[r]!; j < indptr[r + 1]!; j++) {
      hash = Math.imul(hash ^ indices[j]!, 0x01000193);
      hash = Math.imul(hash ^ bits[j]!, 0x01000193);
    }
    const rows = byHash.get(hash);
    if (rows === undefined) {
      byHash.set(hash, [r]);
      distinct++;
    } else if (!rows.some((other) => sameRow(X, bits, r, other))) {
      rows.push(r);
      distinct++;
    }
  }
  return distinct;
}

function sameRow(X: Csr, bits: Uint32Array, a: number, b: number): boolean {
  const { indptr, indices } = X;
  const length = indptr[a + 1]! - indptr[a]!;
  if (length !== indptr[b + 1]! - indptr[b]!) return false;
  for (let i = 0; i < length; i++) {
    const ja = indptr[a]! + i;
    const jb = indptr[b]! + i;
    if (indices[ja] !== indices[jb] || bits[ja] !== bits[jb]) return false;
  }
  return true;
}
