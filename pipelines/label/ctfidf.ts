/**
 * Class-based TF-IDF (Grootendorst 2022, BERTopic `ClassTfidfTransformer` defaults) over raw term counts:
 *
 *   W(t, c) = tf(t, c) / Σ_t' tf(t', c) · ln(1 + A / f(t))
 *
 * tf(t, c) = count of term t in the docs of cluster c (L1-normalised per cluster, as BERTopic), f(t) = count of
 * t over all clusters, A = mean total count per nonempty cluster. BERTopic truncates A to an integer; we keep
 * the exact mean. Cost O(nnz + k · nCols) time, k · nCols float64 + int32 memory.
 */

import type { Csr } from '../features/csr.ts';

export interface TopTerm {
  /** Column index into the vocabulary. */
  term: number;
  weight: number;
  /** Members of the cluster whose row contains the term. */
  docFreq: number;
}

/**
 * The `topN` highest-weighted terms of each cluster (weight > 0 only), best first, ties by column index.
 * `counts` holds raw counts (not TF-IDF); `labels[i]` in 0..k-1 is row i's cluster.
 */
export function topTermsPerCluster(counts: Csr, labels: Int32Array, k: number, topN: number): TopTerm[][] {
  const { nRows, nCols, indptr, indices, data } = counts;
  const tf = new Float64Array(k * nCols);
  const docFreq = new Int32Array(k * nCols);
  const classTotal = new Float64Array(k);
  const termTotal = new Float64Array(nCols);
  for (let i = 0; i < nRows; i++) {
    const base = labels[i]! * nCols;
    for (let j = indptr[i]!; j < indptr[i + 1]!; j++) {
      const t = indices[j]!;
      const v = data[j]!;
      tf[base + t]! += v;
      if (v !== 0) docFreq[base + t]!++;
      classTotal[labels[i]!]! += v;
      termTotal[t]! += v;
    }
  }
  const nonempty = classTotal.filter((total) => total > 0);
  const averageWords = nonempty.reduce((s, v) => s + v, 0) / Math.max(1, nonempty.length);
  const idf = termTotal.map((f) => (f > 0 ? Math.log(1 + averageWords / f) : 0));

  return Array.from({ length: k }, (_, c) => {
    const total = classTotal[c]!;
    if (total <= 0) return [];
    const best: TopTerm[] = [];
    for (let t = 0; t < nCols; t++) {
      const count = tf[c * nCols + t]!;
      if (count <= 0) continue;
      const weight = (count / total) * idf[t]!;
      // Scanning t ascending, a later term enters only with a strictly higher weight: ties keep the lower index.
      if (best.length === topN && !(weight > best[topN - 1]!.weight)) continue;
      let at = best.length;
      while (at > 0 && weight > best[at - 1]!.weight) at--;
      best.splice(at, 0, { term: t, weight, docFreq: docFreq[c * nCols + t]! });
      if (best.length > topN) best.pop();
    }
    return best;
  });
}
