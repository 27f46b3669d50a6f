/** The documents rows a test database holds, as the dashboard decodes them (`PaperRow`), for in-memory filtering. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { PaperRow } from '../../../../src/lib/queries/papers.ts';

export async function paperRowsOf(db: DuckDBConnection): Promise<PaperRow[]> {
  const reader = await db.runAndReadAll(`SELECT doc_id, title, strftime(date, '%Y-%m-%d') AS date, labels, cluster_id,
    similarity, representative_rank FROM documents`);
  return reader.getRowObjectsJson() as unknown as PaperRow[];
}
