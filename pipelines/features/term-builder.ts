/**
 * Encoded documents (kept-word ids from `WordEncoder`, one or several, e.g. one per worker thread) -> term ids
 * in a `VocabularyBuilder`, plus the surface spellings of terms. The same terms and counts as
 * `TextAnalyzer.analyze` + `VocabularyBuilder.addDocument` (unigram stems, bigrams "stem1 stem2" of adjacent
 * words within a phrase) and the same `surfaceForm`, without a string per term occurrence: a word's unigram
 * term id is an array entry, a bigram's is found in an open-addressing table keyed by the pair of unigram ids.
 *
 * Terms are added to the vocabulary when first counted in a document, as the string path does, so the
 * dictionary (and when its cap forgets bigrams) is the same whatever words the encoders saw in skipped
 * duplicates.
 */
import { SpellingTables } from '../text/spelling-tables.ts';
import { PHRASE_BREAK, type NewWords } from '../text/word-encoder.ts';
import { IntBuffer } from '../text/word-encoder.ts';
import { VocabularyBuilder } from './vocabulary.ts';

/** One encoder's local word id -> global word id. */
export class WordMap {
  ids = new Int32Array(1024);
}

const PAIR_SLOT = 4;

export class TermBuilder {
  readonly vocabulary: VocabularyBuilder;
  readonly #bigrams: boolean;
  readonly #wordIds = new Map<string, number>();
  readonly #surfaces: string[] = [];
  readonly #stems: string[] = [];
  /** Global word -> unigram term id, -1 until first counted. */
  #wordTerm = new Int32Array(1024).fill(-1);
  #count = new Int32Array(1024);
  #firstCount = new Int32Array(1024);
  #secondCount = new Int32Array(1024);
  #stemTerm = new Map<string, number>();
  /**
   * Bigram table: PAIR_SLOT ints a slot, (first, second, term id + 1; 0 = empty), one cache line a probe. Starts at
   * 2^20 slots (16 MiB, its pages touched only as used): growing from 2^16 rehashed ~10^6 bigrams at 25k abstracts.
   */
  #pairSlots = new Int32Array((1 << 20) * PAIR_SLOT);
  #pairs = 0;
  readonly #docTerms = new IntBuffer();
  #spellings: SpellingTables | null = null;

  constructor(options: { bigrams: boolean; maxProvisionalTerms?: number }) {
    this.#bigrams = options.bigrams;
    this.vocabulary = new VocabularyBuilder({
      ...(options.maxProvisionalTerms === undefined ? {} : { maxProvisionalTerms: options.maxProvisionalTerms }),
      onRenumber: (newId) => this.#renumber(newId),
    });
  }

  /** A map for one more encoder's word ids. */
  newWordMap(): WordMap {
    return new WordMap();
  }

  /** Registers an encoder's new words (from `drainNewWords`) in its map. */
  addWords(map: WordMap, words: NewWords | null): void {
    if (words === null) return;
    const end = words.firstId + words.surfaces.length;
    if (map.ids.length < end) {
      const grown = new Int32Array(Math.max(end, 2 * map.ids.length));
      grown.set(map.ids);
      map.ids = grown;
    }
    for (let i = 0; i < words.surfaces.length; i++) {
      map.ids[words.firstId + i] = this.#globalWord(words.surfaces[i]!, words.stems[i]!);
    }
  }

