/** Opens the data folder: manifest, Parquet sanity checks, then the small tables the first view is drawn from. */
import type { ClusterRow, Manifest, TopicTreeRow, TrendRow } from '../../schema.ts';
import { openDatabase } from '../db/connection.ts';
import { DataStore } from '../db/query.ts';
import { checkParquetFiles, fetchManifest } from '../db/manifest.ts';

export interface Opened {
  store: DataStore;
  manifest: Manifest;
  /** Every row of the trends table: the chart, timeline and topic list are computed from these in memory. */
  trends: TrendRow[];
  clusters: ClusterRow[];
  /** `topic_tree`: each topic's theme (k rows). */
  tree: TopicTreeRow[];
}

export async function openDataFolder(dataUrl: URL): Promise<Opened> {
  // DuckDB-WASM takes seconds to fetch and compile; start it now, and draw the first view without it.
  openDatabase().catch(() => {
    // Reported by the first query that needs it.
  });
  const store = new DataStore(dataUrl);
  // All at once (three round trips fewer), but a missing manifest or file is reported before a decoding error.
  const manifest = fetchManifest(dataUrl);
  const checked = checkParquetFiles(dataUrl);
  const rows = Promise.all([store.rows('trends'), store.rows('clusters'), store.rows('topicTree')]);
  for (const p of [manifest, checked, rows])
    p.catch(() => {
      // Awaited below, in order.
    });
  await manifest;
  await checked;
  const [trends, clusters, tree] = await rows;
  // Once DuckDB is up, not before: decoding cluster_terms in this thread meanwhile would delay the first chart. Only
  // what a topic's detail view asks for first: the time tab computes from `trends` and `clusters` rows in memory, and
  // loading `trends` into DuckDB holds this thread ~300 ms at 1M documents (a brush then would wait for it).
  openDatabase().then(
    () => {
      store.ensureTable('clusterTerms').catch(() => {
        // Retried, and reported, by the first query that reads the table.
      });
    },
    () => {
      // Reported by the first query that needs DuckDB.
    },
  );
  return { store, manifest: await manifest, trends, clusters, tree };
}
