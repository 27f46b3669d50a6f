/**
 * The model a full run saves beside its output (`model-files.ts`): its vocabulary, idf and centroids, the analyzer
 * and TF-IDF options, the space k-means clustered in (`cluster/cluster-space.ts`; the centroids live there), and the
 * training documents' mean similarity to their centroids, the yardstick `assign` measures new data against.
 */
import type { ClusterTerms, Manifest } from '../../src/schema.ts';
import type { KMeansResult } from '../cluster/kmeans.ts';
import type { CorpusFeatures } from '../features/corpus-features.ts';
import { saveModel } from './model-files.ts';

export interface FittedModel {
  runId: string;
  k: number;
  features: Pick<CorpusFeatures, 'stems' | 'surfaceForm' | 'idf' | 'tfidf'>;
  clustering: Pick<KMeansResult, 'centroids' | 'similarities'>;
  analyzer: { bigrams: boolean };
  clusterTerms: ClusterTerms;
}

/** Saves the model into `<outDir>/model/`; returns the manifest's `model` entry. */
export async function saveFittedModel(fit: FittedModel, outDir: string): Promise<NonNullable<Manifest['model']>> {
  const { features, clustering } = fit;
  const trainingMeanSimilarity = mean(clustering.similarities);
  const files = await saveModel(
    {
      runId: fit.runId,
      k: fit.k,
      stems: features.stems,
      surfaceForms: features.stems.map((stem) => features.surfaceForm(stem)),
      idf: features.idf,
      centroids: clustering.centroids,
      analyzer: fit.analyzer,
      clusterTerms: fit.clusterTerms,
      tfidf: features.tfidf,
      trainingMeanSimilarity,
    },
    outDir,
  );
  return { files, trainingMeanSimilarity };
}

function mean(values: Float32Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  return values.length === 0 ? 0 : sum / values.length;
}
