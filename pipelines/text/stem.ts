/**
 * Porter stemming (natural's `PorterStemmer`, the 1980 algorithm) behind a word -> stem cache: stemming
 * runs ~20 regexes per word, and abstracts repeat a small vocabulary (measured by the team: 43 s -> 4.5 s per 10^5 docs).
 *
 * The cache only grows (one entry per distinct word, ~10^6 at 10^6 abstracts, well under 200 MB); it is
 * the only mutable state, and a cached stem equals the uncached one, so each worker may own one.
 */
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

/**
 * Longer words are kept as written. Some of the stemmer's regexes (`/[^aeiouy]+y/g` in its measure) are quadratic
 * in the word's length: a 40,000-letter consonant run took 7 s (issue 10). The longest kept word in the bundled
 * and five shared corpora (106,514 documents) has 79 characters, so no real word reaches this.
 */
export const MAX_STEM_CHARS = 100;

export class CachedStemmer {
  readonly #cache = new Map<string, string>();

  stem(word: string): string {
    let stem = this.#cache.get(word);
    if (stem === undefined) {
      stem = word.length > MAX_STEM_CHARS ? word : PorterStemmer.stem(word);
      this.#cache.set(word, stem);
    }
    return stem;
  }

  get cacheSize(): number {
    return this.#cache.size;
  }
}
