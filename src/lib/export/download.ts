/** Browser downloads: text files, and a chart as standalone SVG or PNG (styles inlined, so CSS variables resolve). */
import { frameLayout, type ExportFrame } from './frame.ts';

export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadText(filename: string, text: string, type: string): void {
  downloadBlob(filename, new Blob([text], { type }));
}

const INLINED = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'opacity',
  'font-size',
  'font-family',
];

const SVG_NS = 'http://www.w3.org/2000/svg';

function svgText(text: string, x: number, y: number, attrs: Record<string, string>): SVGTextElement {
  const el = document.createElementNS(SVG_NS, 'text');
  el.setAttribute('x', String(x));
  el.setAttribute('y', String(y));
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  // textContent, never markup: labels come from the data.
  el.textContent = text;
  return el;
}

/** A copy of an on-screen SVG with its computed styles inlined, so it looks the same outside the page. */
function inlinedClone(svg: SVGSVGElement): SVGSVGElement {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const source = [svg, ...svg.querySelectorAll('*')];
  const target = [clone, ...clone.querySelectorAll('*')];
  source.forEach((el, i) => {
    const style = getComputedStyle(el);
    const out = target[i];
    if (!(out instanceof SVGElement)) return;
    for (const p of INLINED) out.style.setProperty(p, style.getPropertyValue(p));
  });
  return clone;
}

export interface StandaloneSvg {
  text: string;
  width: number;
  height: number;
}

/**
 * Serialises an on-screen SVG with its computed styles and a background; with a `frame`, wrapped in a picture that
 * also holds the title, view line, legend and source line (`frameLayout`), so the file stands alone.
 */
export function standaloneSvg(svg: SVGSVGElement, frame?: ExportFrame): StandaloneSvg {
  const { width: chartWidth, height: chartHeight } = svg.getBoundingClientRect();
  const chart = inlinedClone(svg);
  const background = getComputedStyle(document.body).backgroundColor;
  const fg = getComputedStyle(document.body).color;
  const layout = frame ? frameLayout(frame, chartWidth, chartHeight) : undefined;
  const root = layout ? document.createElementNS(SVG_NS, 'svg') : chart;
  const width = layout?.width ?? chartWidth;
  const height = layout?.height ?? chartHeight;
  root.setAttribute('xmlns', SVG_NS);
  if (layout && frame) {
    for (const [k, v] of [
      ['width', String(width)],
      ['height', String(height)],
      ['viewBox', `0 0 ${width} ${height}`],
      ['font-family', 'system-ui, sans-serif'],
      ['font-size', '11'],
      ['role', 'img'],
      ['aria-label', frame.title],
    ] as const)
      root.setAttribute(k, v);
    const title = document.createElementNS(SVG_NS, 'title');
    title.textContent = frame.title;
    root.append(title);
    chart.setAttribute('x', '0');
    chart.setAttribute('y', String(layout.chartY));
    chart.removeAttribute('tabindex');
    root.append(chart);
    const muted = { fill: fg, 'fill-opacity': '0.75' };
    root.append(
      svgText(layout.title.text, layout.title.x, layout.title.y, {
        fill: fg,
        'font-size': '15',
        'font-weight': '600',
        'data-role': 'title',
      }),
    );
    for (const t of layout.subtitle) root.append(svgText(t.text, t.x, t.y, { ...muted, 'data-role': 'subtitle' }));
    for (const item of layout.legend) {
      const swatch = document.createElementNS(SVG_NS, 'rect');
      for (const [k, v] of Object.entries({ x: item.swatchX, y: item.y - 9, width: 10, height: 10, rx: 2 }))
        swatch.setAttribute(k, String(v));
      swatch.setAttribute('fill', item.color);
      root.append(swatch, svgText(item.text, item.x, item.y, { fill: fg, 'data-role': 'legend' }));
    }
    for (const t of layout.source)
      root.append(svgText(t.text, t.x, t.y, { ...muted, 'font-size': '10', 'data-role': 'source' }));
  }
  const rect = document.createElementNS(SVG_NS, 'rect');
  rect.setAttribute('width', '100%');
  rect.setAttribute('height', '100%');
  rect.setAttribute('fill', background);
  root.insertBefore(rect, root.firstChild);
  return { text: new XMLSerializer().serializeToString(root), width, height };
}

/** The on-screen SVG alone, styles inlined (see `standaloneSvg`). */
export function svgToString(svg: SVGSVGElement, frame?: ExportFrame): string {
  return standaloneSvg(svg, frame).text;
}

export async function svgToPng(svg: SVGSVGElement, frame?: ExportFrame, scale = 2): Promise<Blob> {
  const { text, width, height } = standaloneSvg(svg, frame);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('Canvas 2D is not available in this browser.');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed.'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
