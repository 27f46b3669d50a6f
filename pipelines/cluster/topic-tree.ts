/**
 * Coarse themes over the fine topics: average-linkage agglomerative clustering of the centroids on cosine
 * similarity (UPGMA: the similarity of two groups is the mean cosine over all their cross pairs), merging the most
 * similar pair until `themes` groups remain. Deterministic: ties go to the pair with the lowest (first, second)
 * smallest topic ids. O(k³) over k topics, k ≤ 1000. Themes are numbered by their smallest topic id.
 */
import type { TopicTreeRow } from '../../src/schema.ts';

export interface TopicTree {
  /** `themeOf[clusterId]`, 0..themes-1. */
  themeOf: Int32Array;
  themes: number;
}

/** The default number of themes for k topics: round(√k), at least 1. */
export function defaultThemes(k: number): number {
  return Math.max(1, Math.round(Math.sqrt(k)));
}

/** `centroids` k × nCols unit rows, row-major; `themes` is clamped to 1..k. */
export function topicTree(centroids: Float64Array, k: number, themes: number): TopicTree {
  const nCols = k === 0 ? 0 : centroids.length / k;
  const target = Math.min(Math.max(1, themes), k);
  // Sum of cross-pair cosines between groups; the mean is sum / (size a · size b).
  const sums = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      let dot = 0;
      for (let j = 0; j < nCols; j++) dot += centroids[a * nCols + j]! * centroids[b * nCols + j]!;
      sums[a * k + b] = dot;
      sums[b * k + a] = dot;
    }
  }
  const size = new Float64Array(k).fill(1);
  const alive = new Uint8Array(k).fill(1);
  const groupOf = Int32Array.from({ length: k }, (_, i) => i);
  for (let groups = k; groups > target; groups--) {
    let bestA = -1;
    let bestB = -1;
    let best = -Infinity;
    for (let a = 0; a < k; a++) {
      if (!alive[a]) continue;
      for (let b = a + 1; b < k; b++) {
        if (!alive[b]) continue;
        const mean = sums[a * k + b]! / (size[a]! * size[b]!);
        if (mean > best) {
          best = mean;
          bestA = a;
          bestB = b;
        }
      }
    }
    // Group a (the lower representative) absorbs b.
    alive[bestB] = 0;
    size[bestA] = size[bestA]! + size[bestB]!;
    for (let c = 0; c < k; c++) {
      if (!alive[c] || c === bestA) continue;
      const merged = sums[bestA * k + c]! + sums[bestB * k + c]!;
      sums[bestA * k + c] = merged;
      sums[c * k + bestA] = merged;
    }
    for (let i = 0; i < k; i++) if (groupOf[i] === bestB) groupOf[i] = bestA;
  }
  // A group's representative is its smallest member (merges keep the lower one), so this numbers themes by it.
  const themeOfGroup = new Map<number, number>();
  const themeOf = new Int32Array(k);
  for (let i = 0; i < k; i++) {
    const group = groupOf[i]!;
    if (!themeOfGroup.has(group)) themeOfGroup.set(group, themeOfGroup.size);
    themeOf[i] = themeOfGroup.get(group)!;
  }
  return { themeOf, themes: themeOfGroup.size };
}

/**
 * A label per theme: its `topN` heaviest terms in the size-weighted sum of its topics' centroids, joined by " · "
 * as topic labels are; ties by term index.
 */
export function themeLabels(
  centroids: Float64Array,
  sizes: readonly number[],
  tree: TopicTree,
  surfaceOf: (term: number) => string,
  topN = 3,
): string[] {
  const k = tree.themeOf.length;
  const nCols = k === 0 ? 0 : centroids.length / k;
  return Array.from({ length: tree.themes }, (_, theme) => {
    const weights = new Float64Array(nCols);
    for (let c = 0; c < k; c++) {
      if (tree.themeOf[c] !== theme) continue;
      for (let j = 0; j < nCols; j++) weights[j] = weights[j]! + sizes[c]! * centroids[c * nCols + j]!;
    }
    // The heaviest remaining term, picked topN times (and once more per repeated spelling): sorting every term
    // (10^5 of them) for a few cost more than the rest of the topic tree (measured at 25k papers).
    const taken = new Uint8Array(nCols);
    const words: string[] = [];
    while (words.length < topN) {
      let best = -1;
      for (let j = 0; j < nCols; j++) {
        if (taken[j] === 0 && weights[j]! > 0 && (best < 0 || weights[j]! > weights[best]!)) best = j;
      }
      if (best < 0) break;
      taken[best] = 1;
      const word = surfaceOf(best);
      if (!words.includes(word)) words.push(word);
    }
    return words.join(' · ');
  });
}

/** The `topic_tree` rows: each topic's theme and the theme's label. */
export function topicTreeRows(
  centroids: Float64Array,
  sizes: readonly number[],
  themes: number,
  surfaceOf: (term: number) => string,
): TopicTreeRow[] {
  const k = sizes.length;
  const tree = topicTree(centroids, k, themes);
  const labels = themeLabels(centroids, sizes, tree, surfaceOf);
  return Array.from(tree.themeOf, (theme, clusterId) => ({
    cluster_id: clusterId,
    theme_id: theme,
    theme_label: labels[theme]!,
  }));
}
