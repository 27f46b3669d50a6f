/**
 * One encoder's documents -> each document's distinct terms with their counts, in the thread that encoded them (a
 * worker), so that the reading thread only maps terms to global ids and appends them (`TermBuilder`). Terms are those
 * of `TextAnalyzer`: a word's stem, and with bigrams "stem1 stem2" of adjacent words within a phrase.
 *
 * A document comes out as triples (first, second, count) in order of first occurrence: first = the local term id of
 * a stem (numbered here, one per distinct stem this encoder saw), second = -1 for a unigram, else the local term id
 * of the bigram's second stem. Because a bigram's stems occur before it, a reader of the triples in order meets
 * every stem before any bigram of it. It also counts each word's uses (all, as a bigram's first and second word) for
 * the terms' spellings (`SpellingTables`), handed over with `drainWordCounts`.
 *
 * Cost: O(words of the document); bigrams are made distinct in a per-document table of about twice the
 * document's words, so nothing here grows with the number of distinct bigrams in the corpus.
 */
import { growInt32 } from '../text/hash-slots.ts';
import { PHRASE_BREAK, type IntBuffer, type WordEncoder } from '../text/word-encoder.ts';

/** Stems of local term ids created since the previous drain. */
export interface NewTerms {
  firstId: number;
  stems: string[];
}

/** Per local word 0 .. count.length - 1: its uses since the previous drain (see `DocumentTermCounter`). */
export interface WordCounts {
  count: Int32Array<ArrayBuffer>;
  first: Int32Array<ArrayBuffer>;
  second: Int32Array<ArrayBuffer>;
}

/** Ints a triple takes in the output. */
export const TRIPLE = 3;
/** Per-document bigram table: (first, second, triple position, document stamp) a slot. */
const PAIR_SLOT = 4;

export class DocumentTermCounter {
  readonly #bigrams: boolean;
  readonly #termIds = new Map<string, number>();
  #termStems: string[] = [];
  #drainedTerms = 0;
  /** Local word -> local term (its stem's); filled for words 0 .. #words - 1. */
  #wordTerm = new Int32Array(1024);
  #words = 0;
  #count = new Int32Array(1024);
  #first = new Int32Array(1024);
  #second = new Int32Array(1024);
  /** Per local term: the document (stamp) it was last counted in, and where its triple is in the output. */
  #termDoc = new Int32Array(1024);
  #termAt = new Int32Array(1024);
  #pairSlots = new Int32Array(256 * PAIR_SLOT);
  #doc = 0;

  constructor(options: { bigrams: boolean }) {
    this.#bigrams = options.bigrams;
  }

  /** Appends the triples of the document `encoded[from .. to)`, word ids of `words`, to `out`. */
  count(encoded: Int32Array, from: number, to: number, words: WordEncoder, out: IntBuffer): void {
    if (words.wordCount > this.#words) this.#addWords(words);
    const doc = ++this.#doc;
    const wordTerm = this.#wordTerm;
    const termDoc = this.#termDoc;
    const termAt = this.#termAt;
    const count = this.#count;
    if (this.#bigrams) this.#sizePairSlots(to - from);
    // At most a unigram and a bigram triple per word.
    out.reserve(2 * TRIPLE * (to - from));
    const data = out.data;
    let length = out.length;
    let previousWord = -1;
    let previousTerm = -1;
    for (let k = from; k < to; k++) {
      const word = encoded[k]!;
      if (word === PHRASE_BREAK) {
        previousWord = -1;
        continue;
      }
      count[word]!++;
      const term = wordTerm[word]!;
      if (termDoc[term] === doc) {
        data[termAt[term]! + 2]!++;
      } else {
        termDoc[term] = doc;
        termAt[term] = length;
        data[length] = term;
        data[length + 1] = -1;
        data[length + 2] = 1;
        length += TRIPLE;
      }
      if (this.#bigrams && previousWord >= 0) {
        length = this.#countBigram(previousTerm, term, doc, data, length);
        this.#first[previousWord]!++;
        this.#second[word]!++;
      }
      previousWord = word;
      previousTerm = term;
    }
    out.length = length;
  }

  /** Local terms created since the previous call, in id order; null if none. */
  drainNewTerms(): NewTerms | null {
    const firstId = this.#drainedTerms;
    if (firstId === this.#termStems.length) return null;
    this.#drainedTerms = this.#termStems.length;
    return { firstId, stems: this.#termStems.slice(firstId) };
  }

  /** The word uses counted since the previous call (then zero again). */
  drainWordCounts(): WordCounts {
    const n = this.#words;
    const counts = { count: this.#count.slice(0, n), first: this.#first.slice(0, n), second: this.#second.slice(0, n) };
    this.#count.fill(0);
    this.#first.fill(0);
    this.#second.fill(0);
    return counts;
  }

  #addWords(words: WordEncoder): void {
    const n = words.wordCount;
    while (this.#wordTerm.length < n) {
      this.#wordTerm = growInt32(this.#wordTerm);
      this.#count = growInt32(this.#count);
      this.#first = growInt32(this.#first);
      this.#second = growInt32(this.#second);
    }
    for (let word = this.#words; word < n; word++) {
      const stem = words.stemOf(word);
      let term = this.#termIds.get(stem);
      if (term === undefined) {
        term = this.#termStems.length;
        this.#termIds.set(stem, term);
        this.#termStems.push(stem);
        if (term === this.#termDoc.length) {
          this.#termDoc = growInt32(this.#termDoc);
          this.#termAt = growInt32(this.#termAt);
        }
      }
      this.#wordTerm[word] = term;
    }
    this.#words = n;
  }

  /** At most one bigram per word: a table of >= 2x that many slots keeps probes short. */
  #sizePairSlots(words: number): void {
    if (this.#pairSlots.length >= 2 * words * PAIR_SLOT) return;
    let slots = this.#pairSlots.length / PAIR_SLOT;
    while (slots < 2 * words) slots *= 2;
    this.#pairSlots = new Int32Array(slots * PAIR_SLOT);
  }

  /** Counts the bigram (first, second) into triples `data[0 .. length)`; returns the new length. */
  #countBigram(first: number, second: number, doc: number, data: Int32Array, length: number): number {
    const slots = this.#pairSlots;
    const mask = slots.length / PAIR_SLOT - 1;
    for (let slot = pairHash(first, second) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * PAIR_SLOT;
      if (slots[at + 3] !== doc) {
        slots[at] = first;
        slots[at + 1] = second;
        slots[at + 2] = length;
        slots[at + 3] = doc;
        data[length] = first;
        data[length + 1] = second;
        data[length + 2] = 1;
        return length + TRIPLE;
      }
      if (slots[at] === first && slots[at + 1] === second) {
        data[slots[at + 2]! + 2]!++;
        return length;
      }
    }
  }
}

/** The hash of a pair of term ids, shared with `TermBuilder`'s table of bigrams. */
export function pairHash(first: number, second: number): number {
  let h = Math.imul(first, 0x9e3779b1) ^ Math.imul(second + 0x7f4a7c15, 0x85ebca6b);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) ^ (h >>> 13);
}