  /** Counts one document given as local word ids `encoded[from .. to)` of the encoder behind `map`. */
  addDocument(encoded: Int32Array, from: number, to: number, map: WordMap): void {
    if (this.#pairSlots.length === 0) throw new Error('TermBuilder: addDocument after releaseCounting');
    this.#spellings = null;
    const terms = this.#docTerms;
    const ids = map.ids;
    terms.clear();
    let previousWord = -1;
    let previousTerm = -1;
    for (let k = from; k < to; k++) {
      const local = encoded[k]!;
      if (local === PHRASE_BREAK) {
        previousWord = -1;
        continue;
      }
      const word = ids[local]!;
      this.#count[word]!++;
      let term = this.#wordTerm[word]!;
      if (term < 0) term = this.#unigramTerm(word);
      terms.push(term);
      if (this.#bigrams && previousWord >= 0) {
        terms.push(this.#bigramTerm(previousTerm, term));
        this.#firstCount[previousWord]!++;
        this.#secondCount[word]!++;
      }
      previousWord = word;
      previousTerm = term;
    }
    this.vocabulary.addDocumentIds(terms.data, 0, terms.length);
  }

  /**
   * Frees what only counting needs (bigram table, the vocabulary's per-document pairs) after the vocabulary is
   * built; `surfaceForm` still works, `addDocument` throws.
   */
  releaseCounting(): void {
    this.#spellings ??= this.#countSpellings();
    this.#pairSlots = new Int32Array(0);
    this.vocabulary.releaseDocuments();
  }

  /** The most frequent lower-case spelling of a term counted so far (ties: alphabetical); else the term. */
  surfaceForm(term: string): string {
    return (this.#spellings ??= this.#countSpellings()).surfaceForm(term);
  }

  #globalWord(surface: string, stem: string): number {
    let word = this.#wordIds.get(surface);
    if (word !== undefined) return word;
    word = this.#surfaces.length;
    this.#wordIds.set(surface, word);
    this.#surfaces.push(surface);
    this.#stems.push(stem);
    if (word === this.#wordTerm.length) {
      this.#wordTerm = grown(this.#wordTerm, -1);
      this.#count = grown(this.#count, 0);
      this.#firstCount = grown(this.#firstCount, 0);
      this.#secondCount = grown(this.#secondCount, 0);
    }
    return word;
  }

  #unigramTerm(word: number): number {
    const stem = this.#stems[word]!;
    let term = this.#stemTerm.get(stem);
    if (term === undefined) {
      term = this.vocabulary.appendTerm(stem);
      this.#stemTerm.set(stem, term);
    }
    this.#wordTerm[word] = term;
    return term;
  }

  #bigramTerm(first: number, second: number): number {
    const slots = this.#pairSlots;
    const mask = slots.length / PAIR_SLOT - 1;
    for (let slot = pairHash(first, second) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * PAIR_SLOT;
      const value = slots[at + 2]!;
      if (value === 0) {
        const term = this.vocabulary.appendBigram(first, second);
        slots[at] = first;
        slots[at + 1] = second;
        slots[at + 2] = term + 1;
        if (2 * ++this.#pairs > slots.length / PAIR_SLOT) this.#rebuildPairs((2 * slots.length) / PAIR_SLOT);
        return term;
      }
      if (slots[at] === first && slots[at + 1] === second) return value - 1;
    }
  }

  #rebuildPairs(size: number): void {
    const slots = new Int32Array(size * PAIR_SLOT);
    const mask = size - 1;
    let pairs = 0;
    const vocabulary = this.vocabulary;
    for (let term = 0; term < vocabulary.provisionalTerms; term++) {
      const first = vocabulary.bigramFirst(term);
      if (first < 0) continue;
      const second = vocabulary.bigramSecond(term);
      let slot = pairHash(first, second) & mask;
      while (slots[slot * PAIR_SLOT + 2] !== 0) slot = (slot + 1) & mask;
      slots[slot * PAIR_SLOT] = first;
      slots[slot * PAIR_SLOT + 1] = second;
      slots[slot * PAIR_SLOT + 2] = term + 1;
      pairs++;
    }
    this.#pairSlots = slots;
    this.#pairs = pairs;
  }

  /** The vocabulary forgot bigrams and compacted ids: follow it. */
  #renumber(newId: Int32Array): void {
    for (let word = 0; word < this.#surfaces.length; word++) {
      const term = this.#wordTerm[word]!;
      if (term >= 0) this.#wordTerm[word] = newId[term]!;
    }
    for (const [stem, term] of this.#stemTerm) this.#stemTerm.set(stem, newId[term]!);
    let size = 1 << 16;
    while (size < 4 * this.vocabulary.provisionalTerms) size *= 2;
    this.#rebuildPairs(size);
  }

  #countSpellings(): SpellingTables {
    const tables = new SpellingTables();
    for (let word = 0; word < this.#surfaces.length; word++) {
      const stem = this.#stems[word]!;
      const surface = this.#surfaces[word]!;
      tables.offer('unigram', stem, surface, this.#count[word]!);
      tables.offer('first', stem, surface, this.#firstCount[word]!);
      tables.offer('second', stem, surface, this.#secondCount[word]!);
    }
    return tables;
  }
}

function pairHash(first: number, second: number): number {
  let h = Math.imul(first, 0x9e3779b1) ^ Math.imul(second + 0x7f4a7c15, 0x85ebca6b);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) ^ (h >>> 13);
}

function grown(array: Int32Array, fill: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(2 * array.length);
  bigger.set(array);
  if (fill !== 0) bigger.fill(fill, array.length);
  return bigger;
}
