/**
 * Counted documents (`DocumentTermCounter` triples from one or several encoders, e.g. one per worker thread) -> term
 * ids in a `VocabularyBuilder`, plus the surface spellings of terms. The same terms and counts as
 * `TextAnalyzer.analyze` + `VocabularyBuilder.addDocument` (unigram stems, bigrams "stem1 stem2" of adjacent
 * words within a phrase) and the same `surfaceForm`, without a string per term occurrence: an encoder's local term
 * maps to a unigram's term id through an array, a bigram's is found in an open-addressing table keyed by the pair of
 * unigram ids, once per document it occurs in.
 *
 * Terms are added to the vocabulary when first counted in a document, in the order the string path meets them, so
 * the term ids, the dictionary and when its cap forgets bigrams are the same whatever words the encoders saw in
 * skipped duplicates. Spellings come from the counters' word counts (`addWordCounts`) less those of documents read
 * but not kept (`uncountWords`).
 */
import { SpellingTables } from '../text/spelling-tables.ts';
import { PHRASE_BREAK, type NewWords } from '../text/word-encoder.ts';
import { pairHash, TRIPLE, type NewTerms, type WordCounts } from './document-term-counter.ts';
import { VocabularyBuilder } from './vocabulary.ts';

/** One encoder's local ids -> global ones: of words, and of the terms of its `DocumentTermCounter`. */
export class WordMap {
  ids = new Int32Array(1024);
  /** Local term -> unigram term id, -1 until first counted (renumbered with the vocabulary). */
  terms = new Int32Array(1024).fill(-1);
  termStems: string[] = [];
}

const PAIR_SLOT = 4;

export class TermBuilder {
  readonly vocabulary: VocabularyBuilder;
  readonly #bigrams: boolean;
  readonly #wordIds = new Map<string, number>();
  readonly #surfaces: string[] = [];
  readonly #stems: string[] = [];
  readonly #maps: WordMap[] = [];
  #count = new Int32Array(1024);
  #firstCount = new Int32Array(1024);
  #secondCount = new Int32Array(1024);
  #stemTerm = new Map<string, number>();
  /** Term id -> the unigram ids of a bigram (-1 for unigrams). */
  #pairFirst = new Int32Array(1024).fill(-1);
  #pairSecond = new Int32Array(1024).fill(-1);
  /** Bigram table: PAIR_SLOT ints a slot, (first, second, term id + 1; 0 = empty), one cache line a probe. */
  #pairSlots = new Int32Array((1 << 16) * PAIR_SLOT);
  #pairs = 0;
  /** One document's term ids and counts, for the vocabulary. */
  #docTerms = new Int32Array(1024);
  #docCounts = new Int32Array(1024);
  #spellings: SpellingTables | null = null;

  constructor(options: { bigrams: boolean; maxProvisionalTerms?: number }) {
    this.#bigrams = options.bigrams;
    this.vocabulary = new VocabularyBuilder({
      ...(options.maxProvisionalTerms === undefined ? {} : { maxProvisionalTerms: options.maxProvisionalTerms }),
      onRenumber: (newId) => this.#renumber(newId),
    });
  }

  get bigrams(): boolean {
    return this.#bigrams;
  }

