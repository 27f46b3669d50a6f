/**
 * The label stage: each topic's ranked top terms (`cluster_terms`) and its short label (`clusters.label`), from
 * raw term counts and the k-means centroids. Scores: `term-scores.ts`; label choice: `distinct-labels.ts`.
 */
import type { Csr } from '../features/csr.ts';
import { classTfidf } from './ctfidf.ts';
import { distinctLabels } from './distinct-labels.ts';
import { LABEL_SEPARATOR } from './label-text.ts';
import { topicTermScores, topTermsByScore } from './term-scores.ts';
import type { TopTerm } from './top-term.ts';

/** Label candidates per topic: enough that each topic keeps three it owns after the others took theirs. */
export const LABEL_CANDIDATES = 30;

export interface TopicLabels {
  topTerms: TopTerm[][];
  labels: string[];
}

export function labelTopics(
  counts: Csr,
  clusterLabels: Int32Array,
  centroids: ArrayLike<number>,
  k: number,
  options: { topN: number; stems: readonly string[]; surfaceOf: (stem: string) => string },
): TopicLabels {
  const { weights, docFreq } = classTfidf(counts, clusterLabels, k);
  const scores = topicTermScores(weights, centroids, k, counts.nCols);
  const ranked = topTermsByScore(scores, docFreq, k, counts.nCols, Math.max(options.topN, LABEL_CANDIDATES));
  const labelTerms = distinctLabels(
    ranked.map((terms) =>
      terms.slice(0, LABEL_CANDIDATES).map(({ term, weight, docFreq }) => ({
        stem: options.stems[term]!,
        surface: options.surfaceOf(options.stems[term]!),
        score: weight,
        docFreq,
      })),
    ),
  );
  return {
    topTerms: ranked.map((terms) => terms.slice(0, options.topN)),
    labels: labelTerms.map((terms) => terms.join(LABEL_SEPARATOR)),
  };
}
