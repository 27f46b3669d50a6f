/**
 * The word index's postings (word, position) held in JS, document by document, until they are sorted into the
 * order of `word_postings` (word, doc, position) by a counting sort and staged in that order: DuckDB then joins
 * the words and months and writes the rows in the staged order instead of sorting millions of them (a third of the
 * COPY at 25k papers, and at 100k a sort that spilled to disk; measured).
 *
 * Memory: 8 bytes a posting while collecting, 12 more for the sorted columns; the unsorted blocks are dropped
 * once sorted. Time O(postings + words + documents).
 */

/** Postings per block (2^BLOCK_BITS): growing one array would copy it and, while it does, hold both. */
const BLOCK_BITS = 18;
const BLOCK_ROWS = 1 << BLOCK_BITS;

/** `word_postings`'s rows as integers, sorted by (wordRank, doc, position). */
export interface SortedPostings {
  wordRank: Int32Array;
  doc: Int32Array;
  position: Int32Array;
}

export class PostingLists {
  #words: Int32Array[] = [];
  #positions: Int32Array[] = [];
  #size = 0;
  /** Per document key, its postings' range [start, end) in the order added (empty when never added). */
  #docStart = new Int32Array(1024);
  #docEnd = new Int32Array(1024);

  get length(): number {
    return this.#size;
  }

  #docKey = -1;

  /**
   * Starts a document's postings; `add` then gives them in position order. `docKey` identifies the document (its
   * staging index, or its number); each document is started once.
   */
  startDocument(docKey: number): void {
    if (docKey >= this.#docStart.length) {
      this.#docStart = grown(this.#docStart, docKey + 1);
      this.#docEnd = grown(this.#docEnd, docKey + 1);
    }
    this.#docKey = docKey;
    this.#docStart[docKey] = this.#docEnd[docKey] = this.#size;
  }

  /** Adds a posting of the document last started. */
  add(word: number, position: number): void {
    const offset = this.#size & (BLOCK_ROWS - 1);
    if (offset === 0) {
      this.#words.push(new Int32Array(BLOCK_ROWS));
      this.#positions.push(new Int32Array(BLOCK_ROWS));
    }
    this.#words[this.#words.length - 1]![offset] = word;
    this.#positions[this.#positions.length - 1]![offset] = position;
    this.#docEnd[this.#docKey] = ++this.#size;
  }

  /** Drops every posting (e.g. once the index is over its document limit). */
  clear(): void {
    this.#words = [];
    this.#positions = [];
    this.#size = 0;
    this.#docStart = new Int32Array(0);
    this.#docEnd = new Int32Array(0);
    this.#docKey = -1;
  }

  /**
   * Every posting sorted by (rank of its word, doc, position), where `rankOfWord[word]` is the word's rank (0 ..
   * nRanks-1) and `docKeys[doc]` the key of document number `doc`; documents not listed are left out. Clears the
   * lists.
   */
  sorted(rankOfWord: Int32Array, nRanks: number, docKeys: Int32Array): SortedPostings {
    const words = this.#words;
    const positions = this.#positions;
    const word = (at: number): number => words[at >>> BLOCK_BITS]![at & (BLOCK_ROWS - 1)]!;
    const bucketStart = new Int32Array(nRanks + 1);
    let n = 0;
    for (const key of docKeys) {
      for (let at = this.#docStart[key]!; at < this.#docEnd[key]!; at++) bucketStart[rankOfWord[word(at)]! + 1]!++;
      n += this.#docEnd[key]! - this.#docStart[key]!;
    }
    for (let r = 0; r < nRanks; r++) bucketStart[r + 1]! += bucketStart[r]!;
    const cursor = bucketStart.slice(0, nRanks);
    const sorted: SortedPostings = {
      wordRank: new Int32Array(n),
      doc: new Int32Array(n),
      position: new Int32Array(n),
    };
    // Documents in order, each's postings in position order: every word's bucket fills in (doc, position) order.
    docKeys.forEach((key, doc) => {
      for (let at = this.#docStart[key]!; at < this.#docEnd[key]!; at++) {
        const to = cursor[rankOfWord[word(at)]!]!++;
        sorted.doc[to] = doc;
        sorted.position[to] = positions[at >>> BLOCK_BITS]![at & (BLOCK_ROWS - 1)]!;
      }
    });
    for (let r = 0; r < nRanks; r++) sorted.wordRank.fill(r, bucketStart[r], bucketStart[r + 1]);
    this.clear();
    return sorted;
  }
}

function grown(array: Int32Array, atLeast: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(Math.max(atLeast, 2 * array.length));
  bigger.set(array);
  return bigger;
}
