/**
 * One key per spelling family, so near-duplicate label terms can be told apart from distinct ones: "multi modal",
 * "multi-modal" and "multimodal" share a key, as do "llm"/"llms" and "data set"/"datasets". The key is the Porter
 * stem of the lower-cased surface form with spaces, hyphens and underscores removed. Stemming the joined form
 * (rather than joining the stems) is what makes "multi modal" meet "multimodal": Porter cuts "multimodal" to
 * "multimod" but leaves "modal" alone.
 */
import { CachedStemmer } from '../text/stem.ts';

const stemmer = new CachedStemmer();

export function spellingKey(surface: string): string {
  return stemmer.stem(surface.toLowerCase().replace(/[\s\-\u2010-\u2015_]+/g, ''));
}

/** Whether the words of `inner` occur as a contiguous run of the words of `outer` ("model" in "language model"). */
export function containsWords(outer: string, inner: string): boolean {
  const o = outer.split(' ');
  const w = inner.split(' ');
  for (let s = 0; s + w.length <= o.length; s++) {
    if (w.every((word, d) => o[s + d] === word)) return true;
  }
  return false;
}
