/**
 * The clustering stage: resolves `--k` (a number, or `auto` by silhouette over candidates no larger than the
 * number of distinct documents), fits spherical k-means, and drops the clusters left empty, so every topic
 * written has at least one document. When k shrinks, `reduction` says from what, to what and why, for the
 * run summary and the manifest.
 */
import type { Csr } from '../features/csr.ts';
import { chooseK, DEFAULT_K_CANDIDATES } from './choose-k.ts';
import { countDistinctRows } from './distinct-rows.ts';
import { dropEmptyClusters } from './drop-empty-clusters.ts';
import { sphericalKMeans, type KMeansOptions, type KMeansResult } from './kmeans.ts';

export interface KReduction {
  /** The k that was fitted: `--k N`, or the one `--k auto` chose. */
  from: number;
  /** Topics written: the clusters that hold at least one document. */
  to: number;
  reason: string;
}

export interface TopicFit {
  k: number;
  clustering: KMeansResult;
  reduction: KReduction | null;
}

export function fitTopics(X: Csr, k: number | 'auto', options: Omit<KMeansOptions, 'k'>): TopicFit {
  const limit = Math.max(k === 'auto' ? Math.max(...DEFAULT_K_CANDIDATES) : k, 2) + 1;
  const distinct = countDistinctRows(X, limit);
  const fittedK = k === 'auto' ? autoK(X, distinct, options.seed) : k;
  const fitted = sphericalKMeans(X, { ...options, k: fittedK });
  const { result, k: keptK, emptyIds } = dropEmptyClusters(fitted, fittedK, X.nCols);
  const reduction =
    emptyIds.length === 0
      ? null
      : {
          from: fittedK,
          to: keptK,
          reason: `${emptyIds.length} of ${fittedK} topics ${k === 'auto' ? '(chosen by --k auto) ' : ''}had no document${distinct < fittedK ? ` (the input has only ${distinct} distinct documents)` : ''}; dropped them and renumbered the rest 0..${keptK - 1}`,
        };
  return { k: keptK, clustering: result, reduction };
}

function autoK(X: Csr, distinct: number, seed: number): number {
  const candidates = autoKCandidates(distinct, X.nRows);
  if (candidates.length === 0) return 1;
  if (candidates.length === 1) return candidates[0]!;
  return chooseK(X, candidates, { seed }).k;
}

/**
 * The `--k auto` candidates: the defaults up to min(distinct documents, documents − 1) (silhouette needs a
 * cluster of two); when fewer than two of them fit, every k from 2 up to that bound, so a small corpus still
 * gets a choice. Empty when that bound is below 2 (then k = 1).
 */
export function autoKCandidates(distinctDocs: number, nDocs: number): number[] {
  const maxK = Math.min(distinctDocs, nDocs - 1);
  const fitting = DEFAULT_K_CANDIDATES.filter((candidate) => candidate <= maxK);
  if (fitting.length >= 2) return fitting;
  return Array.from({ length: Math.max(0, Math.min(maxK, Math.max(...DEFAULT_K_CANDIDATES)) - 1) }, (_, i) => i + 2);
}
