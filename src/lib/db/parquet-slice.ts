/**
 * Reads a row range of a Parquet file with hyparquet, fetching only the row groups (and, where the writer stored an
 * offset index, the pages) that hold it. Term trends use it: a term's rows are a contiguous slice of a table that
 * grows with the corpus, so loading the whole table into DuckDB would not stay fast at 1M documents.
 */
import { asyncBufferFromUrl, cachedAsyncBuffer, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import type { AsyncBuffer, FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { rangeFetch } from './range-fetch.ts';

export interface ParquetSource {
  file: AsyncBuffer;
  metadata: FileMetaData;
}

/**
 * hyparquet reads a file's last 512 KiB for its footer by default: on the files read by range here that was most of a
 * small file's bytes, fetched again by each reader (the page's and the Parquet worker's). 64 KiB holds the footer of
 * most tables; a larger one (documents at 1M: ~0.5 MiB) costs a second request.
 */
const FOOTER_FETCH_BYTES = 64 * 1024;

export async function openParquet(url: string): Promise<ParquetSource> {
  const file = cachedAsyncBuffer(await asyncBufferFromUrl({ url, fetch: rangeFetch }));
  return { file, metadata: await parquetMetadataAsync(file, { initialFetchSize: FOOTER_FETCH_BYTES }) };
}

/** Rows `rowStart` (inclusive) to `rowEnd` (exclusive) as objects; DATE values become `YYYY-MM-DD` strings. */
export async function readParquetRows(
  source: ParquetSource,
  columns: readonly string[],
  rowStart: number,
  rowEnd: number,
): Promise<Record<string, unknown>[]> {
  if (rowEnd <= rowStart) return [];
  const rows = await parquetReadObjects({
    ...source,
    columns: [...columns],
    rowStart,
    rowEnd,
    compressors,
    useOffsetIndex: true,
  });
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const name of columns) {
      const v: unknown = row[name];
      out[name] = v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'bigint' ? Number(v) : v;
    }
    return out;
  });
}
