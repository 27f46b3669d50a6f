import { describe, expect, test } from 'vitest';
import { PAIRS_PER_CHUNK, PairChunks } from '../../../pipelines/features/pair-chunks.ts';

describe('PairChunks', () => {
  test('keeps every pair across a chunk boundary, returns indices in push order, and caps increments', () => {
    const pairs = new PairChunks();
    const n = PAIRS_PER_CHUNK + 3;
    let outOfOrder = 0;
    for (let k = 0; k < n; k++) if (pairs.push(k % 1000, k % 7) !== k) outOfOrder++;
    expect(outOfOrder).toBe(0);
    expect(pairs.length).toBe(n);
    for (const k of [0, 1, PAIRS_PER_CHUNK - 1, PAIRS_PER_CHUNK, n - 1]) {
      expect([pairs.id(k), pairs.count(k)]).toEqual([k % 1000, k % 7]);
    }
    pairs.increment(PAIRS_PER_CHUNK, 3); // count 1 (PAIRS_PER_CHUNK % 7) -> 2
    pairs.increment(PAIRS_PER_CHUNK, 3);
    pairs.increment(PAIRS_PER_CHUNK, 3); // already 3: stays
    expect(pairs.count(PAIRS_PER_CHUNK)).toBe(3);
  });

  test('set then truncate compacts in place and drops the pairs past the new length', () => {
    const pairs = new PairChunks();
    for (let k = 0; k < 10; k++) pairs.push(k, 1);
    pairs.set(0, 9, 4);
    pairs.truncate(2);
    expect(pairs.length).toBe(2);
    expect([pairs.id(0), pairs.count(0), pairs.id(1)]).toEqual([9, 4, 1]);
    expect(pairs.push(42, 5)).toBe(2);
    expect([pairs.id(2), pairs.count(2)]).toEqual([42, 5]);
  });
});
