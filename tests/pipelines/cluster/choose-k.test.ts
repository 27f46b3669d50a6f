import { describe, expect, test } from 'vitest';
import { chooseK, meanSilhouette } from '../../../pipelines/cluster/choose-k.ts';
import { CliError } from '../../../pipelines/errors.ts';
import { csrFromDense } from './fixtures.ts';

/** `groups` tight bundles of `perGroup` docs, each bundle around its own axis of a `groups`-dim space. */
function bundles(groups: number, perGroup: number): ReturnType<typeof csrFromDense> {
  return csrFromDense(
    Array.from({ length: groups * perGroup }, (_, i) => {
      const g = Math.floor(i / perGroup);
      return Array.from({ length: groups }, (_, t) => (t === g ? 10 : ((i * 7 + t * 3) % 5) / 10));
    }),
  );
}

describe('meanSilhouette(distances, labels, k)', () => {
  test('on two pairs at distance 0.2 inside and 1 across is (1 − 0.2) / 1 = 0.8', () => {
    const d = [
      [0, 0.2, 1, 1],
      [0.2, 0, 1, 1],
      [1, 1, 0, 0.2],
      [1, 1, 0.2, 0],
    ];
    expect(meanSilhouette(Float64Array.from(d.flat()), Int32Array.from([0, 0, 1, 1]), 2)).toBeCloseTo(0.8, 12);
  });

  test('counts a doc alone in its cluster as 0 and is NaN with a single cluster', () => {
    const d = Float64Array.from([0, 0.5, 1, 0.5, 0, 1, 1, 1, 0]);
    // Docs 0 and 1: a = 0.5, b = 1 → 0.5 each; doc 2 alone → 0. Mean 1 / 3.
    expect(meanSilhouette(d, Int32Array.from([0, 0, 1]), 2)).toBeCloseTo(1 / 3, 12);
    expect(meanSilhouette(d, Int32Array.from([0, 0, 0]), 1)).toBeNaN();
  });
});

describe('chooseK(X, candidates, options)', () => {
  test('finds 4 in data made of 4 bundles and reports a score per candidate', () => {
    const result = chooseK(bundles(4, 10), [2, 3, 4, 6, 8], { seed: 1 });
    expect(result.k).toBe(4);
    expect(result.scores.map((s) => s.k)).toEqual([2, 3, 4, 6, 8]);
  });

  test('is deterministic for a seed', () => {
    const X = bundles(5, 12);
    expect(chooseK(X, [3, 5, 7], { seed: 9 })).toEqual(chooseK(X, [3, 5, 7], { seed: 9 }));
  });

  test('rejects a candidate outside 2..docs − 1 with a CliError', () => {
    expect(() => chooseK(bundles(2, 3), [1], { seed: 0 })).toThrow(CliError);
    expect(() => chooseK(bundles(2, 3), [6], { seed: 0 })).toThrow('k candidate 6 must be an integer between 2 and 5');
  });
});
