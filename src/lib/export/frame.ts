/**
 * Layout of an exported chart picture, no DOM: title and view line above the chart, legend and source line
 * below, so the SVG or PNG stands alone. Text widths are estimated (`charPx` per character, generous for an
 * 11-12 px sans-serif) since an export must not depend on the fonts of the machine that opens it.
 */

export interface ExportFrame {
  title: string;
  /** Date range, granularity, measure, smoothing. */
  subtitle: string;
  legend: readonly { label: string; color: string }[];
  /** Corpus, run date, run id. */
  source: string;
}

export interface PlacedText {
  text: string;
  x: number;
  y: number;
}

export interface FrameLayout {
  width: number;
  height: number;
  /** Where the chart's own SVG goes (its top edge). */
  chartY: number;
  title: PlacedText;
  subtitle: PlacedText[];
  legend: (PlacedText & { color: string; swatchX: number })[];
  source: PlacedText[];
}

const PAD = 12;
const LINE = 16;
const SWATCH = 10;

/** Greedy word wrap to lines of at most `maxChars` characters; a longer word stands on its own line. */
export function wrapText(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (next.length > maxChars && line !== '') {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Positions (text baselines) of everything around a `chartWidth` × `chartHeight` chart. */
export function frameLayout(frame: ExportFrame, chartWidth: number, chartHeight: number, charPx = 6.5): FrameLayout {
  const width = Math.max(320, chartWidth);
  const maxChars = Math.max(20, Math.floor((width - 2 * PAD) / charPx));
  let y = PAD + 14;
  const title = { text: frame.title, x: PAD, y };
  const subtitle = wrapText(frame.subtitle, maxChars).map((text) => ({ text, x: PAD, y: (y += LINE) }));
  const chartY = y + 8;
  y = chartY + chartHeight + 8;
  const legend: FrameLayout['legend'] = [];
  let x = PAD;
  y += LINE;
  for (const item of frame.legend) {
    const itemWidth = SWATCH + 4 + item.label.length * charPx + 14;
    if (x > PAD && x + itemWidth > width - PAD) {
      x = PAD;
      y += LINE;
    }
    legend.push({ text: item.label, color: item.color, swatchX: x, x: x + SWATCH + 4, y });
    x += itemWidth;
  }
  if (frame.legend.length === 0) y -= LINE;
  const source = wrapText(frame.source, maxChars).map((text) => ({ text, x: PAD, y: (y += LINE + 2) }));
  return { width, height: y + PAD, chartY, title, subtitle, legend, source };
}
