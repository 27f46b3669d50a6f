import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { maximumAssignment } from '../../../pipelines/lineage/hungarian.ts';

function total(scores: Float64Array, m: number, columnOf: Int32Array): number {
  let sum = 0;
  columnOf.forEach((j, i) => (sum += j < 0 ? 0 : scores[i * m + j]!));
  return sum;
}

/** Best total over every injective pairing of min(n, m) pairs, by enumeration. */
function bruteForce(scores: Float64Array, n: number, m: number): number {
  let best = -Infinity;
  const usedColumns = new Set<number>();
  const pairs = Math.min(n, m);
  const visit = (i: number, made: number, sum: number): void => {
    if (made === pairs) {
      best = Math.max(best, sum);
      return;
    }
    if (i === n) return;
    if (n - i > pairs - made) visit(i + 1, made, sum);
    for (let j = 0; j < m; j++) {
      if (usedColumns.has(j)) continue;
      usedColumns.add(j);
      visit(i + 1, made + 1, sum + scores[i * m + j]!);
      usedColumns.delete(j);
    }
  };
  visit(0, 0, 0);
  return best;
}

describe('maximumAssignment(scores, n, m)', () => {
  test('pairs the rows of a hand-checked matrix for the largest total, where greedy would not', () => {
    // Greedy takes 0.9 (row 0, column 0), then 0.1: 1.0. The optimum crosses over: 0.8 + 0.7 = 1.5.
    const scores = Float64Array.from([0.9, 0.8, 0.7, 0.1]);
    const columnOf = maximumAssignment(scores, 2, 2);
    expect([...columnOf]).toEqual([1, 0]);
    expect(total(scores, 2, columnOf)).toBeCloseTo(0.8 + 0.7, 12);
  });

  test('leaves the rows beyond the columns unpaired when n > m', () => {
    const scores = Float64Array.from([0.2, 0.9, 0.7, 0.1]);
    expect([...maximumAssignment(scores, 4, 1)]).toEqual([-1, 0, -1, -1]);
  });

  test('pairs every row once and no column twice when n < m', () => {
    const scores = Float64Array.from([0.1, 0.2, 0.9, 0.3, 0.8, 0.85]);
    expect([...maximumAssignment(scores, 2, 3)]).toEqual([2, 1]);
  });

  test('handles the empty matrix', () => {
    expect(maximumAssignment(new Float64Array(0), 0, 0).length).toBe(0);
    expect(maximumAssignment(new Float64Array(0), 0, 3).length).toBe(0);
  });

  test.prop(
    [
      fc.record({ n: fc.integer({ min: 1, max: 6 }), m: fc.integer({ min: 1, max: 6 }) }).chain(({ n, m }) =>
        fc.record({
          n: fc.constant(n),
          m: fc.constant(m),
          scores: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n * m, maxLength: n * m }),
        }),
      ),
    ],
    { seed: 15, numRuns: 300 },
  )('equals the brute-force optimum and is one-to-one on small matrices', ({ n, m, scores }) => {
    const matrix = Float64Array.from(scores);
    const columnOf = maximumAssignment(matrix, n, m);
    const paired = [...columnOf].filter((j) => j >= 0);
    expect(paired.length).toBe(Math.min(n, m));
    expect(new Set(paired).size).toBe(paired.length);
    expect(total(matrix, m, columnOf)).toBeCloseTo(bruteForce(matrix, n, m), 9);
  });
});
