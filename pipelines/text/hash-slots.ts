/**
 * Open-addressing tables of the text encoders (`SurfaceWordEncoder`): a power-of-two `slots` array holds entry + 1
 * (0 = empty), probed linearly from `hash & mask`. `WordEncoder` keeps each slot's hash beside it instead (its own
 * rehash) and grows its per-entry records with `growInt32`.
 */

/** A table twice the size of `slots`, holding entries 0 .. count - 1 placed again by their `hashes`. */
export function rehashSlots(slots: Int32Array, hashes: Int32Array, count: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(2 * slots.length);
  const mask = grown.length - 1;
  for (let entry = 0; entry < count; entry++) {
    let slot = hashes[entry]! & mask;
    while (grown[slot] !== 0) slot = (slot + 1) & mask;
    grown[slot] = entry + 1;
  }
  return grown;
}

/** `array` copied into one twice its length (the rest zero). */
export function growInt32(array: Int32Array): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(2 * array.length);
  grown.set(array);
  return grown;
}
