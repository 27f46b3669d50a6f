/**
 * Class-based TF-IDF of every topic over the whole corpus, with the formula of `src/shared/ctfidf.ts`:
 *
 *   W(t, c) = tf(t, c) / Σ_t' tf(t', c) · ln(1 + A / f(t))
 *
 * Cost O(nnz + k · nCols) time, k · nCols float64 + int32 memory.
 */

import { averageClassTotal, ctfidfIdf, ctfidfWeight } from '../../src/shared/ctfidf.ts';
import { rowsByCluster } from '../cluster/rows-by-cluster.ts';
import type { Csr } from '../features/csr.ts';

export interface ClassTfidf {
  /** k × nCols, row-major: W(t, c) at c · nCols + t; 0 where the cluster lacks the term. */
  weights: Float64Array;
  /** k × nCols: members of cluster c whose row contains term t. */
  docFreq: Int32Array;
}

/** `counts` holds raw counts (not TF-IDF); `labels[i]` in 0..k-1 is row i's cluster. */
export function classTfidf(counts: Csr, labels: Int32Array, k: number): ClassTfidf {
  const { nCols, indptr, indices, data } = counts;
  const weights = new Float64Array(k * nCols);
  const docFreq = new Int32Array(k * nCols);
  const classTotal = new Float64Array(k);
  const termTotal = new Float64Array(nCols);
  // Cluster by cluster: the same sums as in row order (see `rows-by-cluster.ts`), a fraction of the cache misses;
  // termTotal adds whole counts, exact in any order.
  const { start, order } = rowsByCluster(labels, k);
  for (let c = 0; c < k; c++) {
    const base = c * nCols;
    let total = 0;
    for (let r = start[c]!; r < start[c + 1]!; r++) {
      const i = order[r]!;
      for (let j = indptr[i]!; j < indptr[i + 1]!; j++) {
        const t = indices[j]!;
        const v = data[j]!;
        weights[base + t]! += v;
        if (v !== 0) docFreq[base + t]!++;
        total += v;
        termTotal[t]! += v;
      }
    }
    classTotal[c] = total;
  }
  const averageWords = averageClassTotal(classTotal);
  const idf = termTotal.map((f) => ctfidfIdf(averageWords, f));
  for (let c = 0; c < k; c++) {
    const total = classTotal[c]!;
    for (let t = 0; t < nCols; t++) {
      const at = c * nCols + t;
      weights[at] = ctfidfWeight(weights[at]!, total, idf[t]!);
    }
  }
  return { weights, docFreq };
}
