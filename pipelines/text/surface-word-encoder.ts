/**
 * Lower-cased normalized text -> ids of its surface words (`wordsOf` of `src/shared/words.ts`: runs of letters and
 * digits, stop words and numbers included), for the word index. Runs in the reading pass beside `WordEncoder`, so
 * the writing phase need not read the text back and split it again.
 *
 * ASCII text is scanned once by char code and each word is looked up in an open-addressing table by a hash computed
 * during the scan (no substring for a known word); text with any other character takes `wordsOf` and the same
 * table. Ids are local to one encoder (first-seen order); `drainNewWords` hands the words and their Porter stems
 * created since the last drain to whoever merges encoders (one per worker thread) into global ids.
 */
import { wordsOf } from '../../src/shared/words.ts';
import { growInt32, rehashSlots } from './hash-slots.ts';
import { CachedStemmer } from './stem.ts';
import { HASH_PRIME, HASH_SEED, type IntBuffer } from './word-encoder.ts';

export interface NewSurfaceWords {
  /** Local id of the first word listed. */
  firstId: number;
  words: string[];
  stems: string[];
}

const NON_ASCII = /[^\t-~]/;

/** `[\p{L}\p{N}]` in lower-case ASCII. */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) WORD[c] = 1;

export class SurfaceWordEncoder {
  readonly #stemmer: CachedStemmer;
  // Open addressing on the word hash; slot value = id + 1 (0 = empty).
  #slots = new Int32Array(1 << 16);
  #hashes = new Int32Array(1024);
  #words: string[] = [];
  #stems: string[] = [];
  #drained = 0;

  /** @param stemmer shared with the thread's `WordEncoder`, so a word is stemmed once. */
  constructor(stemmer = new CachedStemmer()) {
    this.#stemmer = stemmer;
  }

  /** Appends the word ids of `lowerText` (normalized, lower-cased) to `out`; returns how many. */
  encode(lowerText: string, out: IntBuffer): number {
    const before = out.length;
    if (NON_ASCII.test(lowerText)) {
      for (const word of wordsOf(lowerText)) {
        let hash = HASH_SEED;
        for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), HASH_PRIME);
        out.push(this.wordId(word, 0, word.length, hash));
      }
    } else {
      const s = lowerText;
      const n = s.length;
      let i = 0;
      while (i < n) {
        let c = s.charCodeAt(i);
        if (WORD[c] !== 1) {
          i++;
          continue;
        }
        const from = i;
        let hash = HASH_SEED;
        do {
          hash = Math.imul(hash ^ c, HASH_PRIME);
          i++;
        } while (i < n && WORD[(c = s.charCodeAt(i))] === 1);
        out.push(this.wordId(s, from, i, hash));
      }
    }
    return out.length - before;
  }

  /** Words created since the previous call, in id order; null if none. */
  drainNewWords(): NewSurfaceWords | null {
    const firstId = this.#drained;
    if (firstId === this.#words.length) return null;
    this.#drained = this.#words.length;
    return { firstId, words: this.#words.slice(firstId), stems: this.#stems.slice(firstId) };
  }

  /** The id of the word s[from, to), whose hash (`HASH_SEED`, `HASH_PRIME`) is `hash`; created on first sight. */
  wordId(s: string, from: number, to: number, hash: number): number {
    const length = to - from;
    const mask = this.#slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const value = this.#slots[slot]!;
      if (value === 0) break;
      const word = this.#words[value - 1]!;
      if (this.#hashes[value - 1] === hash && word.length === length && s.startsWith(word, from)) return value - 1;
      slot = (slot + 1) & mask;
    }
    const id = this.#words.length;
    const word = from === 0 && to === s.length ? s : s.slice(from, to);
    this.#words.push(word);
    this.#stems.push(this.#stemmer.stem(word));
    if (id === this.#hashes.length) this.#hashes = growInt32(this.#hashes);
    this.#hashes[id] = hash;
    this.#slots[slot] = id + 1;
    if (2 * this.#words.length > this.#slots.length) this.#rehash();
    return id;
  }

  #rehash(): void {
    this.#slots = rehashSlots(this.#slots, this.#hashes, this.#words.length);
  }
}
