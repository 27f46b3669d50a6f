import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { wilsonInterval, Z_95 } from '../../../../src/lib/charts/wilson-interval.ts';

/** x of n with 0 <= x <= n, n >= 1. */
const counts = fc
  .integer({ min: 1, max: 100_000 })
  .chain((n) => fc.record({ n: fc.constant(n), x: fc.integer({ min: 0, max: n }) }));

describe('wilsonInterval(x, n, z)', () => {
  // By hand, z = 1.96: p̂ = 0.1, z²/n = 0.038416, centre = (0.1 + 0.019208) / 1.038416 = 0.114799,
  // half = 1.96 / 1.038416 · sqrt(0.0009 + 0.00009604) = 0.059570: [0.0552, 0.1744] (Newcombe 1998, table I: 0.0552-0.1744).
  it('is [0.0552, 0.1744] for 10 of 100', () => {
    const { lower, upper } = wilsonInterval(10, 100, 1.96);
    expect(lower).toBeCloseTo(0.0552, 4);
    expect(upper).toBeCloseTo(0.1744, 4);
  });

  // x = 0: lower 0, upper = z² / (n + z²) = 3.8416 / 13.8416 = 0.27754.
  it('is [0, 0.2775] for 0 of 10, and [0.7225, 1] for 10 of 10', () => {
    expect(wilsonInterval(0, 10, 1.96)).toEqual({ lower: 0, upper: expect.closeTo(0.27754, 5) as number });
    expect(wilsonInterval(10, 10, 1.96)).toEqual({ lower: expect.closeTo(0.72246, 5) as number, upper: 1 });
  });

  // 15 of 148 (Newcombe 1998, table I, example: 0.0624-0.1605).
  it('is [0.0624, 0.1605] for 15 of 148', () => {
    const { lower, upper } = wilsonInterval(15, 148, 1.96);
    expect(lower).toBeCloseTo(0.0624, 4);
    expect(upper).toBeCloseTo(0.1605, 4);
  });

  it('knows nothing about 0 of 0: [0, 1]', () => {
    expect(wilsonInterval(0, 0)).toEqual({ lower: 0, upper: 1 });
  });

  it('uses the exact 95% quantile by default', () => {
    expect(Z_95).toBeCloseTo(1.96, 3);
    expect(wilsonInterval(10, 100)).toEqual(wilsonInterval(10, 100, Z_95));
  });

  test.prop([counts], { seed: 12 })('lies in [0, 1] and contains p̂', ({ x, n }) => {
    const { lower, upper } = wilsonInterval(x, n);
    expect(0 <= lower && lower <= x / n && x / n <= upper && upper <= 1).toBe(true);
  });

  test.prop([counts, fc.integer({ min: 2, max: 50 })], { seed: 12 })(
    'narrows as n grows at the same proportion',
    ({ x, n }, factor) => {
      const small = wilsonInterval(x, n);
      const large = wilsonInterval(x * factor, n * factor);
      expect(large.upper - large.lower).toBeLessThan(small.upper - small.lower);
    },
  );

  test.prop([counts], { seed: 12 })('is symmetric: x of n mirrors n − x of n', ({ x, n }) => {
    const a = wilsonInterval(x, n);
    const b = wilsonInterval(n - x, n);
    expect(a.lower).toBeCloseTo(1 - b.upper, 12);
    expect(a.upper).toBeCloseTo(1 - b.lower, 12);
  });
});
