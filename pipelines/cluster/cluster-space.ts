/**
 * The space k-means clusters in (`--cluster-terms`): every TF-IDF column, or the unigram columns only, each row
 * restricted to them and L2-normalised again. Bigrams are a quarter to a third of a row's stored values and mostly
 * repeat its words: on unigrams clustering takes 2-3x less CPU, at an NMI higher on the arXiv benchmark corpora and
 * lower on 20 Newsgroups and arxiv-daily-cs (bench/RESULTS.md, session 5). Centroids keep the shape k × nTerms, zero outside the space, so the saved model, `assign`, `--fit-sample`
 * placing and `--previous` warm starts keep one layout; all of them build rows in the same space
 * (`ModelVectorizer`), so a document gets the same topic on every path. Labels and themes want phrases: they use
 * `termCentroids`, the topics' means over every column. Each method O(nnz) or O(k · nTerms).
 */
import type { ClusterTerms } from '../../src/schema.ts';
import { sharedFloat32Array, sharedInt32Array, type Csr } from '../features/csr.ts';
import { rowsByCluster } from './rows-by-cluster.ts';

export class ClusterSpace {
  /** 1 for a column k-means uses; null when it uses every column. */
  readonly #columns: Uint8Array | null;

  constructor(stems: readonly string[], terms: ClusterTerms) {
    // Bigram stems are "stem1 stem2" (src/schema.ts, `terms.stem`); a unigram stem has no space.
    this.#columns = terms === 'all' ? null : Uint8Array.from(stems, (stem) => (stem.includes(' ') ? 0 : 1));
  }

  /**
   * `matrix`'s rows restricted to the space and L2-normalised again, in shared memory for the assignment threads;
   * `matrix` itself when the space is every column. A row with no value in the space becomes a zero row (k-means
   * gives it topic 0, similarity 0).
   */
  rows(matrix: Csr): Csr {
    const columns = this.#columns;
    if (columns === null) return matrix;
    const { nRows, indptr, indices, data } = matrix;
    let nnz = 0;
    for (let j = 0; j < indptr[nRows]!; j++) nnz += columns[indices[j]!]!;
    const outIndptr = sharedInt32Array(nRows + 1);
    const outIndices = sharedInt32Array(nnz);
    const outData = sharedFloat32Array(nnz);
    let out = 0;
    for (let row = 0; row < nRows; row++) {
      const start = out;
      let sumOfSquares = 0;
      for (let j = indptr[row]!; j < indptr[row + 1]!; j++) {
        if (columns[indices[j]!] === 0) continue;
        const value = data[j]!;
        sumOfSquares += value * value;
        outIndices[out] = indices[j]!;
        outData[out++] = value;
      }
      const norm = Math.sqrt(sumOfSquares);
      if (norm > 0) for (let j = start; j < out; j++) outData[j] = outData[j]! / norm;
      outIndptr[row + 1] = out;
    }
    return { nRows, nCols: matrix.nCols, indptr: outIndptr, indices: outIndices, data: outData };
  }

  /**
   * k × nTerms centroids moved into the space: the other columns zeroed and each row L2-normalised again (a row
   * left all-zero stays zero). A row already in the space is returned unchanged, bit for bit.
   */
  centroids(centroids: Float64Array): Float64Array {
    const columns = this.#columns;
    if (columns === null) return centroids;
    const nCols = columns.length;
    const moved = Float64Array.from(centroids);
    for (let offset = 0; offset < moved.length; offset += nCols) {
      let outside = false;
      let sumOfSquares = 0;
      for (let t = 0; t < nCols; t++) {
        const value = moved[offset + t]!;
        if (columns[t] === 1) sumOfSquares += value * value;
        else if (value !== 0) {
          outside = true;
          moved[offset + t] = 0;
        }
      }
      if (!outside || sumOfSquares === 0) continue;
      const scale = 1 / Math.sqrt(sumOfSquares);
      for (let t = 0; t < nCols; t++) moved[offset + t]! *= scale;
    }
    return moved;
  }

  /**
   * The topics' centroids over every column of `matrix` (the normalised mean of each topic's rows), for labels and
   * themes: `centroids` itself when k-means already ran on every column.
   */
  termCentroids(matrix: Csr, labels: Int32Array, centroids: Float64Array, k: number): Float64Array {
    if (this.#columns === null) return centroids;
    const { nCols, indptr, indices, data } = matrix;
    const sums = new Float64Array(k * nCols);
    // Cluster by cluster: the same sums as in row order (see `rows-by-cluster.ts`), a fraction of the cache misses.
    const { start, order } = rowsByCluster(labels, k);
    for (let c = 0; c < k; c++) {
      const base = c * nCols;
      for (let r = start[c]!; r < start[c + 1]!; r++) {
        const row = order[r]!;
        for (let j = indptr[row]!; j < indptr[row + 1]!; j++) sums[base + indices[j]!]! += data[j]!;
      }
    }
    for (let offset = 0; offset < sums.length; offset += nCols) {
      let sumOfSquares = 0;
      for (let t = 0; t < nCols; t++) sumOfSquares += sums[offset + t]! ** 2;
      if (sumOfSquares === 0) continue;
      const scale = 1 / Math.sqrt(sumOfSquares);
      for (let t = 0; t < nCols; t++) sums[offset + t]! *= scale;
    }
    return sums;
  }
}
