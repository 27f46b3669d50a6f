/**
 * New documents' terms -> TF-IDF rows in a saved model's space (sklearn's `TfidfVectorizer.transform`): terms
 * outside the saved vocabulary are dropped, weights use the saved idf (never refitted), then the same tf
 * transform and L2 normalisation as `features/tfidf.ts`, then the model's clustering space (`ClusterSpace.rows`,
 * as the full run clustered). A document with no known term in that space is a zero row. O(terms) per document.
 */
import { ClusterSpace } from '../cluster/cluster-space.ts';
import type { Csr } from '../features/csr.ts';
import type { SavedModel } from './model-files.ts';

export interface ModelVectors {
  /** TF-IDF rows in the model's clustering space, L2-normalised: what its centroids are compared with. */
  matrix: Csr;
  /** Raw counts of known terms (same sparsity), for term trends. */
  counts: Csr;
  /** Per document: term occurrences dropped because the vocabulary does not know them. */
  unknownTerms: Int32Array;
}

export class ModelVectorizer {
  readonly #columnOf: Map<string, number>;
  readonly #space: ClusterSpace;

  constructor(private readonly model: Pick<SavedModel, 'stems' | 'idf' | 'tfidf' | 'clusterTerms'>) {
    this.#columnOf = new Map(model.stems.map((stem, column) => [stem, column]));
    this.#space = new ClusterSpace(model.stems, model.clusterTerms);
  }

  transform(documents: readonly (readonly string[])[]): ModelVectors {
    const rows = documents.map((terms) => {
      const counts = new Map<number, number>();
      let unknown = 0;
      for (const term of terms) {
        const column = this.#columnOf.get(term);
        if (column === undefined) unknown++;
        else counts.set(column, (counts.get(column) ?? 0) + 1);
      }
      return { entries: [...counts].sort((a, b) => a[0] - b[0]), unknown };
    });
    const nnz = rows.reduce((sum, row) => sum + row.entries.length, 0);
    const indptr = new Int32Array(documents.length + 1);
    const indices = new Int32Array(nnz);
    const counts = new Float32Array(nnz);
    const weights = new Float32Array(nnz);
    const unknownTerms = new Int32Array(documents.length);
    const { idf, tfidf } = this.model;
    let out = 0;
    rows.forEach((row, doc) => {
      const start = out;
      let sumOfSquares = 0;
      const raw = new Float64Array(row.entries.length);
      row.entries.forEach(([column, count], j) => {
        const w = (tfidf.sublinearTf ? 1 + Math.log(count) : count) * idf[column]!;
        raw[j] = w;
        sumOfSquares += w * w;
        indices[out] = column;
        counts[out++] = count;
      });
      const scale = sumOfSquares === 0 ? 0 : 1 / Math.sqrt(sumOfSquares);
      raw.forEach((w, j) => (weights[start + j] = w * scale));
      indptr[doc + 1] = out;
      unknownTerms[doc] = row.unknown;
    });
    const nCols = this.model.stems.length;
    return {
      matrix: this.#space.rows({ nRows: documents.length, nCols, indptr, indices, data: weights }),
      counts: { nRows: documents.length, nCols, indptr, indices, data: counts },
      unknownTerms,
    };
  }
}
