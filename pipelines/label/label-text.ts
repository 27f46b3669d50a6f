/** A short human label for a cluster from its top terms. */

const SEPARATOR = ' · ';

/**
 * Up to `size` (default 3) distinct terms from `topTerms` (best first), joined with " · ". A term whose words
 * appear as a contiguous run inside a chosen term is skipped ("language" after "language models"); a term that
 * contains chosen ones takes the place of the first of them ("language models" replaces "language"), since
 * the longer phrase says more; every term given is considered, so pass the top ~10. Comparison ignores case and
 * surrounding whitespace. No terms give "".
 */
export function clusterLabel(topTerms: readonly string[], size = 3): string {
  const chosen: string[] = [];
  for (const raw of topTerms) {
    const term = raw.trim().replace(/\s+/g, ' ');
    if (term === '') continue;
    if (chosen.some((c) => containsPhrase(c, term))) continue;
    const contained = chosen.filter((c) => containsPhrase(term, c));
    if (contained.length > 0) {
      chosen.splice(chosen.indexOf(contained[0]!), 1, term);
      for (const c of contained.slice(1)) chosen.splice(chosen.indexOf(c), 1);
    } else if (chosen.length < size) {
      chosen.push(term);
    }
  }
  return chosen.join(SEPARATOR);
}

/** Whether the words of `inner` occur as a contiguous run of the words of `outer` (case-insensitive). */
function containsPhrase(outer: string, inner: string): boolean {
  const o = outer.toLowerCase().split(' ');
  const w = inner.toLowerCase().split(' ');
  for (let s = 0; s + w.length <= o.length; s++) {
    if (w.every((word, d) => o[s + d] === word)) return true;
  }
  return false;
}
