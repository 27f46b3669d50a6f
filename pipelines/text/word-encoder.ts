/**
 * Text -> a stream of kept-word ids with phrase breaks: the fast path behind `TextAnalyzer`'s tokens
 * (normalize, lower-case, split phrases and words, drop stop words, split hyphens), giving the SAME words in
 * the same order (tests/pipelines/text/word-encoder.test.ts checks it against `tokenize`).
 *
 * Why not `TextAnalyzer`: at 10^6 abstracts it spent ~225 s per core, mostly in regex splitting, one
 * substring + Map lookup per raw token, and building a "stem stem" string per bigram. Here ASCII text (~90 % of
 * abstracts) is scanned once by char code, raw tokens are looked up in an open-addressing table by a hash
 * computed during the scan (no substring for known tokens), and the output is integers. Text with any
 * non-ASCII character takes the regex path of `tokenize.ts` and the same table.
 *
 * Word ids are local to one encoder (first-seen order); `drainNewWords` hands the spelling and stem of the ids
 * created since the last drain to whoever merges encoders (one per worker thread) into global ids.
 */
import { growInt32, rehashSlots } from './hash-slots.ts';
import { normalizeText } from './normalize.ts';
import { CachedStemmer } from './stem.ts';
import { stopWordSet } from './stopwords.ts';
import type { SurfaceWordEncoder } from './surface-word-encoder.ts';
import { keptParts, splitPhrases, splitWords } from './tokenize.ts';

/** Marks the end of a phrase in an encoded stream; bigrams never join words across it. */
export const PHRASE_BREAK = -1;

export interface NewWords {
  /** Local id of the first word listed. */
  firstId: number;
  surfaces: string[];
  stems: string[];
}

/** Anything but tab..tilde takes the general (regex) path, which is right for every text; this one is fast. */
const NON_ASCII = /[^\t-~]/;
/** FNV-1a over UTF-16 code units, the hash of the token tables here and in `SurfaceWordEncoder`. */
export const HASH_SEED = 0x811c9dc5;
export const HASH_PRIME = 0x01000193;
const HYPHEN = 0x2d;

/** ASCII codes of the phrase-breaking characters `! ? ; : , ( ) [ ] { } "` (a `.` breaks before whitespace). */
const BREAKS = new Uint8Array(128);
for (const char of '!?;:,()[]{}"') BREAKS[char.charCodeAt(0)] = 1;
/** Lower-case ASCII word characters: letters, digits and the hyphen (`[\p{L}\p{N}-]` restricted to ASCII). */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d) WORD[c] = 1;
}
/** `\s` in ASCII: tab, line feed, vertical tab, form feed, carriage return, space. */
function isAsciiSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** A growable Int32 buffer for encoded words; `length` is the used part. */
export class IntBuffer {
  data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) this.#grow(this.length + 1);
    this.data[this.length++] = value;
  }

  /** The used part, copied (safe to transfer). */
  toArray(): Int32Array<ArrayBuffer> {
    return this.data.slice(0, this.length);
  }

  clear(): void {
    this.length = 0;
  }

  #grow(needed: number): void {
    const grown = new Int32Array(Math.max(needed, 2 * this.data.length));
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }
}

export class WordEncoder {
  readonly #stopWords: ReadonlySet<string>;
  readonly #stemmer: CachedStemmer;
  // Raw token table: open addressing on the scan hash; slot value = entry + 1 (0 = empty).
  #slots = new Int32Array(1 << 16);
  #tokenKeys: string[] = [];
  #tokenHashes = new Int32Array(1024);
  /** Entry -> its kept parts: partsStart[e] .. partsStart[e] + partsCount[e] in `#parts`. */
  #partsStart = new Int32Array(1024);
  #partsCount = new Int32Array(1024);
  #parts = new IntBuffer();
  #wordIds = new Map<string, number>();
  #surfaces: string[] = [];
  #stems: string[] = [];
  #drained = 0;

  /** @param options.stemmer shared with the thread's other encoders, so a word is stemmed once; default: its own. */
  constructor(options: { extraStopWords?: readonly string[]; stemmer?: CachedStemmer } = {}) {
    this.#stopWords = stopWordSet(options.extraStopWords);
    this.#stemmer = options.stemmer ?? new CachedStemmer();
  }

  /** Appends the kept-word ids of `text`, with PHRASE_BREAK after each phrase that had any, to `out`. */
  encode(text: string, out: IntBuffer): void {
    this.encodeLower(normalizeText(text).toLowerCase(), out);
  }

  /** `encode` of text already normalized (`normalizeText`) and lower-cased. */
  encodeLower(lower: string, out: IntBuffer): void {
    if (NON_ASCII.test(lower)) this.#encodeGeneral(lower, out);
    else this.#encodeAscii(lower, out);
  }

