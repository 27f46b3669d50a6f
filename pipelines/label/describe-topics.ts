/**
 * The labelling stage of a full run, as rows: each topic's label, its ranked top terms as `cluster_terms` rows
 * (term in its surface form) and each document's representative rank (1 = closest to its centroid; 0 = not a
 * representative), for `documents.representative_rank`.
 */
import type { ClusterTermRow } from '../../src/schema.ts';
import type { KMeansResult } from '../cluster/kmeans.ts';
import type { CorpusFeatures } from '../features/corpus-features.ts';
import { representatives } from './representatives.ts';
import { labelTopics } from './topic-labels.ts';
import type { TopTerm } from './top-term.ts';

export interface TopicDescriptions {
  /** Per cluster: its short label. */
  labels: string[];
  termRows: ClusterTermRow[];
  /** Per document. */
  representativeRanks: Int32Array;
}

export function describeTopics(
  features: Pick<CorpusFeatures, 'counts' | 'stems' | 'surfaceForm'>,
  clustering: Pick<KMeansResult, 'labels' | 'centroids' | 'similarities'>,
  k: number,
  options: { topTerms: number; representatives: number },
): TopicDescriptions {
  const { topTerms, labels } = labelTopics(features.counts, clustering.labels, clustering.centroids, k, {
    topN: options.topTerms,
    stems: features.stems,
    surfaceOf: features.surfaceForm,
  });
  return {
    labels,
    termRows: clusterTermRows(topTerms, features),
    representativeRanks: representativeRanks(clustering, k, options.representatives),
  };
}

function clusterTermRows(
  topTerms: readonly TopTerm[][],
  vocabulary: Pick<CorpusFeatures, 'stems' | 'surfaceForm'>,
): ClusterTermRow[] {
  return topTerms.flatMap((clusterTerms, clusterId) =>
    clusterTerms.map((term, rank) => ({
      cluster_id: clusterId,
      rank: rank + 1,
      term: vocabulary.surfaceForm(vocabulary.stems[term.term]!),
      stem: vocabulary.stems[term.term]!,
      weight: term.weight,
      doc_freq: term.docFreq,
    })),
  );
}

function representativeRanks(
  clustering: Pick<KMeansResult, 'labels' | 'similarities'>,
  k: number,
  n: number,
): Int32Array {
  const ranks = new Int32Array(clustering.labels.length);
  representatives(clustering.labels, clustering.similarities, k, n).forEach((docs) =>
    docs.forEach((doc, rank) => (ranks[doc] = rank + 1)),
  );
  return ranks;
}
