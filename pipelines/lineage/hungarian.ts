/**
 * Optimal one-to-one assignment (Kuhn 1955, Munkres 1957): for an n × m matrix of scores, the pairing of rows
 * and columns, each used at most once, with min(n, m) pairs and the largest total score. Shortest augmenting
 * paths with row and column potentials (the O(n² m) form of Jonker & Volgenant / e-maxx), on cost = −score.
 * Deterministic: ties go to the lowest column index found first, the same for the same matrix.
 */

/**
 * `scores[i * m + j]` is the score of row i with column j (row-major, finite). Returns `columnOf`, length n:
 * the column paired with row i, or -1 when n > m leaves the row unpaired.
 */
export function maximumAssignment(scores: Float64Array, n: number, m: number): Int32Array {
  if (scores.length !== n * m) throw new Error(`scores has ${scores.length} values, expected ${n} × ${m}`);
  if (n > m) {
    const transposed = new Float64Array(n * m);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) transposed[j * n + i] = scores[i * m + j]!;
    const rowOf = maximumAssignment(transposed, m, n);
    const columnOf = new Int32Array(n).fill(-1);
    rowOf.forEach((row, column) => (columnOf[row] = column));
    return columnOf;
  }
  // 1-based as in the textbook form: row 0 / column 0 are the virtual start of each augmenting path.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const rowOfColumn = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    rowOfColumn[0] = i;
    let j0 = 0;
    const minSlack = new Float64Array(m + 1).fill(Infinity);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = rowOfColumn[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const slack = -scores[(i0 - 1) * m + (j - 1)]! - u[i0]! - v[j]!;
        if (slack < minSlack[j]!) {
          minSlack[j] = slack;
          way[j] = j0;
        }
        if (minSlack[j]! < delta) {
          delta = minSlack[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[rowOfColumn[j]!] = u[rowOfColumn[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else {
          minSlack[j] = minSlack[j]! - delta;
        }
      }
      j0 = j1;
    } while (rowOfColumn[j0] !== 0);
    do {
      const j1 = way[j0]!;
      rowOfColumn[j0] = rowOfColumn[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const columnOf = new Int32Array(n).fill(-1);
  for (let j = 1; j <= m; j++) if (rowOfColumn[j]! > 0) columnOf[rowOfColumn[j]! - 1] = j - 1;
  return columnOf;
}
