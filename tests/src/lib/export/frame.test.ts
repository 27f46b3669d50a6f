import { describe, expect, test } from 'vitest';
import { frameLayout, wrapText } from '../../../../src/lib/export/frame.ts';

describe('wrapText(text, maxChars)', () => {
  test('breaks between words, a long word alone on its line', () => {
    expect(wrapText('aa bb cc', 5)).toEqual(['aa bb', 'cc']);
    expect(wrapText('abcdefgh ij', 4)).toEqual(['abcdefgh', 'ij']);
    expect(wrapText('', 4)).toEqual([]);
  });
});

describe('frameLayout(frame, chartWidth, chartHeight, charPx)', () => {
  const frame = {
    title: 'Topic volume over time',
    subtitle: '2024-01-01 – 2026-06-30 · by month',
    legend: Array.from({ length: 12 }, (_, i) => ({ label: `topic label ${i}`, color: '#000000' })),
    source: 'Source: corpus · run abc',
  };

  test('title and view line above the chart; legend, then source line below it', () => {
    const l = frameLayout(frame, 800, 360);
    expect(l.title.y).toBeLessThan(l.chartY);
    expect(l.subtitle.every((t) => t.y < l.chartY)).toBe(true);
    expect(l.legend.every((t) => t.y > l.chartY + 360)).toBe(true);
    const lastLegend = Math.max(...l.legend.map((t) => t.y));
    expect(l.source.every((t) => t.y > lastLegend)).toBe(true);
    expect(l.height).toBeGreaterThan(Math.max(...l.source.map((t) => t.y)));
    expect(l.width).toBe(800);
  });

  test('legend items wrap inside the width and keep their order', () => {
    const l = frameLayout(frame, 400, 200, 6.5);
    expect(new Set(l.legend.map((t) => t.y)).size).toBeGreaterThan(1);
    for (const item of l.legend) expect(item.x + item.text.length * 6.5).toBeLessThanOrEqual(400);
    expect(l.legend.map((t) => t.text)).toEqual(frame.legend.map((t) => t.label));
  });
});
