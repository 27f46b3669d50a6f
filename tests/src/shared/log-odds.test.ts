import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { DEFAULT_PRIOR_TOTAL, logOdds } from '../../../src/shared/log-odds.ts';

describe('logOdds(countA, totalA, countB, totalB, priorTotal)', () => {
  it('gives δ, its variance and z by hand: 10 of 100 against 5 of 100, α_0 = 10', () => {
    // α_w = 10 · (10 + 5) / (100 + 100) = 0.75; a = 10.75, b = 5.75
    // δ = log(10.75 / (100 + 10 − 10.75)) − log(5.75 / (100 + 10 − 5.75)) = log(10.75 / 99.25) − log(5.75 / 104.25)
    const { delta, variance, z } = logOdds(10, 100, 5, 100, 10);
    expect(delta).toBeCloseTo(Math.log(10.75 / 99.25) - Math.log(5.75 / 104.25), 14);
    expect(delta).toBeCloseTo(0.674856, 6);
    expect(variance).toBeCloseTo(1 / 10.75 + 1 / 5.75, 14);
    expect(z).toBeCloseTo(1.306193, 6);
  });

  it('uses α_0 = DEFAULT_PRIOR_TOTAL (1000) by default', () => {
    expect(DEFAULT_PRIOR_TOTAL).toBe(1000);
    expect(logOdds(30, 5000, 10, 4000)).toEqual(logOdds(30, 5000, 10, 4000, 1000));
  });

  it('is 0 for a term in the same proportion in both corpora, however different their sizes', () => {
    // 2% of 500 and 2% of 5,000: the pooled prior is 2% too, so both log-odds are logit(0.02).
    const { delta, z } = logOdds(10, 500, 100, 5000, 1000);
    expect(delta).toBeCloseTo(0, 12);
    expect(z).toBeCloseTo(0, 12);
  });

  it('counts a term absent from one corpus (the prior keeps δ finite)', () => {
    const { delta, z } = logOdds(0, 1000, 20, 1000, 100);
    expect(Number.isFinite(delta)).toBe(true);
    expect(z).toBeLessThan(0);
  });
});

/** A term's counts and its corpus totals, count ≤ total, the term seen at least once. */
const corpora = fc
  .record({
    totalA: fc.integer({ min: 1, max: 100_000 }),
    totalB: fc.integer({ min: 1, max: 100_000 }),
    fractionA: fc.double({ min: 0, max: 0.5, noNaN: true }),
    fractionB: fc.double({ min: 0, max: 0.5, noNaN: true }),
    priorTotal: fc.integer({ min: 1, max: 5000 }),
  })
  .map(({ totalA, totalB, fractionA, fractionB, priorTotal }) => ({
    countA: Math.floor(fractionA * totalA),
    totalA,
    countB: Math.floor(fractionB * totalB),
    totalB,
    priorTotal,
  }))
  .filter((c) => c.countA + c.countB > 0);

describe('logOdds properties', () => {
  test.prop([corpora], { seed: 15 })('is antisymmetric: swapping the corpora negates δ and z', (c) => {
    const ab = logOdds(c.countA, c.totalA, c.countB, c.totalB, c.priorTotal);
    const ba = logOdds(c.countB, c.totalB, c.countA, c.totalA, c.priorTotal);
    expect(ba.delta).toBeCloseTo(-ab.delta, 9);
    expect(ba.z).toBeCloseTo(-ab.z, 9);
    expect(ba.variance).toBeCloseTo(ab.variance, 9);
  });

  test.prop([fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 })], {
    seed: 15,
  })('is 0 when both corpora hold the term in the same proportion', (count, scaleA, scaleB) => {
    // count / (4 · count) = 25% in both, at sizes scaled independently.
    const { delta, z } = logOdds(count * scaleA, 4 * count * scaleA, count * scaleB, 4 * count * scaleB, 100);
    expect(delta).toBeCloseTo(0, 9);
    expect(z).toBeCloseTo(0, 9);
  });

  test.prop([corpora, fc.integer({ min: 2, max: 20 })], { seed: 15 })(
    '|z| grows with the counts at fixed proportions and a fixed prior',
    (c, m) => {
      const small = logOdds(c.countA, c.totalA, c.countB, c.totalB, c.priorTotal);
      const large = logOdds(m * c.countA, m * c.totalA, m * c.countB, m * c.totalB, c.priorTotal);
      expect(Math.abs(large.z)).toBeGreaterThanOrEqual(Math.abs(small.z) - 1e-9);
      if (Math.abs(small.z) > 1e-6) {
        expect(Math.abs(large.z)).toBeGreaterThan(Math.abs(small.z));
        expect(Math.sign(large.z)).toBe(Math.sign(small.z));
      }
    },
  );
});
