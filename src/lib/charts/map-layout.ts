/**
 * Topic map geometry, no DOM: one scale for both axes (distances on the map keep their meaning), which points the
 * filters leave active, and nearest-point lookup by a d3-quadtree over screen positions (O(log n) per hover).
 */
import { extent, quadtree, scaleLinear, type Quadtree, type ScaleLinear } from 'd3';
import type { DateRange } from '../queries/sql.ts';

export interface XY {
  x: number;
  y: number;
}

export interface MapScales {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
}

/** Fits every position into width × height minus `padding`, same units per pixel on both axes, y pointing up. */
export function mapScales(positions: readonly XY[], width: number, height: number, padding: number): MapScales {
  const [x0 = 0, x1 = 1] = extent(positions, (p) => p.x);
  const [y0 = 0, y1 = 1] = extent(positions, (p) => p.y);
  const spanX = x1 - x0 || 1;
  const spanY = y1 - y0 || 1;
  const innerW = Math.max(1, width - 2 * padding);
  const innerH = Math.max(1, height - 2 * padding);
  const unit = Math.min(innerW / spanX, innerH / spanY);
  const cx = width / 2;
  const cy = height / 2;
  const mx = (x0 + x1) / 2;
  const my = (y0 + y1) / 2;
  return {
    x: scaleLinear()
      .domain([mx - cx / unit, mx + cx / unit])
      .range([0, width]),
    y: scaleLinear()
      .domain([my - cy / unit, my + cy / unit])
      .range([height, 0]),
  };
}

/**
 * A point is active when its date lies in the range (undated points only when the range is open) and its cluster is
 * selected (no selection means every cluster).
 */
export function isActive(
  point: { cluster_id: number; date: string | null },
  range: DateRange,
  selected: readonly number[],
): boolean {
  if (selected.length > 0 && !selected.includes(point.cluster_id)) return false;
  if (range.from === null && range.to === null) return true;
  if (point.date === null) return false;
  return (range.from === null || point.date >= range.from) && (range.to === null || point.date <= range.to);
}

/** Quadtree of point indices at their screen positions. */
export function screenIndex(points: readonly XY[], scales: MapScales): Quadtree<number> {
  return quadtree<number>()
    .x((i) => scales.x(points[i]?.x ?? 0))
    .y((i) => scales.y(points[i]?.y ?? 0))
    .addAll(points.map((_, i) => i));
}

/** Index of the point nearest to (px, py) within `radius` pixels, or undefined. */
export function nearestPoint(index: Quadtree<number>, px: number, py: number, radius: number): number | undefined {
  return index.find(px, py, radius);
}
