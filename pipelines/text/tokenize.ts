/**
 * Normalized text -> phrases of kept lower-case tokens.
 *
 * Splitting uses natural's `RegexpTokenizer` with a Unicode pattern: its `WordTokenizer` and
 * `AggressiveTokenizer` are ASCII-only (`[^A-Za-z...]`) and cut "Schrödinger" into "schr", "dinger".
 * Hyphenated words are split into their parts (so "transformer-based" yields "transformer" like
 * "transformer based" does, and bigrams rebuild "zero shot"), but a whole hyphenated token that is a stop
 * word ("state-of-the-art") is dropped first. Apostrophes split ("model's" -> "model", "s"; 1-char dropped).
 *
 * Phrases: text is cut at sentence and clause punctuation (`, ; : ! ? ( ) [ ] { } "` and a `.` before
 * whitespace) so that bigrams never join "...detection. Results..." or list items "classification, retrieval".
 * A `.` inside a token ("0.55", "e.g") splits words but not phrases.
 */
import { RegexpTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer.js';

const PHRASE_BREAK = /[!?;:,()[\]{}"]|\.(?=\s|$)/;
const HAS_LETTER = /\p{L}/u;
const HYPHEN = 0x2d;

const wordTokenizer = new RegexpTokenizer({ pattern: /[^\p{L}\p{N}-]+/u });

export function splitPhrases(lowerText: string): string[] {
  return lowerText.split(PHRASE_BREAK);
}

/** Raw tokens of one phrase: runs of letters, digits and hyphens. */
export function splitWords(phrase: string): string[] {
  return wordTokenizer.tokenize(phrase);
}

/**
 * The kept parts of one raw lower-case token: none for stop words, numbers, digit-only or 1-character
 * tokens; the kept parts of a hyphenated word in order.
 */
export function keptParts(rawToken: string, stopWords: ReadonlySet<string>): string[] {
  const token = rawToken.includes('-') ? trimHyphens(rawToken) : rawToken;
  if (stopWords.has(token)) return [];
  const parts = token.includes('-') ? token.split('-') : [token];
  return parts.filter((part) => part.length > 1 && HAS_LETTER.test(part) && !stopWords.has(part));
}

/**
 * `token.replace(/^-+|-+$/g, '')` in linear time: that regex tries `-+$` from every hyphen of an inner run, so
 * `"a" + "-" x 40,000 + "a"` took 2 s (issue 10).
 */
export function trimHyphens(token: string): string {
  let from = 0;
  let to = token.length;
  while (from < to && token.charCodeAt(from) === HYPHEN) from++;
  while (to > from && token.charCodeAt(to - 1) === HYPHEN) to--;
  return from === 0 && to === token.length ? token : token.slice(from, to);
}

/** Plain (uncached) tokenization: phrases of kept tokens, lower case. Empty phrases are omitted. */
export function tokenize(text: string, stopWords: ReadonlySet<string>): string[][] {
  const phrases: string[][] = [];
  for (const phrase of splitPhrases(text.toLowerCase())) {
    const kept = splitWords(phrase).flatMap((word) => keptParts(word, stopWords));
    if (kept.length > 0) phrases.push(kept);
  }
  return phrases;
}
