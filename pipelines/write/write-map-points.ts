/** Writes `map_points`: the topic map's sampled documents at their positions, with titles and dates. */
import type { TopicMap } from '../map/topic-map.ts';
import { stageMapPoints } from '../map/map-points.ts';
import { STAGED_DOCUMENTS, type OutputDatabase } from './output-database.ts';

/** Returns the rows written. */
export async function writeMapPoints(
  database: OutputDatabase,
  map: TopicMap,
  clusterIds: Int32Array,
  outDir: string,
): Promise<number> {
  const relation = await database.stage((connection) => stageMapPoints(connection, map, clusterIds, STAGED_DOCUMENTS));
  return database.writeRelation('mapPoints', relation, outDir);
}
