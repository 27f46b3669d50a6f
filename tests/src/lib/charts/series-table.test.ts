import { describe, expect, test } from 'vitest';
import { seriesRecords, seriesTable, type TrendInput } from '../../../../src/lib/charts/series-table.ts';
import { layerExtent, stackLayers } from '../../../../src/lib/charts/stack-layout.ts';

const points: TrendInput[] = [
  { period_start: '2024-01-01', cluster_id: 0, doc_count: 1, share: 1 / 4 },
  { period_start: '2024-01-01', cluster_id: 1, doc_count: 3, share: 3 / 4 },
  { period_start: '2024-02-01', cluster_id: 0, doc_count: 5, share: 5 / 5 },
  { period_start: '2024-02-01', cluster_id: 1, doc_count: 0, share: 0 },
];

describe('seriesTable(points, clusterIds, measure, smoothing)', () => {
  test('pivots counts per cluster and period in the given cluster order', () => {
    expect(seriesTable(points, [1, 0], 'count', 1)).toEqual({
      periods: ['2024-01-01', '2024-02-01'],
      clusterIds: [1, 0],
      values: [
        [3, 0],
        [1, 5],
      ],
    });
  });

  test('leaves out clusters not asked for (hidden in the legend)', () => {
    expect(seriesTable(points, [0], 'share', 1).values).toEqual([[1 / 4, 1]]);
  });

  test('smooths each series with a trailing moving average', () => {
    expect(seriesTable(points, [0], 'count', 2).values).toEqual([[1, (1 + 5) / 2]]);
  });

  test('no points gives no periods', () => {
    expect(seriesTable([], [0, 1], 'count', 1)).toEqual({ periods: [], clusterIds: [0, 1], values: [[], []] });
  });
});

describe('seriesRecords(table, labelOf, measure)', () => {
  test('lists one record per period and cluster with the charted value', () => {
    const table = seriesTable(points, [0, 1], 'count', 1);
    expect(seriesRecords(table, (id) => `T${id}`, 'count')).toEqual([
      { period_start: '2024-01-01', cluster_id: 0, label: 'T0', count: 1 },
      { period_start: '2024-01-01', cluster_id: 1, label: 'T1', count: 3 },
      { period_start: '2024-02-01', cluster_id: 0, label: 'T0', count: 5 },
      { period_start: '2024-02-01', cluster_id: 1, label: 'T1', count: 0 },
    ]);
  });
});

describe('stackLayers(table, mode)', () => {
  const table = seriesTable(points, [0, 1], 'count', 1);

  test('stacked: layers sit on each other from zero', () => {
    expect(stackLayers(table, 'stacked')).toEqual([
      {
        clusterId: 0,
        points: [
          [0, 1],
          [0, 5],
        ],
      },
      {
        clusterId: 1,
        points: [
          [1, 4],
          [5, 5],
        ],
      },
    ]);
  });

  test('lines: every series starts at zero', () => {
    expect(stackLayers(table, 'lines')).toEqual([
      {
        clusterId: 0,
        points: [
          [0, 1],
          [0, 5],
        ],
      },
      {
        clusterId: 1,
        points: [
          [0, 3],
          [0, 0],
        ],
      },
    ]);
  });

  test('stream: layer thicknesses equal the values, whatever the baseline', () => {
    const layers = stackLayers(table, 'stream');
    const thickness = (id: number): number[] => layers.find((l) => l.clusterId === id)!.points.map(([a, b]) => b - a);
    expect(thickness(0)).toEqual([1, 5]);
    expect(thickness(1)).toEqual([3, 0]);
  });

  test('layerExtent spans every layer and includes zero', () => {
    expect(layerExtent(stackLayers(table, 'stacked'))).toEqual([0, 5]);
    expect(layerExtent([])).toEqual([0, 1]);
  });
});
