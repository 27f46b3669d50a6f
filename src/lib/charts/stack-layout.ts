/**
 * Layers for the trend chart. `stacked`: d3 stackOffsetNone/stackOrderNone; `stream`: stackOffsetWiggle with
 * stackOrderInsideOut (Byron & Wattenberg); `lines`: each series from zero, unstacked. Returns y0/y1 per point.
 */
import { stack, stackOffsetNone, stackOffsetWiggle, stackOrderInsideOut, stackOrderNone } from 'd3';
import type { SeriesTable } from './series-table.ts';

export const CHART_MODES = ['stacked', 'stream', 'lines'] as const;
export type ChartMode = (typeof CHART_MODES)[number];

export interface Layer {
  clusterId: number;
  /** [y0, y1] per period. */
  points: [number, number][];
}

export function stackLayers(table: SeriesTable, mode: ChartMode): Layer[] {
  if (mode === 'lines') {
    return table.clusterIds.map((clusterId, c) => ({
      clusterId,
      points: (table.values[c] ?? []).map((v): [number, number] => [0, v]),
    }));
  }
  const rows = table.periods.map((_, p) => table.values.map((series) => series[p] ?? 0));
  const layout = stack<number[], number>()
    .keys(table.clusterIds.map((_, c) => c))
    .value((row, c) => row[c] ?? 0)
    .offset(mode === 'stream' ? stackOffsetWiggle : stackOffsetNone)
    .order(mode === 'stream' ? stackOrderInsideOut : stackOrderNone);
  return layout(rows).map((series) => ({
    clusterId: table.clusterIds[series.key] ?? -1,
    points: series.map((pt): [number, number] => [pt[0], pt[1]]),
  }));
}

/** [min, max] of every y0/y1; [0, 1] when there is nothing to show. */
export function layerExtent(layers: readonly Layer[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of layers)
    for (const [y0, y1] of l.points) {
      lo = Math.min(lo, y0, y1);
      hi = Math.max(hi, y0, y1);
    }
  return lo <= hi ? [Math.min(lo, 0), hi > 0 ? hi : 1] : [0, 1];
}
