/**
 * Drops repeated documents: a record is a duplicate when its exact id, or its normalized title, was seen before;
 * the first occurrence wins. Keys are stored as 64-bit hashes in an open-addressing table (two `Uint32Array`
 * words a slot, load <= 0.5): about 16-32 bytes per key instead of ~100+ for a `Set` of title strings, ~50 MB
 * for 1M documents (2M keys). The chance of any false duplicate among 2M keys is ~1e-7. The hash is two
 * 32-bit multiply-xorshift lanes over the UTF-16 code units (cyrb53's mixing, kept at 64 bits): SHA-1 through
 * node:crypto cost 6 s of the reading thread at 1M documents (CPU profile), this a fraction of it.
 */
import type { RecordCounts } from '../../src/schema.ts';
import type { RawDoc } from './raw-doc.ts';

/** Case-folded, NFKC, with every run of punctuation, symbols and whitespace squashed to one space. */
export function normalizeTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
}

export interface DeduplicatorOptions {
  /**
   * Also treat equal normalized titles as duplicates. Default true. Turn off for corpora whose titles repeat
   * for distinct documents: 20 Newsgroups subjects (`Re: ...`) make 8,719 of its 18,813 records "duplicates".
   */
  byTitle?: boolean;
}

export class Deduplicator {
  readonly #seen = new HashSet64();
  readonly #byTitle: boolean;

  constructor(options: DeduplicatorOptions = {}) {
    this.#byTitle = options.byTitle ?? true;
  }

  /** True the first time the document's id and (unless disabled) normalized title are both unseen; records both. */
  accept(doc: RawDoc): boolean {
    // Prefixes keep an id from colliding with an equal title.
    const newId = this.#seen.add(`i\u0000${doc.id}`);
    if (!this.#byTitle) return newId;
    const title = normalizeTitle(doc.title);
    // A title of only punctuation normalizes to '' and is not a basis for dedupe.
    const newTitle = title === '' ? true : this.#seen.add(`t\u0000${title}`);
    return newId && newTitle;
  }

  /** Number of distinct keys (ids and titles) held. */
  get size(): number {
    return this.#seen.size;
  }
}

/**
 * Counts one record read into `counts` (the manifest's read / duplicates / kept / undated) and returns whether
 * to keep it: the one rule for full runs and `assign`.
 */
export function tallyRecord(counts: RecordCounts, deduplicator: Deduplicator, doc: RawDoc): boolean {
  counts.read++;
  if (!deduplicator.accept(doc)) {
    counts.duplicates++;
    return false;
  }
  counts.kept++;
  if (doc.date === null) counts.undated++;
  return true;
}

/** A set of 64-bit string hashes; `add` returns true when the key was not present. */
class HashSet64 {
  #slots = new Uint32Array(2 * 1024);
  #mask = 1024 - 1;
  size = 0;

  add(key: string): boolean {
    let high = 0xdeadbeef ^ key.length;
    let low = 0x41c6ce57 ^ key.length;
    for (let i = 0; i < key.length; i++) {
      const unit = key.charCodeAt(i);
      high = Math.imul(high ^ unit, 2654435761);
      low = Math.imul(low ^ unit, 1597334677);
    }
    high = Math.imul(high ^ (high >>> 16), 2246822507) ^ Math.imul(low ^ (low >>> 13), 3266489909);
    low = Math.imul(low ^ (low >>> 16), 2246822507) ^ Math.imul(high ^ (high >>> 13), 3266489909);
    high >>>= 0;
    low >>>= 0;
    if (high === 0 && low === 0) high = 1; // (0, 0) marks an empty slot
    if (this.#insert(high, low)) {
      this.size += 1;
      if (this.size * 2 > this.#mask + 1) this.#grow();
      return true;
    }
    return false;
  }

  #insert(high: number, low: number): boolean {
    const slots = this.#slots;
    for (let index = low & this.#mask; ; index = (index + 1) & this.#mask) {
      const h = slots[2 * index]!;
      const l = slots[2 * index + 1]!;
      if (h === 0 && l === 0) {
        slots[2 * index] = high;
        slots[2 * index + 1] = low;
        return true;
      }
      if (h === high && l === low) return false;
    }
  }

  #grow(): void {
    const old = this.#slots;
    this.#slots = new Uint32Array(old.length * 2);
    this.#mask = old.length - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] !== 0 || old[i + 1] !== 0) this.#insert(old[i]!, old[i + 1]!);
    }
  }
}