  /**
   * `encodeLower` of ASCII (tab..tilde) `lower` that also appends its surface words (ids of `surfaces`) to
   * `surfaceOut`, found in the same scan: they are the letter-and-digit runs of its raw tokens. Returns how many
   * of them start before `split`.
   */
  encodeAsciiWithSurface(
    s: string,
    out: IntBuffer,
    surfaces: SurfaceWordEncoder,
    surfaceOut: IntBuffer,
    split: number,
  ): number {
    const n = s.length;
    const start = out.length;
    let before = 0;
    let i = 0;
    while (i < n) {
      let c = s.charCodeAt(i);
      if (WORD[c] === 1) {
        const from = i;
        let hash = HASH_SEED;
        let partFrom = i;
        let partHash = HASH_SEED;
        do {
          hash = Math.imul(hash ^ c, HASH_PRIME);
          if (c === HYPHEN) {
            if (i > partFrom) {
              surfaceOut.push(surfaces.wordId(s, partFrom, i, partHash));
              if (partFrom < split) before++;
            }
            partFrom = i + 1;
            partHash = HASH_SEED;
          } else {
            partHash = Math.imul(partHash ^ c, HASH_PRIME);
          }
          i++;
        } while (i < n && WORD[(c = s.charCodeAt(i))] === 1);
        if (i > partFrom) {
          surfaceOut.push(surfaces.wordId(s, partFrom, i, partHash));
          if (partFrom < split) before++;
        }
        this.#emitToken(s, from, i, hash, out);
      } else {
        if (BREAKS[c] === 1 || (c === 0x2e && (i + 1 === n || isAsciiSpace(s.charCodeAt(i + 1))))) {
          if (out.length > start && out.data[out.length - 1] !== PHRASE_BREAK) out.push(PHRASE_BREAK);
        }
        i++;
      }
    }
    if (out.length > start && out.data[out.length - 1] !== PHRASE_BREAK) out.push(PHRASE_BREAK);
    return before;
  }

  /** Number of distinct kept words seen (local ids are 0 .. wordCount - 1). */
  get wordCount(): number {
    return this.#surfaces.length;
  }

  surfaceOf(id: number): string {
    return this.#surfaces[id]!;
  }

  stemOf(id: number): string {
    return this.#stems[id]!;
  }

  /** Words created since the previous call, in id order; null if none. */
  drainNewWords(): NewWords | null {
    const firstId = this.#drained;
    if (firstId === this.#surfaces.length) return null;
    this.#drained = this.#surfaces.length;
    return { firstId, surfaces: this.#surfaces.slice(firstId), stems: this.#stems.slice(firstId) };
  }

  #encodeAscii(s: string, out: IntBuffer): void {
    const n = s.length;
    const start = out.length;
    let i = 0;
    while (i < n) {
      let c = s.charCodeAt(i);
      if (WORD[c] === 1) {
        const from = i;
        let hash = HASH_SEED;
        do {
          hash = Math.imul(hash ^ c, HASH_PRIME);
          i++;
        } while (i < n && WORD[(c = s.charCodeAt(i))] === 1);
        this.#emitToken(s, from, i, hash, out);
      } else {
        if (BREAKS[c] === 1 || (c === 0x2e && (i + 1 === n || isAsciiSpace(s.charCodeAt(i + 1))))) {
          if (out.length > start && out.data[out.length - 1] !== PHRASE_BREAK) out.push(PHRASE_BREAK);
        }
        i++;
      }
    }
    if (out.length > start && out.data[out.length - 1] !== PHRASE_BREAK) out.push(PHRASE_BREAK);
  }

  #encodeGeneral(lower: string, out: IntBuffer): void {
    for (const phrase of splitPhrases(lower)) {
      const before = out.length;
      for (const token of splitWords(phrase)) {
        let hash = HASH_SEED;
        for (let i = 0; i < token.length; i++) hash = Math.imul(hash ^ token.charCodeAt(i), HASH_PRIME);
        this.#emitToken(token, 0, token.length, hash, out);
      }
      if (out.length > before) out.push(PHRASE_BREAK);
    }
  }

  /** Emits the kept words of the raw token s[from, to), creating its table entry on first sight. */
  #emitToken(s: string, from: number, to: number, hash: number, out: IntBuffer): void {
    const length = to - from;
    const mask = this.#slots.length - 1;
    let slot = hash & mask;
    let entry = -1;
    for (;;) {
      const value = this.#slots[slot]!;
      if (value === 0) break;
      const key = this.#tokenKeys[value - 1]!;
      if (this.#tokenHashes[value - 1] === hash && key.length === length && s.startsWith(key, from)) {
        entry = value - 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (entry < 0) entry = this.#addToken(s.slice(from, to), hash, slot);
    const count = this.#partsCount[entry]!;
    if (count === 0) return;
    const first = this.#partsStart[entry]!;
    for (let k = 0; k < count; k++) out.push(this.#parts.data[first + k]!);
  }

  #addToken(token: string, hash: number, slot: number): number {
    const entry = this.#tokenKeys.length;
    this.#tokenKeys.push(token);
    if (entry === this.#tokenHashes.length) {
      this.#tokenHashes = growInt32(this.#tokenHashes);
      this.#partsStart = growInt32(this.#partsStart);
      this.#partsCount = growInt32(this.#partsCount);
    }
    this.#tokenHashes[entry] = hash;
    this.#slots[slot] = entry + 1;
    const parts = keptParts(token, this.#stopWords);
    this.#partsStart[entry] = this.#parts.length;
    this.#partsCount[entry] = parts.length;
    for (const part of parts) this.#parts.push(this.#word(part));
    if (2 * this.#tokenKeys.length > this.#slots.length) this.#rehash();
    return entry;
  }

  #word(surface: string): number {
    let id = this.#wordIds.get(surface);
    if (id === undefined) {
      id = this.#surfaces.length;
      this.#wordIds.set(surface, id);
      this.#surfaces.push(surface);
      this.#stems.push(this.#stemmer.stem(surface));
    }
    return id;
  }

  #rehash(): void {
    this.#slots = rehashSlots(this.#slots, this.#tokenHashes, this.#tokenKeys.length);
  }
}
