/** Opens the data folder: manifest, Parquet sanity checks, then the small tables the first view needs. */
import type { Manifest } from '../../schema.ts';
import { DataStore } from '../db/query.ts';
import { checkParquetFiles, fetchManifest } from '../db/manifest.ts';

export interface Opened {
  store: DataStore;
  manifest: Manifest;
}

export async function openDataFolder(dataUrl: URL): Promise<Opened> {
  const manifest = await fetchManifest(dataUrl);
  await checkParquetFiles(dataUrl);
  const store = new DataStore(dataUrl);
  await Promise.all([store.ensureTable('trends'), store.ensureTable('clusters'), store.ensureTable('clusterTerms')]);
  return { store, manifest };
}
