/**
 * The documents a test database holds, written to Parquet by DuckDB as the pipeline writes them (sorted by the
 * schema's key) and opened as the dashboard reads them (`DocumentGroups`).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parquetMetadataAsync, type AsyncBuffer } from 'hyparquet';
import { DocumentGroups } from '../../../../src/lib/db/document-groups.ts';
import { TABLES } from '../../../../src/schema.ts';

/** `rowGroupRows` as small as DuckDB allows (2048) makes a few test rows span groups only with thousands of rows. */
export async function documentGroupsOf(db: DuckDBConnection, rowGroupRows = 2048): Promise<DocumentGroups> {
  const dir = await mkdtemp(join(tmpdir(), 'documents-file-'));
  try {
    const path = join(dir, 'documents.parquet');
    const spec = TABLES.documents;
    await db.run(
      `COPY (SELECT * FROM ${spec.name} ORDER BY ${spec.sortKey.join(', ')}) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE ${rowGroupRows})`,
    );
    const buffer = await readFile(path);
    const bytes = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
    const file: AsyncBuffer = { byteLength: bytes.byteLength, slice: (start, end) => bytes.slice(start, end) };
    return new DocumentGroups({ file, metadata: await parquetMetadataAsync(file) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
