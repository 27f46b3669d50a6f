/**
 * What a "word" is for term trends, defined once: a maximal run of Unicode letters and digits (`\p{L}`, `\p{N}`) in
 * lower-cased text. Everything else separates words, so hyphens and apostrophes split ("state-of-the-art" is four
 * words, "model's" two), as the analyzer's tokenizer splits; unlike the analyzer, stop words, numbers and
 * one-letter words are words too, so "state of the art" and "gpt 4" can be looked up. A phrase is consecutive words,
 * whatever separates them ("diffusion-model", "diffusion model" and "Diffusion, models" differ only by spacing
 * and plural). Pure, so the pipeline (which indexes text normalized by `pipelines/text/normalize.ts`) and the
 * dashboard (which splits what the user typed) agree. The same rule as a regular expression for SQL oracles:
 * `WORD_SEPARATOR` between words, `(^|SEP)` and `(SEP|$)` around a phrase.
 */

const WORD = /[\p{L}\p{N}]+/gu;

/** One or more non-word characters, in RE2/JS syntax (DuckDB `regexp_matches` accepts it). */
export const WORD_SEPARATOR = '[^\\p{L}\\p{N}]+';

/** The words of already lower-cased text, in order. */
export function wordsOf(lowerText: string): string[] {
  return lowerText.match(WORD) ?? [];
}

/**
 * The words of what a user typed: NFKC (full-width letters and ligatures as plain ones, as the pipeline
 * normalizes) and lower case first. Empty when it has no letter or digit.
 */
export function typedWords(text: string): string[] {
  return wordsOf(text.normalize('NFKC').toLowerCase());
}
