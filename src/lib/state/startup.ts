/** Opens the data folder: manifest, Parquet sanity checks, then the small tables the first view is drawn from. */
import type { ClusterRow, Manifest, TopicTreeRow, TrendRow } from '../../schema.ts';
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
  // DuckDB-WASM (34 MB to fetch and compile) is not started here: no view of the first screen needs it (the chart, a
  // topic's papers and terms, why topics rise, title search (the title index) and term lookup are answered in TS
  // from decoded rows and range reads). The views that still query it (the split by label, the map, lineage, close words) start it.
  return { store, manifest: await manifest, trends, clusters, tree };
}