  /** A map for one more encoder's word ids. */
  newWordMap(): WordMap {
    const map = new WordMap();
    this.#maps.push(map);
    return map;
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

  /** Registers a counter's new terms (from `drainNewTerms`) in its encoder's map. */
  addTerms(map: WordMap, terms: NewTerms | null): void {
    if (terms === null) return;
    const end = terms.firstId + terms.stems.length;
    if (map.terms.length < end) map.terms = grown(map.terms, -1, end);
    for (let i = 0; i < terms.stems.length; i++) map.termStems[terms.firstId + i] = terms.stems[i]!;
  }

  /** Counts one document given as triples `counted[from .. to)` of the counter behind `map`. */
  addCountedDocument(counted: Int32Array, from: number, to: number, map: WordMap): void {
    if (this.#pairSlots.length === 0) throw new Error('TermBuilder: addCountedDocument after releaseCounting');
    this.#spellings = null;
    const n = (to - from) / TRIPLE;
    if (this.#docTerms.length < n) {
      this.#docTerms = new Int32Array(2 * n);
      this.#docCounts = new Int32Array(2 * n);
    }
    const ids = this.#docTerms;
    const counts = this.#docCounts;
    const terms = map.terms;
    for (let i = 0, k = from; k < to; i++, k += TRIPLE) {
      const local = counted[k]!;
      let term = terms[local]!;
      if (term < 0) term = this.#unigramTerm(map, local);
      const second = counted[k + 1]!;
      // The bigram's second stem came before it in the document: its id is known.
      ids[i] = second < 0 ? term : this.#bigramTerm(term, terms[second]!);
      counts[i] = counted[k + 2]!;
    }
    this.vocabulary.addDocumentCounts(ids, counts, n);
  }

  /** Adds a counter's word counts (from `drainWordCounts`) to the spellings' counts. */
  addWordCounts(map: WordMap, counts: WordCounts): void {
    this.#spellings = null;
    const ids = map.ids;
    for (let local = 0; local < counts.count.length; local++) {
      const word = ids[local]!;
      this.#count[word]! += counts.count[local]!;
      this.#firstCount[word]! += counts.first[local]!;
      this.#secondCount[word]! += counts.second[local]!;
    }
  }

  /**
   * Takes back the word counts of a document its counter counted but that is not added (a duplicate): local word
   * ids `encoded[from .. to)` of the encoder behind `map`.
   */
  uncountWords(encoded: Int32Array, from: number, to: number, map: WordMap): void {
    this.#spellings = null;
    const ids = map.ids;
    let previousWord = -1;
    for (let k = from; k < to; k++) {
      const local = encoded[k]!;
      if (local === PHRASE_BREAK) {
        previousWord = -1;
        continue;
      }
      const word = ids[local]!;
      this.#count[word]!--;
      if (this.#bigrams && previousWord >= 0) {
        this.#firstCount[previousWord]!--;
        this.#secondCount[word]!--;
      }
      previousWord = word;
    }
  }

  /**
   * Frees what only counting needs (bigram table, the vocabulary's per-document pairs) after the vocabulary is
   * built; `surfaceForm` still works, `addCountedDocument` throws.
   */
  releaseCounting(): void {
    this.#spellings ??= this.#countSpellings();
    this.#pairSlots = new Int32Array(0);
    this.#pairFirst = new Int32Array(0);
    this.#pairSecond = new Int32Array(0);
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
    if (word === this.#count.length) {
      this.#count = grown(this.#count, 0);
      this.#firstCount = grown(this.#firstCount, 0);
      this.#secondCount = grown(this.#secondCount, 0);
    }
    return word;
  }

  #unigramTerm(map: WordMap, local: number): number {
    const stem = map.termStems[local]!;
    let term = this.#stemTerm.get(stem);
    if (term === undefined) {
      term = this.#newTerm(stem, -1, -1);
      this.#stemTerm.set(stem, term);
    }
    map.terms[local] = term;
    return term;
  }

  #bigramTerm(first: number, second: number): number {
    const slots = this.#pairSlots;
    const mask = slots.length / PAIR_SLOT - 1;
    for (let slot = pairHash(first, second) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * PAIR_SLOT;
      const value = slots[at + 2]!;
      if (value === 0) {
        const term = this.#newTerm(`${this.vocabulary.term(first)} ${this.vocabulary.term(second)}`, first, second);
        slots[at] = first;
        slots[at + 1] = second;
        slots[at + 2] = term + 1;
        if (2 * ++this.#pairs > slots.length / PAIR_SLOT) this.#rebuildPairs((2 * slots.length) / PAIR_SLOT);
        return term;
      }
      if (slots[at] === first && slots[at + 1] === second) return value - 1;
    }
  }

  #newTerm(text: string, first: number, second: number): number {
    const term = this.vocabulary.appendTerm(text);
    if (term >= this.#pairFirst.length) {
      this.#pairFirst = grown(this.#pairFirst, -1);
      this.#pairSecond = grown(this.#pairSecond, -1);
    }
    this.#pairFirst[term] = first;
    this.#pairSecond[term] = second;
    return term;
  }

  #rebuildPairs(size: number): void {
    const slots = new Int32Array(size * PAIR_SLOT);
    const mask = size - 1;
    let pairs = 0;
    for (let term = 0; term < this.vocabulary.provisionalTerms; term++) {
      const first = this.#pairFirst[term]!;
      if (first < 0) continue;
      const second = this.#pairSecond[term]!;
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
    for (const map of this.#maps) {
      for (let local = 0; local < map.termStems.length; local++) {
        const term = map.terms[local]!;
        if (term >= 0) map.terms[local] = newId[term]!;
      }
    }
    for (const [stem, term] of this.#stemTerm) this.#stemTerm.set(stem, newId[term]!);
    const first = new Int32Array(this.#pairFirst.length).fill(-1);
    const second = new Int32Array(this.#pairSecond.length).fill(-1);
    for (let term = 0; term < newId.length; term++) {
      const to = newId[term]!;
      if (to < 0 || this.#pairFirst[term]! < 0) continue;
      first[to] = newId[this.#pairFirst[term]!]!;
      second[to] = newId[this.#pairSecond[term]!]!;
    }
    this.#pairFirst = first;
    this.#pairSecond = second;
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

function grown(array: Int32Array, fill: number, needed = 0): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(needed, 2 * array.length));
  bigger.set(array);
  if (fill !== 0) bigger.fill(fill, array.length);
  return bigger;
}
