/**
 * Which words grew or shrank: the weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi &
 * Quinn 2008, "Fightin' Words: Lexical Feature Selection and Evaluation for Identifying the Content of Political
 * Conflict", Political Analysis 16(4), §3.5). Term w has count y_w^a of n^a term occurrences in corpus a (here the
 * recent window) and y_w^b of n^b in corpus b (the earlier window); the prior gives it α_w of a total α_0:
 *
 *   δ_w = log((y_w^a + α_w) / (n^a + α_0 − y_w^a − α_w)) − log((y_w^b + α_w) / (n^b + α_0 − y_w^b − α_w))
 *   σ²(δ_w) ≈ 1 / (y_w^a + α_w) + 1 / (y_w^b + α_w)
 *   z_w = δ_w / σ(δ_w)        z > 0: the term's share grew from b to a
 *
 * Prior: the two corpora pooled, scaled to α_0: α_w = α_0 · (y_w^a + y_w^b) / (n^a + n^b). Pooling keeps the
 * measure symmetric (swapping a and b negates δ and z) and makes δ exactly 0 when both corpora use w in the same
 * proportion; α_0 (`DEFAULT_PRIOR_TOTAL`) sets how many pseudo-occurrences shrink a rare term's log-odds towards
 * its pooled share, so a term seen 3 times never outranks one seen 300 times on its ratio alone. n counts every
 * term, so scoring only some terms (candidates) leaves each one's result unchanged. O(1) per term.
 */

/** α_0: pseudo-occurrences of the prior. Against a topic's ~10⁴-10⁵ term occurrences per window it shrinks only
 * terms with a few dozen occurrences noticeably (at 1,000 a term at 1% of the pooled text gets α_w = 10). */
export const DEFAULT_PRIOR_TOTAL = 1000;

export interface LogOdds {
  /** δ_w, natural log. */
  delta: number;
  /** σ²(δ_w). */
  variance: number;
  /** δ_w / σ(δ_w). */
  z: number;
}

/**
 * δ, its variance and z for a term with `countA` of `totalA` occurrences in a and `countB` of `totalB` in b, under
 * the pooled prior scaled to `priorTotal` (α_0; default `DEFAULT_PRIOR_TOTAL`). Needs countA + countB > 0 and
 * counts at most their totals; a term that is all of the text gives infinite δ.
 */
export function logOdds(
  countA: number,
  totalA: number,
  countB: number,
  totalB: number,
  priorTotal = DEFAULT_PRIOR_TOTAL,
): LogOdds {
  const alpha = (priorTotal * (countA + countB)) / (totalA + totalB);
  const a = countA + alpha;
  const b = countB + alpha;
  const delta = Math.log(a / (totalA + priorTotal - a)) - Math.log(b / (totalB + priorTotal - b));
  const variance = 1 / a + 1 / b;
  return { delta, variance, z: delta / Math.sqrt(variance) };
}
