/**
 * The streaming half of `--fit-sample`: every staged document, read back from DuckDB in batches of
 * `PLACE_BATCH_DOCS`, is analysed, weighted with the fitted vocabulary and idf and placed at its nearest centroid,
 * exactly as `assign` places new documents (`TextAnalyzer`, `ModelVectorizer`, `nearestCentroids`); its term
 * counts go into the month counters (`term-month-counts.ts`) and are dropped. Memory: one batch of text and
 * terms, plus a cluster id and similarity per document (12 bytes). O(N · terms per document · k).
 */
import type { DatePrecision } from '../../src/schema.ts';
import { nearestCentroids } from '../cluster/nearest-centroid.ts';
import type { SavedModel } from '../model/model-files.ts';
import { ModelVectorizer } from '../model/model-vectorizer.ts';
import type { Progress } from '../progress.ts';
import { TextAnalyzer } from '../text/analyze.ts';
import { STAGED_DOCUMENTS, type OutputDatabase } from '../write/output-database.ts';
import type { TermMonthCounts } from './term-month-counts.ts';

export const PLACE_BATCH_DOCS = 10_000;

export interface Placement {
  clusterIds: Int32Array;
  similarities: Float64Array;
}

export async function placeDocuments(
  database: OutputDatabase,
  model: SavedModel,
  documents: { dates: readonly (string | null)[]; precisions: readonly (DatePrecision | null)[] },
  counts: TermMonthCounts,
  progress: Progress,
): Promise<Placement> {
  const n = database.documentCount;
  const clusterIds = new Int32Array(n);
  const similarities = new Float64Array(n);
  const analyzer = new TextAnalyzer({ bigrams: model.analyzer.bigrams });
  const vectorizer = new ModelVectorizer(model);
  for (let from = 0; from < n; from += PLACE_BATCH_DOCS) {
    const to = Math.min(n, from + PLACE_BATCH_DOCS);
    const texts = await database.stage(async (connection) => {
      const reader = await connection.runAndReadAll(
        `SELECT title, abstract FROM ${STAGED_DOCUMENTS} WHERE doc_index >= ${from} AND doc_index < ${to} ORDER BY doc_index`,
      );
      // Both VARCHAR NOT NULL when staged.
      return (reader.getRows() as [string, string][]).map(([title, abstract]) => `${title}. ${abstract}`);
    });
    const vectors = vectorizer.transform(texts.map((text) => analyzer.analyze(text)));
    const placed = nearestCentroids(vectors.matrix, model.centroids, model.k);
    clusterIds.set(placed.labels, from);
    similarities.set(placed.similarities, from);
    counts.add({
      counts: vectors.counts,
      clusterIds: placed.labels,
      dates: documents.dates.slice(from, to),
      precisions: documents.precisions.slice(from, to),
    });
    progress.update(to);
  }
  return { clusterIds, similarities };
}
