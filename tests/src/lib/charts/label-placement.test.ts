import { describe, expect, test } from 'vitest';
import { boxesIntersect, placeLabels, type LabelAnchor } from '../../../../src/lib/charts/label-placement.ts';

const opts = { width: 400, height: 300, charPx: 6, lineHeight: 12, gap: 9 };

describe('placeLabels(anchors, options)', () => {
  test('a lone label sits centred above its anchor', () => {
    const [p] = placeLabels([{ id: 0, text: 'abcd', x: 100, y: 100 }], opts);
    expect(p).toEqual({
      id: 0,
      text: 'abcd',
      x: 100,
      // Baseline 0.75 of the 12 px box below its top: descenders stay inside the box.
      y: 88,
      anchor: 'middle',
      box: { left: 88, top: 79, right: 112, bottom: 91 },
    });
  });

  test('a second label at the same spot moves below, a third to the right, a fourth to the left, a fifth hides', () => {
    const anchors = [0, 1, 2, 3, 4].map((id) => ({ id, text: 'abcd', x: 200, y: 150 }));
    const placed = placeLabels(anchors, opts);
    expect(placed.map((p) => [p.id, p.anchor, p.y < 150 ? 'above' : 'level/below'])).toEqual([
      [0, 'middle', 'above'],
      [1, 'middle', 'level/below'],
      [2, 'start', 'level/below'],
      [3, 'end', 'level/below'],
    ]);
  });

  test('near the top edge a label goes below rather than off the map', () => {
    const [p] = placeLabels([{ id: 0, text: 'abcd', x: 100, y: 5 }], opts);
    expect(p!.box.top).toBeGreaterThanOrEqual(0);
    expect(p!.y).toBeGreaterThan(5);
  });

  test('no two placed label boxes intersect, for 60 crowded anchors; same input, same output', () => {
    // A fixed pseudo-random cloud (LCG), crowded on purpose: 60 labels in 400 x 300.
    let s = 42;
    const rand = (): number => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const anchors: LabelAnchor[] = Array.from({ length: 60 }, (_, id) => ({
      id,
      text: `topic ${'x'.repeat(id % 12)}`,
      x: rand() * 400,
      y: rand() * 300,
    }));
    const placed = placeLabels(anchors, opts);
    expect(placed.length).toBeGreaterThan(10);
    expect(placed.length).toBeLessThan(60);
    for (let i = 0; i < placed.length; i++) {
      const b = placed[i]!.box;
      expect(b.left >= 0 && b.top >= 0 && b.right <= 400 && b.bottom <= 300).toBe(true);
      for (let j = i + 1; j < placed.length; j++) expect(boxesIntersect(b, placed[j]!.box)).toBe(false);
    }
    expect(placeLabels(anchors, opts)).toEqual(placed);
  });
});

describe('boxesIntersect(a, b)', () => {
  test('touching edges do not intersect; overlapping boxes do', () => {
    const a = { left: 0, top: 0, right: 10, bottom: 10 };
    expect(boxesIntersect(a, { left: 10, top: 0, right: 20, bottom: 10 })).toBe(false);
    expect(boxesIntersect(a, { left: 9, top: 9, right: 20, bottom: 20 })).toBe(true);
  });
});
