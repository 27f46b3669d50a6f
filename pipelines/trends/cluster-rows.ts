/**
 * The clusters table's rows from the documents' assignments: size, dated size, mean similarity and date span per
 * cluster, with the label, the growth verdict and the map position given. The one definition for the full run
 * and `assign` (which recomputes them over old and new documents). O(documents + k).
 */
import type { ClusterRow } from '../../src/schema.ts';
import type { Growth } from '../../src/shared/growth.ts';

export interface ClusterRowsInput {
  /** Per document: its cluster id (0..k-1). */
  clusterIds: ArrayLike<number>;
  /** Per document: cosine similarity to its centroid. */
  similarities: ArrayLike<number>;
  /** Per document: ISO date, or null when undated. */
  dates: readonly (string | null)[];
  /** Per cluster (k of them): readable label. */
  labels: readonly string[];
  /** Per cluster: the stored growth (`clusterGrowth`). */
  growth: readonly Growth[];
  /** Per cluster: position on the topic map, or null when not on it. */
  positions: readonly ({ x: number; y: number } | null)[];
}

export function clusterRows(input: ClusterRowsInput): ClusterRow[] {
  const { clusterIds, similarities, dates } = input;
  const rows: ClusterRow[] = input.labels.map((label, clusterId) => {
    const growth = input.growth[clusterId]!;
    const position = input.positions[clusterId] ?? null;
    return {
      cluster_id: clusterId,
      label,
      size: 0,
      dated_size: 0,
      mean_similarity: 0,
      first_date: null,
      last_date: null,
      growth: growth.growth,
      growth_z: growth.growthZ,
      trend_direction: growth.direction,
      map_x: position?.x ?? null,
      map_y: position?.y ?? null,
    };
  });
  for (let i = 0; i < clusterIds.length; i++) {
    const row = rows[clusterIds[i]!]!;
    row.size++;
    row.mean_similarity += similarities[i]!;
    const date = dates[i];
    if (date === null || date === undefined) continue;
    row.dated_size++;
    if (row.first_date === null || date < row.first_date) row.first_date = date;
    if (row.last_date === null || date > row.last_date) row.last_date = date;
  }
  for (const row of rows) row.mean_similarity = row.size === 0 ? 0 : row.mean_similarity / row.size;
  return rows;
}
