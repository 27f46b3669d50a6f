import { describe, expect, test } from 'vitest';
import { contrastRatio, deltaE00 } from '../../../../src/lib/charts/ciede2000.ts';
import { OTHER_COLOR, PALETTE, colorOf } from '../../../../src/lib/charts/palette.ts';

// The panel and page backgrounds of both themes in src/app.css.
const BACKGROUNDS = ['#ffffff', '#fbfbfa', '#1d2127', '#15181c'];
// 15 ΔE00: the selection reached 15.59 with every colour readable on both themes; ΔE00 ~ 1 is a just-noticeable
// difference and ~10 is where small marks still look clearly different, so 15 leaves room for thin lines.
const MIN_DELTA_E00 = 15;

function closestPair(colors: readonly string[]): { distance: number; pair: string } {
  let best = { distance: Infinity, pair: '' };
  for (let i = 0; i < colors.length; i++)
    for (let j = i + 1; j < colors.length; j++) {
      const distance = deltaE00(colors[i]!, colors[j]!);
      if (distance < best.distance) best = { distance, pair: `${colors[i]} ${colors[j]}` };
    }
  return best;
}

describe('PALETTE and colorOf(clusterId)', () => {
  test('holds 24 distinct colours for 20+ topics', () => {
    expect(PALETTE).toHaveLength(24);
    expect(new Set(PALETTE).size).toBe(24);
  });

  test(`any two topic colours, and the grey of topics past the 24th, are >= ${MIN_DELTA_E00} ΔE00 apart`, () => {
    const { distance, pair } = closestPair([...PALETTE, OTHER_COLOR]);
    expect(distance, `closest pair ${pair}`).toBeGreaterThanOrEqual(MIN_DELTA_E00);
  });

  test('every colour has a contrast >= 3 (WCAG 1.4.11) against both themes, so themes need no other list', () => {
    for (const color of [...PALETTE, OTHER_COLOR])
      for (const bg of BACKGROUNDS) expect(contrastRatio(color, bg), `${color} on ${bg}`).toBeGreaterThanOrEqual(3);
  });

  test('topics 0..23 visible together never share a colour; topics 24 and up are grey, never a reused colour', () => {
    const ids = Array.from({ length: 30 }, (_, i) => i);
    expect(new Set(ids.slice(0, 24).map(colorOf)).size).toBe(24);
    expect(ids.slice(24).map(colorOf)).toEqual(Array(6).fill(OTHER_COLOR));
    expect(colorOf(-1)).toBe(OTHER_COLOR);
    expect(colorOf(3)).toBe(PALETTE[3]);
  });
});
