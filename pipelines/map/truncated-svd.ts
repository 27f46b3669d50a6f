/**
 * Randomized truncated SVD of selected CSR rows (Halko, Martinsson & Tropp 2011, Algorithms 4.4 + 5.1; sklearn's
 * `randomized_svd`): a seeded Gaussian test matrix Ω, Y = A Ω, `powerIterations` rounds of Y = A (Aᵀ Y) with
 * re-orthonormalisation, Q = orth(Y), then the SVD of the small B = Qᵀ A via the eigen-decomposition of B Bᵀ
 * (cyclic Jacobi). Returns the row embedding U Σ (n × nComponents), components by decreasing singular value.
 *
 * Columns are first remapped to those the selected rows use, so memory is O(n · l + usedColumns · l) with
 * l = nComponents + oversamples, never O(vocabulary · l). Time O((nnz + (n + usedColumns) · l) · l · q).
 */
import type { Csr } from '../features/csr.ts';
import { createRng } from '../cluster/random.ts';

export interface TruncatedSvdOptions {
  nComponents: number;
  /** Extra random directions for accuracy; default 10. */
  oversamples?: number;
  /** Power iterations (help when singular values decay slowly, as for text); default 2. */
  powerIterations?: number;
  seed: number;
}

/** Row embedding U Σ of rows `rows` of `matrix`: a row-major Float64Array of rows.length × nComponents. */
export function truncatedSvd(matrix: Csr, rows: Int32Array, options: TruncatedSvdOptions): Float64Array {
  const n = rows.length;
  const { indptr, indices, data } = matrix;
  const columnOf = new Map<number, number>();
  for (const row of rows) {
    for (let k = indptr[row]!; k < indptr[row + 1]!; k++) {
      if (!columnOf.has(indices[k]!)) columnOf.set(indices[k]!, columnOf.size);
    }
  }
  const m = columnOf.size;
  const l = Math.min(options.nComponents + (options.oversamples ?? 10), n, Math.max(m, 1));
  const nComponents = Math.min(options.nComponents, l);
  const rowStart = new Int32Array(n + 1);
  rows.forEach((row, i) => (rowStart[i + 1] = rowStart[i]! + indptr[row + 1]! - indptr[row]!));
  const cols = new Int32Array(rowStart[n]!);
  const vals = new Float64Array(rowStart[n]!);
  rows.forEach((row, i) => {
    for (let k = indptr[row]!, out = rowStart[i]!; k < indptr[row + 1]!; k++, out++) {
      cols[out] = columnOf.get(indices[k]!)!;
      vals[out] = data[k]!;
    }
  });

  // A (n × m) times D (m × l), row-major results.
  const times = (dense: Float64Array): Float64Array => {
    const out = new Float64Array(n * l);
    for (let i = 0; i < n; i++) {
      for (let k = rowStart[i]!; k < rowStart[i + 1]!; k++) {
        const v = vals[k]!;
        const base = cols[k]! * l;
        for (let c = 0; c < l; c++) out[i * l + c]! += v * dense[base + c]!;
      }
    }
    return out;
  };
  // Aᵀ (m × n) times D (n × l).
  const transposeTimes = (dense: Float64Array): Float64Array => {
    const out = new Float64Array(m * l);
    for (let i = 0; i < n; i++) {
      for (let k = rowStart[i]!; k < rowStart[i + 1]!; k++) {
        const v = vals[k]!;
        const base = cols[k]! * l;
        for (let c = 0; c < l; c++) out[base + c]! += v * dense[i * l + c]!;
      }
    }
    return out;
  };

  const rng = createRng(options.seed);
  const omega = Float64Array.from({ length: m * l }, () => gaussian(() => rng.next()));
  let y = orthonormalizeColumns(times(omega), n, l);
  for (let q = 0; q < (options.powerIterations ?? 2); q++) {
    y = orthonormalizeColumns(times(orthonormalizeColumns(transposeTimes(y), m, l)), n, l);
  }
  const bt = transposeTimes(y); // Bᵀ = Aᵀ Q, m × l
  const gram = new Float64Array(l * l); // B Bᵀ
  for (let r = 0; r < m; r++) {
    for (let a = 0; a < l; a++) {
      const va = bt[r * l + a]!;
      if (va === 0) continue;
      for (let b = a; b < l; b++) gram[a * l + b]! += va * bt[r * l + b]!;
    }
  }
  for (let a = 0; a < l; a++) for (let b = 0; b < a; b++) gram[a * l + b] = gram[b * l + a]!;
  const { values, vectors } = symmetricEigen(gram, l);
  const order = Array.from({ length: l }, (_, i) => i).sort((a, b) => values[b]! - values[a]! || a - b);

  // U Σ = Q W Σ, with W the eigenvectors of B Bᵀ and Σ = sqrt(eigenvalues).
  const embedding = new Float64Array(n * nComponents);
  for (let c = 0; c < nComponents; c++) {
    const e = order[c]!;
    const sigma = Math.sqrt(Math.max(values[e]!, 0));
    for (let i = 0; i < n; i++) {
      let u = 0;
      for (let j = 0; j < l; j++) u += y[i * l + j]! * vectors[j * l + e]!;
      embedding[i * nComponents + c] = u * sigma;
    }
  }
  return embedding;
}

/** Modified Gram–Schmidt on the columns of a rows × cols row-major matrix; a dependent column becomes zero. */
export function orthonormalizeColumns(matrix: Float64Array, rows: number, cols: number): Float64Array {
  for (let c = 0; c < cols; c++) {
    for (let p = 0; p < c; p++) {
      let dot = 0;
      for (let i = 0; i < rows; i++) dot += matrix[i * cols + c]! * matrix[i * cols + p]!;
      for (let i = 0; i < rows; i++) matrix[i * cols + c]! -= dot * matrix[i * cols + p]!;
    }
    let norm = 0;
    for (let i = 0; i < rows; i++) norm += matrix[i * cols + c]! ** 2;
    const scale = norm > 1e-24 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < rows; i++) matrix[i * cols + c]! *= scale;
  }
  return matrix;
}

/** Cyclic Jacobi eigen-decomposition of a symmetric size × size matrix; vectors are columns (row-major). */
export function symmetricEigen(input: Float64Array, size: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(input);
  const v = new Float64Array(size * size);
  for (let i = 0; i < size; i++) v[i * size + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < size; p++) for (let q = p + 1; q < size; q++) off += a[p * size + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < size; p++) {
      for (let q = p + 1; q < size; q++) {
        const apq = a[p * size + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * size + q]! - a[p * size + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cos = 1 / Math.sqrt(t * t + 1);
        const sin = t * cos;
        for (let k = 0; k < size; k++) {
          const akp = a[k * size + p]!;
          const akq = a[k * size + q]!;
          a[k * size + p] = cos * akp - sin * akq;
          a[k * size + q] = sin * akp + cos * akq;
        }
        for (let k = 0; k < size; k++) {
          const apk = a[p * size + k]!;
          const aqk = a[q * size + k]!;
          a[p * size + k] = cos * apk - sin * aqk;
          a[q * size + k] = sin * apk + cos * aqk;
        }
        for (let k = 0; k < size; k++) {
          const vkp = v[k * size + p]!;
          const vkq = v[k * size + q]!;
          v[k * size + p] = cos * vkp - sin * vkq;
          v[k * size + q] = sin * vkp + cos * vkq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: size }, (_, i) => a[i * size + i]!), vectors: v };
}

/** Standard normal by Box–Muller from a uniform [0, 1) source. */
function gaussian(next: () => number): number {
  const u = 1 - next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
}
