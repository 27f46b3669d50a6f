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
import { growInt32 } from './hash-slots.ts';
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
/** Whether lower-cased text takes `WordEncoder`'s ASCII scan (so `encodeAsciiWithSurface` applies): tab..tilde only. */
export function isScanAscii(lower: string): boolean {
  return !NON_ASCII.test(lower);
}

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

/**
 * A raw token's entry in `WordEncoder`'s table: ENTRY ints, so that a lookup reads one cache line. A token with one
 * kept part (or one surface word), the common case, holds its id in place of a start offset.
 */
const ENTRY = 8;
const HASH = 0;
const KEY_START = 1;
const KEY_LENGTH = 2;
/** Kept parts: the id itself when PARTS_COUNT is 1, else the start of the ids in `#parts`. */
const PARTS = 3;
const PARTS_COUNT = 4;
/** Surface words (ids of `surfaceWords`) as PARTS; SURFACE_COUNT -1 until first needed. */
const SURFACE = 5;
const SURFACE_COUNT = 6;

export class WordEncoder {
  readonly #stopWords: ReadonlySet<string>;
  readonly #stemmer: CachedStemmer;
  readonly #surfaceWords: SurfaceWordEncoder | null;
  /** Open addressing on the scan hash: per slot (hash, entry + 1; 0 = empty), so a probe reads one pair. */
  #slots = new Int32Array(2 << 16);
  #tokenCount = 0;
  #entries = new Int32Array(ENTRY * 1024);
  /** The tokens' code units, one after another (`KEY_START`, `KEY_LENGTH`), compared in place. */
  #keyChars = new Uint16Array(1 << 16);
  #keyCharsLength = 0;
  #parts = new IntBuffer();
  #surfaceParts = new IntBuffer();
  #wordIds = new Map<string, number>();
  #surfaces: string[] = [];
  #stems: string[] = [];
  #drained = 0;

  /**
   * @param options.stemmer shared with the thread's other encoders, so a word is stemmed once; default: its own.
   * @param options.surfaceWords the encoder whose ids `encodeAsciiWithSurface` gives (each raw token remembers its
   *   surface words, so a token is looked up once for both).
   */
  constructor(
    options: { extraStopWords?: readonly string[]; stemmer?: CachedStemmer; surfaceWords?: SurfaceWordEncoder } = {},
  ) {
    this.#stopWords = stopWordSet(options.extraStopWords);
    this.#stemmer = options.stemmer ?? new CachedStemmer();
    this.#surfaceWords = options.surfaceWords ?? null;
  }

  /** Appends the kept-word ids of `text`, with PHRASE_BREAK after each phrase that had any, to `out`. */
  encode(text: string, out: IntBuffer): void {
    this.encodeLower(normalizeText(text).toLowerCase(), out);
  }

  /** `encode` of text already normalized (`normalizeText`) and lower-cased. */
  encodeLower(lower: string, out: IntBuffer): void {
    if (isScanAscii(lower)) this.#encodeAscii(lower, out, null, 0);
    else this.#encodeGeneral(lower, out);
  }

