/**
 * SVG path data in integer tenths of a pixel, for shapes drawn inside a `scale(0.1)` group (`TENTHS_TRANSFORM`).
 * d3's shape generators (and their curves: the one definition of the geometry) draw into this context instead of
 * d3-path's string. Writing a fractional number is most of a path's cost in V8 and an integer is several times cheaper:
 * the trend chart redraws 20 series over hundreds of months on every brush and legend toggle (bench/RESULTS.md).
 * Strokes in such a group keep their width in pixels with `vector-effect="non-scaling-stroke"`.
 */
import { ringPath } from './time.ts';

/** The transform of the group whose shapes are drawn with `tenthsPath`. */
export const TENTHS_TRANSFORM = 'scale(0.1)';

const tenths = (v: number): number => Math.round(v * 10);

/** The subset of a canvas path that d3's shapes and curves draw with. */
class TenthsContext {
  d = '';
  moveTo(x: number, y: number): void {
    this.d += `M${tenths(x)},${tenths(y)}`;
  }
  lineTo(x: number, y: number): void {
    this.d += `L${tenths(x)},${tenths(y)}`;
  }
  bezierCurveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number): void {
    this.d += `C${tenths(x1)},${tenths(y1)},${tenths(x2)},${tenths(y2)},${tenths(x)},${tenths(y)}`;
  }
  closePath(): void {
    this.d += 'Z';
  }
}

/** A d3 shape generator (area, line) that can draw into a context. */
interface ContextShape<Datum> {
  (data: Datum[]): unknown;
  context(context: CanvasRenderingContext2D | null): unknown;
}

/** `shape(data)` as path data in tenths of a pixel; the generator is left drawing strings again. */
export function tenthsPath<Datum>(shape: ContextShape<Datum>, data: Datum[]): string {
  const context = new TenthsContext();
  // d3 calls only the methods above (d3-shape's curves and symbols): a whole canvas context is not needed.
  shape.context(context as unknown as CanvasRenderingContext2D);
  try {
    shape(data);
  } finally {
    shape.context(null);
  }
  return context.d;
}

/** `ringPath`'s circle in tenths of a pixel (a one-period line's point marker). */
export function tenthsRing(cx: number, cy: number, r: number): string {
  return ringPath(tenths(cx), tenths(cy), tenths(r));
}
