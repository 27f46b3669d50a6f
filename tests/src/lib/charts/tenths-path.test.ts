import { area, curveMonotoneX, line } from 'd3';
import { describe, expect, test } from 'vitest';
import { tenthsPath, tenthsRing } from '../../../../src/lib/charts/tenths-path.ts';
import { ringPath } from '../../../../src/lib/charts/time.ts';

/** Path data with every number divided by ten: tenths of a pixel back to pixels. */
const inPixels = (d: string): string => d.replace(/-?\d+/g, (n) => String(Number(n) / 10));

/** A seeded series with runs of zeros, repeats and steps, as topic counts have. */
function series(n: number, seed: number): [number, number][] {
  let s = seed;
  const next = (): number => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 40;
  return Array.from({ length: n }, (_, i): [number, number] => {
    const y0 = i % 7 === 0 ? 0 : next();
    return [y0, y0 + (i % 5 === 0 ? 0 : next())];
  });
}

describe('tenthsPath(shape, data)', () => {
  const xs = Array.from({ length: 300 }, (_, i) => 66.37 + i * 4.318);
  const y = (v: number): number => 348 - v * 3.71;

  test("draws d3's monotone area exactly as d3-path rounded to a tenth of a pixel, in integer tenths", () => {
    const shape = area<[number, number]>()
      .x((_, i) => xs[i]!)
      .y0((d) => y(d[0]))
      .y1((d) => y(d[1]))
      .curve(curveMonotoneX);
    for (const seed of [1, 2, 3]) {
      const data = series(300, seed);
      const d = tenthsPath(shape, data);
      expect(d).toMatch(/^M-?\d+,-?\d+(C(-?\d+,){5}-?\d+|L-?\d+,-?\d+)+Z$/);
      expect(inPixels(d)).toBe(shape.digits(1)(data));
      shape.digits(3);
    }
  });

  test('keeps gaps of a line with undefined points, and leaves the generator drawing strings again', () => {
    const shape = line<[number, number]>()
      .x((_, i) => xs[i]!)
      .y((d) => y(d[1]))
      .defined((_, i) => i < 40 || i > 60)
      .curve(curveMonotoneX);
    const data = series(100, 7);
    const d = tenthsPath(shape, data);
    expect(d.match(/M/g)).toHaveLength(2);
    expect(inPixels(d)).toBe(shape.digits(1)(data));
    expect(typeof shape(data)).toBe('string');
  });

  test('tenthsRing is ringPath in tenths', () => {
    expect(tenthsRing(10, 20.04, 4)).toBe(ringPath(100, 200, 40));
  });
});
