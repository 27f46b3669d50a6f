/**
 * One document's text -> its terms: unigram Porter stems plus, optionally, bigrams of adjacent kept tokens
 * ("languag model"), like sklearn's `ngram_range=(1, 2)` after stop-word removal but never across a phrase
 * break (see `tokenize.ts`). Also counts surface spellings so each term can be shown as written
 * (`surfaceForm("languag model")` -> "language models").
 *
 * Bigram spellings are approximated: the most frequent spelling of the first stem when it opens a bigram,
 * joined to that of the second stem when it closes one. Counting every surface bigram exactly took 2.3 s of
 * 3.7 s when analyzing the 16k-abstract sample (a Map of ~10^6 strings, ~10^8 at 10^6 abstracts);
 * these are two integer increments. They differ only when a word's spelling depends on its partner.
 *
 * `analyze` is a function of the text and the options; the mutable state is caches (raw token -> kept
 * parts, word -> stem) and the surface counts, so a worker thread can own one analyzer.
 */
import { SpellingTables } from './spelling-tables.ts';
import { normalizeText } from './normalize.ts';
import { CachedStemmer } from './stem.ts';
import { stopWordSet } from './stopwords.ts';
import { keptParts, splitPhrases, splitWords } from './tokenize.ts';

export interface TextAnalyzerOptions {
  /** Emit bigrams of adjacent kept tokens as "stem1 stem2". */
  bigrams: boolean;
  /** Stop words added to the English and abstract lists (matched lower-cased, before stemming). */
  extraStopWords?: readonly string[];
}

/** A distinct kept word and its occurrences so far: all, as the first and as the second word of a bigram. */
interface Word {
  readonly surface: string;
  readonly stem: string;
  count: number;
  firstCount: number;
  secondCount: number;
}

export class TextAnalyzer {
  readonly #bigrams: boolean;
  readonly #stopWords: ReadonlySet<string>;
  readonly #stemmer = new CachedStemmer();
  readonly #partsByRawToken = new Map<string, readonly Word[]>();
  readonly #words = new Map<string, Word>();
  #spellings: SpellingTables | null = null;

  constructor(options: TextAnalyzerOptions) {
    this.#bigrams = options.bigrams;
    this.#stopWords = stopWordSet(options.extraStopWords);
  }

  analyze(text: string): string[] {
    this.#spellings = null;
    const terms: string[] = [];
    for (const phrase of splitPhrases(normalizeText(text).toLowerCase())) {
      let previous: Word | null = null;
      for (const rawToken of splitWords(phrase)) {
        for (const word of this.#parts(rawToken)) {
          word.count++;
          terms.push(word.stem);
          if (this.#bigrams && previous !== null) {
            terms.push(`${previous.stem} ${word.stem}`);
            previous.firstCount++;
            word.secondCount++;
          }
          previous = word;
        }
      }
    }
    return terms;
  }

  /** The most frequent lower-case spelling of a term seen so far (ties: alphabetical); else the term. */
  surfaceForm(term: string): string {
    return (this.#spellings ??= this.#countSpellings()).surfaceForm(term);
  }

  #parts(rawToken: string): readonly Word[] {
    let parts = this.#partsByRawToken.get(rawToken);
    if (parts === undefined) {
      parts = keptParts(rawToken, this.#stopWords).map((surface) => this.#word(surface));
      this.#partsByRawToken.set(rawToken, parts);
    }
    return parts;
  }

  #word(surface: string): Word {
    let word = this.#words.get(surface);
    if (word === undefined) {
      word = { surface, stem: this.#stemmer.stem(surface), count: 0, firstCount: 0, secondCount: 0 };
      this.#words.set(surface, word);
    }
    return word;
  }

  #countSpellings(): SpellingTables {
    const tables = new SpellingTables();
    for (const word of this.#words.values()) {
      tables.offer('unigram', word.stem, word.surface, word.count);
      tables.offer('first', word.stem, word.surface, word.firstCount);
      tables.offer('second', word.stem, word.surface, word.secondCount);
    }
    return tables;
  }
}
