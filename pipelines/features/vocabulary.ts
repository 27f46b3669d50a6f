/**
 * Documents' terms -> a pruned, sorted vocabulary and a document x term count matrix, as sklearn's
 * `CountVectorizer.fit_transform` with `min_df`, `max_df`, `max_features` (vocabulary sorted
 * lexicographically; `maxFeatures` keeps the terms with the highest total count, ties alphabetical).
 *
 * Memory: each document is stored as (provisional term id, count) pairs in chunked typed arrays
 * (`pair-chunks.ts`, Int32 + Uint16, 6 bytes a pair) and terms live once in a Map. Bigram dictionaries grow without bound
 * (measured with TextAnalyzer, bigrams on: 0.64 M distinct terms at 16k abstracts, 2.3 M at 116k; tens of
 * millions expected at 10^6), so when the dictionary exceeds `maxProvisionalTerms`, bigrams seen in exactly
 * one document so far are forgotten and their pairs removed. This is an approximation: a forgotten bigram
 * that recurs restarts its document frequency from zero, so df is a lower bound for bigrams and a bigram
 * whose documents are spread thinly may be lost (116k abstracts, cap 10^6: 4 prunes, 272,163 instead of
 * 291,547 terms at minDf 5, maxDf 0.5, all of the difference bigrams). It is
 * deterministic (depends only on the order of documents) and exact while the cap is never reached
 * (`capPrunes === 0`). Unigrams are never forgotten.
 */
import { CliError } from '../errors.ts';
import { sharedInt32Array, type Csr } from './csr.ts';
import { PairChunks } from './pair-chunks.ts';

export interface VocabularyOptions {
  /** Keep terms in at least this many documents: an integer >= 1, or a proportion of documents in [0, 1). */
  minDf: number;
  /** Keep terms in at most this many documents: an integer >= 1 (Infinity: no limit) or a proportion in (0, 1). */
  maxDf: number;
  /** Keep at most this many terms, those with the highest total count; null: no limit. */
  maxFeatures: number | null;
}

export interface Vocabulary {
  /** Kept terms, sorted; column j of `counts` is terms[j]. */
  terms: string[];
  /** Raw term counts, documents in `addDocument` order. */
  counts: Csr;
  documentFrequency: Int32Array;
  /** Terms dropped by minDf, maxDf and maxFeatures (sklearn's `stop_words_`). */
  prunedTerms: number;
}

const MAX_COUNT = 0xffff;
/** Ints of per-term state (see `#state`); 4 keeps a term's state inside one cache line. */
const STATE = 4;

/** Grows by half (per-document ends and per-term state: ~10^6 entries at 10^6 abstracts; the pairs are chunked). */
function grow<T extends Int32Array | Uint16Array>(array: T, needed: number): T {
  if (array.length >= needed) return array;
  const grown = new (array.constructor as new (length: number) => T)(
    Math.max(needed, Math.ceil(1.5 * array.length), 1024),
  );
  grown.set(array);
  return grown;
}

/** minDf/maxDf as document counts, sklearn's rule: a proportion times n, or an absolute count. */
function documentCount(value: number, nDocs: number, option: '--min-df' | '--max-df'): number {
  if (value >= 0 && value < 1) return value * nDocs;
  if (Number.isInteger(value) || value === Infinity) return value;
  throw new CliError(`invalid ${option}: ${value}. Use a whole number of documents (>= 1) or a proportion in [0, 1).`);
}

export class VocabularyBuilder {
  readonly #maxProvisionalTerms: number;
  #nextPruneAt: number;
  readonly #onRenumber: ((newId: Int32Array) => void) | undefined;
  #ids = new Map<string, number>();
  /** Terms come from `appendTerm` (the caller indexes them) rather than `addDocument`. */
  #external = false;
  #released = false;
  /** Term texts; null for a bigram added by `appendBigram`, whose text is built from its parts when asked for. */
  #terms: (string | null)[] = [];
  /** Per provisional id: the unigram ids of an `appendBigram` bigram, else -1. */
  #first = new Int32Array(0);
  #second = new Int32Array(0);
  /**
   * Per provisional id, STATE ints interleaved so that counting touches one cache line: last document + 1
   * (0: none), that document's pair slot, document frequency. Zero-initialized means a fresh term.
   */
  #state = new Int32Array(0);
  #pairs = new PairChunks();
  #docEnd = new Int32Array(0);
  #nDocs = 0;
  /** How many times the dictionary cap forced forgetting single-document bigrams. */
  capPrunes = 0;
  /** Bigrams forgotten by those prunes (counted once per forgetting). */
  capPrunedTerms = 0;

  /**
   * @param maxProvisionalTerms dictionary size that triggers forgetting single-document bigrams; default 2^22.
   * @param onRenumber called after such forgetting with old id -> new id (-1: forgotten), for `appendTerm` callers.
   */
  constructor(options: { maxProvisionalTerms?: number; onRenumber?: (newId: Int32Array) => void } = {}) {
    this.#maxProvisionalTerms = options.maxProvisionalTerms ?? 2 ** 22;
    this.#onRenumber = options.onRenumber;
    this.#nextPruneAt = this.#maxProvisionalTerms;
  }

