/** Stages the topic map's sampled positions for the `map_points` table (titles and dates joined in SQL). */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TopicMap } from './topic-map.ts';

/**
 * Stages (doc_index, cluster_id, x, y) and returns the `map_points` relation; `documents` is a relation with
 * doc_index, doc_id, title and date (VARCHAR or DATE).
 */
export async function stageMapPoints(
  connection: DuckDBConnection,
  map: TopicMap,
  labels: Int32Array,
  documents: string,
): Promise<string> {
  await connection.run('CREATE TEMP TABLE map_positions (doc_index INTEGER, cluster_id INTEGER, x DOUBLE, y DOUBLE)');
  const appender = await connection.createAppender('map_positions');
  map.docs.forEach((doc, i) => {
    appender.appendInteger(doc);
    appender.appendInteger(labels[doc]!);
    appender.appendDouble(map.positions[2 * i]!);
    appender.appendDouble(map.positions[2 * i + 1]!);
    appender.endRow();
  });
  appender.closeSync();
  return `(SELECT d.doc_id, m.cluster_id, m.x, m.y, d.date, d.title FROM map_positions m JOIN ${documents} d USING (doc_index))`;
}
