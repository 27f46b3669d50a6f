/**
 * The vocabulary's (term id, count) pairs, one per distinct term of each document, in fixed-size chunks.
 *
 * At 10^6 abstracts there are ~2.5 × 10^8 pairs (6 bytes each, ~1.5 GB). One growing typed array copied
 * itself at every growth step, and while copying held the old and the new array at once: that transient was
 * the pipeline's peak memory at 10^6 documents (4.85 GB) and the copies cost 7 s of the main thread (measured,
 * CPU profile of the 1M scale run). Chunks are never copied: memory grows by one chunk at a time.
 */

const CHUNK_BITS = 22;
/** Pairs per chunk: 4 Mi pairs, 24 MiB. */
export const PAIRS_PER_CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = PAIRS_PER_CHUNK - 1;

export class PairChunks {
  #ids: Int32Array[] = [];
  #counts: Uint16Array[] = [];
  #length = 0;

  get length(): number {
    return this.#length;
  }

  /** Appends a pair and returns its index. */
  push(id: number, count: number): number {
    const k = this.#length++;
    const chunk = k >>> CHUNK_BITS;
    if (chunk === this.#ids.length) {
      this.#ids.push(new Int32Array(PAIRS_PER_CHUNK));
      this.#counts.push(new Uint16Array(PAIRS_PER_CHUNK));
    }
    this.#ids[chunk]![k & CHUNK_MASK] = id;
    this.#counts[chunk]![k & CHUNK_MASK] = count;
    return k;
  }

  id(k: number): number {
    return this.#ids[k >>> CHUNK_BITS]![k & CHUNK_MASK]!;
  }

  count(k: number): number {
    return this.#counts[k >>> CHUNK_BITS]![k & CHUNK_MASK]!;
  }

  /** Adds one to pair k's count unless it is already `max`. */
  increment(k: number, max: number): void {
    const counts = this.#counts[k >>> CHUNK_BITS]!;
    const at = k & CHUNK_MASK;
    if (counts[at]! < max) counts[at]!++;
  }

  /** Overwrites pair k (k < length), for compaction in place. */
  set(k: number, id: number, count: number): void {
    this.#ids[k >>> CHUNK_BITS]![k & CHUNK_MASK] = id;
    this.#counts[k >>> CHUNK_BITS]![k & CHUNK_MASK] = count;
  }

  /** Keeps the first `length` pairs and frees the chunks past them. */
  truncate(length: number): void {
    this.#length = length;
    const chunks = Math.ceil(length / PAIRS_PER_CHUNK);
    this.#ids.length = chunks;
    this.#counts.length = chunks;
  }
}