  get nDocs(): number {
    return this.#nDocs;
  }

  get provisionalTerms(): number {
    return this.#terms.length;
  }

  addDocument(terms: readonly string[]): void {
    if (this.#external) throw new Error('VocabularyBuilder: addDocument after appendTerm; use one way of adding terms');
    const doc = this.#nDocs;
    for (const term of terms) {
      let id = this.#ids.get(term);
      if (id === undefined) {
        id = this.#newTerm(term);
        this.#ids.set(term, id);
      }
      this.#count(id, doc);
    }
    this.#endDocument();
  }

  /**
   * Adds a term the caller has never appended (or that a renumbering forgot) and returns its provisional id,
   * for callers that keep their own term -> id index (`TermBuilder`): no string Map lookup per occurrence.
   * Ids change when the cap forgets bigrams: see the `onRenumber` constructor option.
   */
  appendTerm(term: string): number;
  appendTerm(term: string | null): number;
  appendTerm(term: string | null): number {
    if (this.#ids.size > 0)
      throw new Error('VocabularyBuilder: appendTerm after addDocument; use one way of adding terms');
    this.#external = true;
    return this.#newTerm(term);
  }

  /**
   * Adds the bigram "first second" of two appended unigram ids, as `appendTerm` would with its text, without
   * building that string (most bigrams are pruned by minDf; ~10^6 strings at 25k abstracts were GC work).
   */
  appendBigram(first: number, second: number): number {
    const id = this.appendTerm(null);
    this.#first[id] = first;
    this.#second[id] = second;
    return id;
  }

  /** The unigram ids of an `appendBigram` bigram (-1, -1 for any other term). */
  bigramFirst(id: number): number {
    return this.#first[id]!;
  }

  bigramSecond(id: number): number {
    return this.#second[id]!;
  }

  /** The term of a provisional id. */
  term(id: number): string {
    return this.#terms[id] ?? `${this.#terms[this.#first[id]!]} ${this.#terms[this.#second[id]!]}`;
  }

  /** Adds one document given as provisional term ids `ids[from .. to)` (see `appendTerm`). */
  addDocumentIds(ids: Int32Array, from: number, to: number): void {
    const doc = this.#nDocs;
    for (let k = from; k < to; k++) this.#count(ids[k]!, doc);
    this.#endDocument();
  }

  #count(id: number, doc: number): void {
    const state = this.#state;
    const at = STATE * id;
    if (state[at] === doc + 1) {
      this.#pairs.increment(state[at + 1]!, MAX_COUNT);
    } else {
      state[at] = doc + 1;
      state[at + 1] = this.#pairs.push(id, 1);
      state[at + 2]!++;
    }
  }

  #endDocument(): void {
    if (this.#released) throw new Error('VocabularyBuilder: document added after releaseDocuments');
    const doc = this.#nDocs;
    this.#docEnd = grow(this.#docEnd, doc + 1);
    this.#docEnd[doc] = this.#pairs.length;
    this.#nDocs++;
    if (this.#terms.length > this.#nextPruneAt) this.#forgetSingleDocumentBigrams();
  }

  build(options: VocabularyOptions): Vocabulary {
    if (this.#released) throw new Error('VocabularyBuilder: build after releaseDocuments');
    const nDocs = this.#nDocs;
    const minCount = documentCount(options.minDf, nDocs, '--min-df');
    const maxCount = documentCount(options.maxDf, nDocs, '--max-df');
    if (maxCount < minCount) {
      throw new CliError(
        `--max-df ${options.maxDf} corresponds to fewer documents (${maxCount}) than --min-df ${options.minDf} (${minCount}).`,
      );
    }
    if (options.maxFeatures !== null && !(Number.isInteger(options.maxFeatures) && options.maxFeatures > 0)) {
      throw new CliError(`invalid --max-features: ${options.maxFeatures}. Use a whole number >= 1.`);
    }
    if (this.#terms.length === 0) {
      throw new CliError('No terms in any document: every document is empty or contains only stop words.');
    }

    let kept: number[] = [];
    for (let id = 0; id < this.#terms.length; id++) {
      const df = this.#df(id);
      if (df >= minCount && df <= maxCount) kept.push(id);
    }
    // The texts of the candidate terms only (bigram texts are built here, not while counting).
    const text = new Map<number, string>();
    for (const id of kept) text.set(id, this.term(id));
    if (options.maxFeatures !== null && kept.length > options.maxFeatures) {
      const total = this.#totalCounts();
      kept.sort((a, b) => total[b]! - total[a]! || compare(text.get(a)!, text.get(b)!));
      kept = kept.slice(0, options.maxFeatures);
    }
    if (kept.length === 0) {
      throw new CliError('After pruning, no terms remain. Try a lower --min-df or a higher --max-df.');
    }
    kept.sort((a, b) => compare(text.get(a)!, text.get(b)!));

    const column = new Int32Array(this.#terms.length).fill(-1);
    const documentFrequency = new Int32Array(kept.length);
    kept.forEach((id, j) => {
      column[id] = j;
      documentFrequency[j] = this.#df(id);
    });
    return {
      terms: kept.map((id) => text.get(id)!),
      counts: this.#countMatrix(column, kept.length),
      documentFrequency,
      prunedTerms: this.#terms.length - kept.length,
    };
  }

  #newTerm(term: string | null): number {
    const id = this.#terms.length;
    this.#terms.push(term);
    this.#state = grow(this.#state, STATE * (id + 1));
    if (id === this.#first.length) {
      this.#first = grownFilled(this.#first, id + 1);
      this.#second = grownFilled(this.#second, id + 1);
    }
    this.#first[id] = -1;
    this.#second[id] = -1;
    return id;
  }

  #df(id: number): number {
    return this.#state[STATE * id + 2]!;
  }

  /**
   * Frees the per-document pairs and per-term state (most of this builder's memory: ~1 GB at 10^6 abstracts)
   * once the matrix is built; the builder can then only say its counters and `term(id)`.
   */
  releaseDocuments(): void {
    this.#released = true;
    this.#pairs = new PairChunks();
    this.#docEnd = new Int32Array(0);
    this.#state = new Int32Array(0);
    this.#ids = new Map();
  }

  #totalCounts(): Float64Array {
    const total = new Float64Array(this.#terms.length);
    const pairs = this.#pairs;
    for (let k = 0; k < pairs.length; k++) total[pairs.id(k)]! += pairs.count(k);
    return total;
  }

  /** Rows with columns ascending: each row's (column, count) pairs packed into one float64 and sorted. */
  #countMatrix(column: Int32Array, nCols: number): Csr {
    const indptr = sharedInt32Array(this.#nDocs + 1);
    let nnz = 0;
    for (let doc = 0, k = 0; doc < this.#nDocs; doc++) {
      for (const end = this.#docEnd[doc]!; k < end; k++) if (column[this.#pairs.id(k)]! >= 0) nnz++;
      indptr[doc + 1] = nnz;
    }
    const indices = sharedInt32Array(nnz);
    const data = new Float32Array(nnz);
    let packed = new Float64Array(1024);
    for (let doc = 0, k = 0, out = 0; doc < this.#nDocs; doc++) {
      let length = 0;
      for (const end = this.#docEnd[doc]!; k < end; k++) {
        const j = column[this.#pairs.id(k)]!;
        if (j < 0) continue;
        if (length === packed.length) {
          const bigger = new Float64Array(2 * packed.length);
          bigger.set(packed);
          packed = bigger;
        }
        packed[length++] = j * (MAX_COUNT + 1) + this.#pairs.count(k);
      }
      const row = packed.subarray(0, length).sort();
      for (const value of row) {
        indices[out] = Math.floor(value / (MAX_COUNT + 1));
        data[out++] = value % (MAX_COUNT + 1);
      }
    }
    return { nRows: this.#nDocs, nCols, indptr, indices, data };
  }

  #forgetSingleDocumentBigrams(): void {
    const oldTerms = this.#terms;
    const newId = new Int32Array(oldTerms.length).fill(-1);
    const terms: (string | null)[] = [];
    const ids = new Map<string, number>();
    for (let id = 0; id < oldTerms.length; id++) {
      const term = oldTerms[id]!;
      if (this.#df(id) === 1 && (term === null || term.includes(' '))) continue;
      const to = terms.length;
      newId[id] = to;
      this.#state[STATE * to + 2] = this.#df(id);
      // A bigram's parts are unigrams, never forgotten, and before it: already renumbered.
      this.#first[to] = this.#first[id]! < 0 ? -1 : newId[this.#first[id]!]!;
      this.#second[to] = this.#second[id]! < 0 ? -1 : newId[this.#second[id]!]!;
      if (term !== null && !this.#external) ids.set(term, to);
      terms.push(term);
    }
    this.#state.fill(0, STATE * terms.length);
    for (let id = 0; id < terms.length; id++) this.#state[STATE * id] = 0;
    let out = 0;
    for (let doc = 0, k = 0; doc < this.#nDocs; doc++) {
      for (const end = this.#docEnd[doc]!; k < end; k++) {
        const id = newId[this.#pairs.id(k)]!;
        if (id < 0) continue;
        this.#pairs.set(out++, id, this.#pairs.count(k));
      }
      this.#docEnd[doc] = out;
    }
    this.#pairs.truncate(out);
    this.capPrunes++;
    this.capPrunedTerms += oldTerms.length - terms.length;
    this.#terms = terms;
    this.#ids = ids;
    // Prune again only after cap/2 new terms, so a dictionary of mostly multi-document terms cannot thrash.
    this.#nextPruneAt = Math.max(this.#maxProvisionalTerms, terms.length + this.#maxProvisionalTerms / 2);
    this.#onRenumber?.(newId);
  }
}

/** `array` grown (by half, at least to `needed`), the new part -1. */
function grownFilled<T extends Int32Array>(array: T, needed: number): T {
  const bigger = grow(array, needed);
  if (bigger !== array) bigger.fill(-1, array.length);
  return bigger;
}

/** Code-unit order, as `Array.prototype.sort` (sklearn sorts by code point; they differ only beyond U+FFFF). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
