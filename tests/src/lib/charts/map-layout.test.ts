import { describe, expect, test } from 'vitest';
import { isActive, mapScales, nearestPoint, screenIndex } from '../../../../src/lib/charts/map-layout.ts';

describe('mapScales(positions, width, height, padding)', () => {
  test('one unit per pixel on both axes, centred, y up', () => {
    // Data spans 4 x 2; a 100 x 100 box with padding 10 gives 80 px: 80 / 4 = 20 px per unit on both axes.
    const s = mapScales(
      [
        { x: 0, y: 0 },
        { x: 4, y: 2 },
      ],
      100,
      100,
      10,
    );
    expect(s.x(0)).toBeCloseTo(10);
    expect(s.x(4)).toBeCloseTo(90);
    expect(s.y(1)).toBeCloseTo(50);
    expect(s.y(2) - s.y(0)).toBeCloseTo(-40);
  });

  test('a single point lands in the middle', () => {
    const s = mapScales([{ x: 3, y: 3 }], 200, 100, 10);
    expect([s.x(3), s.y(3)]).toEqual([100, 50]);
  });

  test('no points still gives finite scales', () => {
    const s = mapScales([], 200, 100, 10);
    expect(Number.isFinite(s.x(0))).toBe(true);
  });
});

describe('isActive(point, range, selected)', () => {
  const p = { cluster_id: 2, date: '2024-05-10' };
  const open = { from: null, to: null };

  test('no filter keeps every point, dated or not', () => {
    expect(isActive(p, open, [])).toBe(true);
    expect(isActive({ ...p, date: null }, open, [])).toBe(true);
  });

  test('the date range is inclusive and leaves out undated points', () => {
    expect(isActive(p, { from: '2024-05-10', to: '2024-05-10' }, [])).toBe(true);
    expect(isActive(p, { from: '2024-05-11', to: null }, [])).toBe(false);
    expect(isActive({ ...p, date: null }, { from: null, to: '2030-01-01' }, [])).toBe(false);
  });

  test('a selection keeps only its clusters', () => {
    expect(isActive(p, open, [1, 2])).toBe(true);
    expect(isActive(p, open, [1])).toBe(false);
  });
});

describe('nearestPoint(index, px, py, radius)', () => {
  const points = [
    { x: 0, y: 0 },
    { x: 10, y: 0 },
    { x: 10, y: 10 },
  ];
  const s = mapScales(points, 120, 120, 10);
  const index = screenIndex(points, s);

  test('finds the point under the pointer by screen distance', () => {
    expect(nearestPoint(index, s.x(10) + 2, s.y(10) - 1, 5)).toBe(2);
    expect(nearestPoint(index, s.x(0), s.y(0), 5)).toBe(0);
  });

  test('nothing within the radius gives undefined', () => {
    expect(nearestPoint(index, s.x(5), s.y(5), 5)).toBeUndefined();
  });
});
