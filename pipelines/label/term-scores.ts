/**
 * How strongly a term speaks for a topic, for its top-term list and its label:
 *
 *   b(t, c) = sqrt( W(t, c) / max_t' W(t', c)  ·  μ(t, c) / max_t' μ(t', c) )
 *   s(t, c) = b(t, c) · b(t, c) / Σ_c' b(t, c')
 *
 * W = class-based TF-IDF (`ctfidf.ts`), μ = the topic's k-means centroid in the TF-IDF space (negative parts
 * clipped to 0). c-TF-IDF alone favours rare terms that co-occur little (top-10 NPMI 0.220 on 20k arxiv-daily-cs
 * papers); centroid weights, scikit-learn's top terms, favour frequent words every topic shares ("language",
 * "learning"). Their geometric mean, each scaled to the topic's best term, keeps both signals; the second factor,
 * the topic's share of the term's b over all topics, down-weights terms common to many topics (the
 * "distinctiveness" of BERTopic's `reduce_frequent_words`, here as a share instead of a df cut). Chosen on 20k
 * arxiv-daily-cs and 20 Newsgroups papers among c-TF-IDF, centroid, mixes, × log(k / topics listing the term) and
 * × share^p for p in {¼, ½, ¾, 1}: mean top-10 NPMI 0.28 (c-TF-IDF) -> 0.36 (bench/RESULTS.md, "Labels").
 * Cost O(k · nCols).
 */
import type { TopTerm } from './top-term.ts';

export function topicTermScores(
  ctfidf: Float64Array,
  centroids: ArrayLike<number>,
  k: number,
  nCols: number,
): Float64Array {
  const ctfidfMax = rowMaxima(ctfidf, k, nCols);
  const centroidMax = rowMaxima(centroids, k, nCols);
  const base = new Float64Array(k * nCols);
  const termSum = new Float64Array(nCols);
  for (let c = 0; c < k; c++) {
    if (!(ctfidfMax[c]! > 0 && centroidMax[c]! > 0)) continue;
    for (let t = 0; t < nCols; t++) {
      const at = c * nCols + t;
      const w = ctfidf[at]!;
      const m = centroids[at]!;
      if (!(w > 0 && m > 0)) continue;
      base[at] = Math.sqrt((w / ctfidfMax[c]!) * (m / centroidMax[c]!));
      termSum[t]! += base[at];
    }
  }
  for (let at = 0; at < base.length; at++) {
    const b = base[at]!;
    if (b > 0) base[at] = (b * b) / termSum[at % nCols]!;
  }
  return base;
}

/** The `topN` highest-scored terms of each topic (score > 0 only), best first, ties by column index. */
export function topTermsByScore(
  scores: Float64Array,
  docFreq: Int32Array,
  k: number,
  nCols: number,
  topN: number,
): TopTerm[][] {
  return Array.from({ length: k }, (_, c) => {
    const best: TopTerm[] = [];
    for (let t = 0; t < nCols; t++) {
      const weight = scores[c * nCols + t]!;
      if (!(weight > 0)) continue;
      // Scanning t ascending, a later term enters only with a strictly higher weight: ties keep the lower index.
      if (best.length === topN && !(weight > best[topN - 1]!.weight)) continue;
      let at = best.length;
      while (at > 0 && weight > best[at - 1]!.weight) at--;
      best.splice(at, 0, { term: t, weight, docFreq: docFreq[c * nCols + t]! });
      if (best.length > topN) best.pop();
    }
    return best;
  });
}

function rowMaxima(values: ArrayLike<number>, k: number, nCols: number): Float64Array {
  const maxima = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let max = 0;
    for (let t = 0; t < nCols; t++) max = Math.max(max, values[c * nCols + t]!);
    maxima[c] = max;
  }
  return maxima;
}
