/**
 * The previous run's centroids in this run's TF-IDF space, to start k-means from (a warm start): column j of a
 * mapped centroid is the previous weight of the term `stems[j]`, matched by the term string; a term the previous
 * vocabulary lacked starts at 0, a previous term this vocabulary dropped is left out, and each row is
 * L2-normalised again. O(k · (previous terms + terms)).
 */

export interface CentroidSpace {
  /** Column j is the term `stems[j]`. */
  stems: readonly string[];
  /** k × stems.length, row-major. */
  centroids: Float64Array;
}

/**
 * Maps `previous` into the columns `stems`. Returns k × stems.length; a row whose terms all vanished stays
 * all-zero (`hasZeroRow` tells the caller to start cold).
 */
export function mapCentroids(previous: CentroidSpace, stems: readonly string[]): Float64Array {
  const previousTerms = previous.stems.length;
  const k = previousTerms === 0 ? 0 : previous.centroids.length / previousTerms;
  const columnOf = new Map<string, number>();
  stems.forEach((stem, j) => columnOf.set(stem, j));
  const nCols = stems.length;
  const mapped = new Float64Array(k * nCols);
  for (let c = 0; c < k; c++) {
    let squared = 0;
    for (let t = 0; t < previousTerms; t++) {
      const j = columnOf.get(previous.stems[t]!);
      if (j === undefined) continue;
      const value = previous.centroids[c * previousTerms + t]!;
      mapped[c * nCols + j] = value;
      squared += value * value;
    }
    if (squared === 0) continue;
    const scale = 1 / Math.sqrt(squared);
    for (let j = 0; j < nCols; j++) mapped[c * nCols + j]! *= scale;
  }
  return mapped;
}

export function hasZeroRow(centroids: Float64Array, nCols: number): boolean {
  for (let offset = 0; offset < centroids.length; offset += nCols) {
    if (!centroids.subarray(offset, offset + nCols).some((value) => value !== 0)) return true;
  }
  return false;
}