  /**
   * `encodeLower` of ASCII (tab..tilde) `lower` that also appends its surface words (ids of the constructor's
   * `surfaceWords`) to `surfaceOut`, found in the same scan: they are the letter-and-digit runs of its raw tokens.
   * Returns how many of them start before `split` (which no token spans).
   */
  encodeAsciiWithSurface(s: string, out: IntBuffer, surfaceOut: IntBuffer, split: number): number {
    if (this.#surfaceWords === null) throw new Error('WordEncoder: encodeAsciiWithSurface without surfaceWords');
    return this.#encodeAscii(s, out, surfaceOut, split);
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

  /** The ASCII scan; with `surfaceOut`, also the surface words, returning how many start before `split`. */
  #encodeAscii(s: string, out: IntBuffer, surfaceOut: IntBuffer | null, split: number): number {
    const n = s.length;
    const start = out.length;
    let before = 0;
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
        const at = ENTRY * this.#entry(s, from, i, hash);
        this.#emit(this.#entries[at + PARTS]!, this.#entries[at + PARTS_COUNT]!, this.#parts, out);
        if (surfaceOut !== null) {
          if (this.#entries[at + SURFACE_COUNT]! < 0) this.#addSurface(at, s, from, i);
          const count = this.#entries[at + SURFACE_COUNT]!;
          this.#emit(this.#entries[at + SURFACE]!, count, this.#surfaceParts, surfaceOut);
          if (from < split) before += count;
        }
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

  #encodeGeneral(lower: string, out: IntBuffer): void {
    for (const phrase of splitPhrases(lower)) {
      const before = out.length;
      for (const token of splitWords(phrase)) {
        let hash = HASH_SEED;
        for (let i = 0; i < token.length; i++) hash = Math.imul(hash ^ token.charCodeAt(i), HASH_PRIME);
        const at = ENTRY * this.#entry(token, 0, token.length, hash);
        this.#emit(this.#entries[at + PARTS]!, this.#entries[at + PARTS_COUNT]!, this.#parts, out);
      }
      if (out.length > before) out.push(PHRASE_BREAK);
    }
  }

  /** Appends `count` ids to `out`: `idOrStart` itself when count is 1, else `list[idOrStart ..]`. */
  #emit(idOrStart: number, count: number, list: IntBuffer, out: IntBuffer): void {
    if (count === 1) {
      out.push(idOrStart);
      return;
    }
    for (let k = 0; k < count; k++) out.push(list.data[idOrStart + k]!);
  }

  /** Records the surface words of the entry at `at`, the raw ASCII token s[from, to): its runs between hyphens. */
  #addSurface(at: number, s: string, from: number, to: number): void {
    const surfaceWords = this.#surfaceWords!;
    const ids: number[] = [];
    let partFrom = from;
    let partHash = HASH_SEED;
    for (let i = from; i <= to; i++) {
      const c = i < to ? s.charCodeAt(i) : HYPHEN;
      if (c !== HYPHEN) {
        partHash = Math.imul(partHash ^ c, HASH_PRIME);
        continue;
      }
      if (i > partFrom) ids.push(surfaceWords.wordId(s, partFrom, i, partHash));
      partFrom = i + 1;
      partHash = HASH_SEED;
    }
    this.#store(at + SURFACE, ids, this.#surfaceParts);
  }

  /** Stores `ids` at `entries[field]` (id or start) and `entries[field + 1]` (count). */
  #store(field: number, ids: number[], list: IntBuffer): void {
    this.#entries[field + 1] = ids.length;
    if (ids.length === 1) {
      this.#entries[field] = ids[0]!;
      return;
    }
    this.#entries[field] = list.length;
    for (const id of ids) list.push(id);
  }

  /** The table entry of the raw token s[from, to) (whose scan hash is `hash`), created on first sight. */
  #entry(s: string, from: number, to: number, hash: number): number {
    const length = to - from;
    const slots = this.#slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const value = slots[2 * slot + 1]!;
      if (value === 0) return this.#addToken(s, from, to, hash, slot);
      if (slots[2 * slot] !== hash) continue;
      const at = ENTRY * (value - 1);
      if (this.#entries[at + KEY_LENGTH] !== length) continue;
      const keys = this.#keyChars;
      const offset = this.#entries[at + KEY_START]! - from;
      let i = from;
      while (i < to && keys[offset + i] === s.charCodeAt(i)) i++;
      if (i === to) return value - 1;
    }
  }

  #addToken(s: string, from: number, to: number, hash: number, slot: number): number {
    const entry = this.#tokenCount++;
    if (ENTRY * (entry + 1) > this.#entries.length) this.#entries = growInt32(this.#entries);
    const length = to - from;
    if (this.#keyCharsLength + length > this.#keyChars.length) {
      const grown = new Uint16Array(Math.max(2 * this.#keyChars.length, this.#keyCharsLength + length));
      grown.set(this.#keyChars.subarray(0, this.#keyCharsLength));
      this.#keyChars = grown;
    }
    for (let i = 0; i < length; i++) this.#keyChars[this.#keyCharsLength + i] = s.charCodeAt(from + i);
    const at = ENTRY * entry;
    this.#entries[at + HASH] = hash;
    this.#entries[at + KEY_START] = this.#keyCharsLength;
    this.#entries[at + KEY_LENGTH] = length;
    this.#entries[at + SURFACE_COUNT] = -1;
    this.#keyCharsLength += length;
    this.#slots[2 * slot] = hash;
    this.#slots[2 * slot + 1] = entry + 1;
    const parts = keptParts(from === 0 && to === s.length ? s : s.slice(from, to), this.#stopWords);
    this.#store(
      at + PARTS,
      parts.map((part) => this.#word(part)),
      this.#parts,
    );
    if (4 * this.#tokenCount > this.#slots.length) this.#rehash();
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

  /** Doubles the table (kept at most half full). */
  #rehash(): void {
    const slots = new Int32Array(2 * this.#slots.length);
    const mask = (slots.length >> 1) - 1;
    for (let entry = 0; entry < this.#tokenCount; entry++) {
      const hash = this.#entries[ENTRY * entry + HASH]!;
      let slot = hash & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = hash;
      slots[2 * slot + 1] = entry + 1;
    }
    this.#slots = slots;
  }
}
