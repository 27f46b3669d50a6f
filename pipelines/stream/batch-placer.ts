/**
 * Places one batch of documents with a saved model exactly as `assign` does: `TextAnalyzer`, `ModelVectorizer`,
 * `nearestCentroids`. Rows are independent, so a document's topic, similarity and counts do not depend on the
 * batch it is in nor on the thread that places it (`place-pool.ts`).
 */
import { nearestCentroids } from '../cluster/nearest-centroid.ts';
import type { Csr } from '../features/csr.ts';
import type { SavedModel } from '../model/model-files.ts';
import { ModelVectorizer } from '../model/model-vectorizer.ts';
import { TextAnalyzer } from '../text/analyze.ts';

export interface PlacedBatch {
  clusterIds: Int32Array;
  similarities: Float64Array;
  /** Raw counts of the saved vocabulary's terms, one row per document (for term trends). */
  counts: Csr;
}

/**
 * Documents after which the analyzer starts afresh: its caches of raw tokens and words grow with every new word,
 * which on a corpus whose vocabulary grows (Heaps' law) is memory growing with N. Its output does not depend on
 * them.
 */
const ANALYZER_RESET_DOCS = 50_000;

export class BatchPlacer {
  readonly #model: SavedModel;
  readonly #vectorizer: ModelVectorizer;
  #analyzer: TextAnalyzer;
  #analyzed = 0;

  constructor(model: SavedModel) {
    this.#model = model;
    this.#vectorizer = new ModelVectorizer(model);
    this.#analyzer = this.#newAnalyzer();
  }

  /** `texts`: each document's `title. abstract`, as `assign` joins them. */
  place(texts: readonly string[]): PlacedBatch {
    if (this.#analyzed >= ANALYZER_RESET_DOCS) {
      this.#analyzer = this.#newAnalyzer();
      this.#analyzed = 0;
    }
    this.#analyzed += texts.length;
    const vectors = this.#vectorizer.transform(texts.map((text) => this.#analyzer.analyze(text)));
    const placed = nearestCentroids(vectors.matrix, this.#model.centroids, this.#model.k);
    return { clusterIds: placed.labels, similarities: placed.similarities, counts: vectors.counts };
  }

  #newAnalyzer(): TextAnalyzer {
    return new TextAnalyzer({ bigrams: this.#model.analyzer.bigrams });
  }
}
