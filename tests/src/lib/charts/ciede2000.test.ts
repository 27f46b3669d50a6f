import { describe, expect, test } from 'vitest';
import { ciede2000, contrastRatio, deltaE00, hexToLab, type Lab } from '../../../../src/lib/charts/ciede2000.ts';

const lab = (L: number, a: number, b: number): Lab => ({ L, a, b });

// Pairs from Table 1 of Sharma, Wu & Dalal (2005), numbered as there, with the published ΔE00 to 4 decimals.
// 13-16 straddle the mean-hue discontinuity (hue difference ~180°), 7/8 a neutral colour, 34 near black.
const SHARMA: [number, Lab, Lab, number][] = [
  [1, lab(50, 2.6772, -79.7751), lab(50, 0, -82.7485), 2.0425],
  [2, lab(50, 3.1571, -77.2803), lab(50, 0, -82.7485), 2.8615],
  [3, lab(50, 2.8361, -74.02), lab(50, 0, -82.7485), 3.4412],
  [7, lab(50, 0, 0), lab(50, -1, 2), 2.3669],
  [8, lab(50, -1, 2), lab(50, 0, 0), 2.3669],
  [13, lab(50, 2.49, -0.001), lab(50, -2.49, 0.0009), 7.1792],
  [14, lab(50, 2.49, -0.001), lab(50, -2.49, 0.001), 7.1792],
  [15, lab(50, 2.49, -0.001), lab(50, -2.49, 0.0011), 7.2195],
  [16, lab(50, 2.49, -0.001), lab(50, -2.49, 0.0012), 7.2195],
  [19, lab(50, 2.5, 0), lab(50, 0, -2.5), 4.3065],
  [25, lab(60.2574, -34.0099, 36.2677), lab(60.4626, -34.1751, 39.4387), 1.2644],
  [26, lab(63.0109, -31.0961, -5.8663), lab(62.8187, -29.7946, -4.0864), 1.263],
  [31, lab(22.7233, 20.0904, -46.694), lab(23.0331, 14.973, -42.5619), 2.0373],
  [34, lab(2.0776, 0.0795, -1.135), lab(0.9033, -0.0636, -0.5514), 0.9082],
];

describe('ciede2000(lab1, lab2)', () => {
  test.each(SHARMA)('Sharma et al. 2005 pair %i gives the published ΔE00', (_, a, b, expected) => {
    expect(ciede2000(a, b)).toBeCloseTo(expected, 4);
    expect(ciede2000(b, a)).toBeCloseTo(expected, 4);
  });

  test('is 0 for a colour against itself', () => {
    expect(ciede2000(lab(40, 20, -30), lab(40, 20, -30))).toBe(0);
  });
});

describe('hexToLab(hex), deltaE00 and contrastRatio', () => {
  test('white is L* 100, a* = b* = 0 under D65; black is L* 0', () => {
    const white = hexToLab('#ffffff');
    expect(white.L).toBeCloseTo(100, 3);
    expect(white.a).toBeCloseTo(0, 2);
    expect(white.b).toBeCloseTo(0, 2);
    expect(hexToLab('#000000').L).toBe(0);
  });

  test('sRGB red is L* 53.24, a* 80.09, b* 67.20 (the usual D65 value)', () => {
    const red = hexToLab('#ff0000');
    expect(red.L).toBeCloseTo(53.24, 1);
    expect(red.a).toBeCloseTo(80.09, 1);
    expect(red.b).toBeCloseTo(67.2, 1);
  });

  test('the two oranges of the old palette were 2.8 ΔE00 apart', () => {
    expect(deltaE00('#f28e2c', '#fc941f')).toBeCloseTo(2.81, 2);
  });

  test('contrast of black on white is 21, of a colour with itself 1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 6);
    expect(contrastRatio('#7a7a7a', '#7a7a7a')).toBe(1);
  });

  test('refuses what is not #rrggbb', () => {
    expect(() => hexToLab('red')).toThrow('invalid colour "red": expected #rrggbb');
  });
});
