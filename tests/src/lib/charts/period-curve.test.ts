import { curveLinear, curveMonotoneX } from 'd3';
import { describe, expect, test } from 'vitest';
import { MIN_CURVE_PX, periodCurve } from '../../../../src/lib/charts/period-curve.ts';

describe('periodCurve(xs)', () => {
  const spaced = (n: number, px: number): number[] => Array.from({ length: n }, (_, i) => 66 + i * px);

  test('curves where periods are at least MIN_CURVE_PX apart, straight where closer', () => {
    expect(periodCurve(spaced(55, MIN_CURVE_PX))).toBe(curveMonotoneX);
    expect(periodCurve(spaced(55, 20))).toBe(curveMonotoneX);
    expect(periodCurve(spaced(760, 1.7))).toBe(curveLinear);
    expect(periodCurve(spaced(300, MIN_CURVE_PX - 0.01))).toBe(curveLinear);
  });

  test('one or two periods keep the curve (a band or a single segment)', () => {
    expect(periodCurve([])).toBe(curveMonotoneX);
    expect(periodCurve([100, 101])).toBe(curveMonotoneX);
  });
});
