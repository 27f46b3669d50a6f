/**
 * Reads the documents table one row group at a time, fetching only the groups a view needs by HTTP range requests.
 * The pipeline writes documents sorted by cluster_id in small row groups, so a group's cluster_id min/max says which
 * topics it can hold: a topic's papers are a few groups, never the whole table (at 1M documents, ~50k rows of 1M).
 * A file without those statistics (another writer) still answers correctly, by reading every group.
 */
import type { ParquetParsers } from 'hyparquet';
import { readParquetRows, type ParquetSource } from './parquet-slice.ts';
import { cachedPromise } from './promise-cache.ts';
import { isoDay, readGroupColumns } from './row-groups.ts';

const UTF8 = new TextDecoder();

/** Text read by `readRawRows` or `readRawColumns`: its UTF-8 bytes, decoded here (a dictionary-encoded column may already be decoded). */
export function utf8Text(value: unknown): string {
  return value instanceof Uint8Array ? UTF8.decode(value) : String(value);
}

/** DATE as `YYYY-MM-DD`, text as its bytes: decoding a string costs more than reading it (TextDecoder per value). */
const RAW_TEXT: Partial<ParquetParsers> = {
  dateFromDays: isoDay,
  stringFromBytes: (bytes: Uint8Array) => bytes,
};

export interface RowGroupSpan {
  index: number;
  rowStart: number;
  rowEnd: number;
  /** cluster_id bounds from the statistics; null when the file has none. */
  clusters: { min: number; max: number } | null;
}

export class DocumentGroups {
  readonly groups: readonly RowGroupSpan[];
  /** Decoded columns of a group, by `index|columns`: a second drill-in into the same topic fetches nothing. */
  readonly #read = new Map<string, Promise<Record<string, unknown>[]>>();
  readonly #rawColumns = new Map<string, Promise<Map<string, unknown[]>>>();

  constructor(readonly source: ParquetSource) {
    const column = source.metadata.row_groups[0]?.columns.findIndex(
      (c) => c.meta_data?.path_in_schema.join('.') === 'cluster_id',
    );
    let rowStart = 0;
    this.groups = source.metadata.row_groups.map((group, index) => {
      const rows = Number(group.num_rows);
      const stats = column === undefined || column < 0 ? undefined : group.columns[column]?.meta_data?.statistics;
      const min = stats?.min_value ?? stats?.min;
      const max = stats?.max_value ?? stats?.max;
      const span: RowGroupSpan = {
        index,
        rowStart,
        rowEnd: rowStart + rows,
        clusters: typeof min === 'number' && typeof max === 'number' ? { min, max } : null,
      };
      rowStart += rows;
      return span;
    });
  }

  /** The groups that may hold a paper of any of `clusterIds`: every group when the statistics are missing. */
  groupsOfClusters(clusterIds: readonly number[]): RowGroupSpan[] {
    return this.groups.filter(
      (g) => g.clusters === null || clusterIds.some((id) => id >= g.clusters!.min && id <= g.clusters!.max),
    );
  }

  /**
   * Rows [`rowStart`, `rowEnd`) of `columns`, text left as UTF-8 bytes (decode with `utf8Text`), DATE as `YYYY-MM-DD`:
   * for a reader that shows a few rows of the groups it fetches. Not cached.
   */
  async readRawRows(columns: readonly string[], rowStart: number, rowEnd: number): Promise<Record<string, unknown>[]> {
    const read = await readGroupColumns(this.source, { rowStart, rowEnd }, columns, RAW_TEXT);
    return Array.from({ length: rowEnd - rowStart }, (_, i) =>
      Object.fromEntries(columns.map((name) => [name, read.get(name)![i]])),
    );
  }

  /**
   * A group's `columns`, an array per column in row order, text left as UTF-8 bytes (decode with `utf8Text`), DATE as
   * `YYYY-MM-DD`: for a reader that filters and orders many rows and shows a few. Cached as `read`.
   */
  readRawColumns(group: RowGroupSpan, columns: readonly string[]): Promise<Map<string, unknown[]>> {
    return cachedPromise(this.#rawColumns, `${group.index}|${columns.join(',')}`, () =>
      readGroupColumns(this.source, group, columns, RAW_TEXT),
    );
  }

  /** A group's rows with only `columns` (DATE as `YYYY-MM-DD`); cached, and dropped from the cache if it fails. */
  read(group: RowGroupSpan, columns: readonly string[]): Promise<Record<string, unknown>[]> {
    return cachedPromise(this.#read, `${group.index}|${columns.join(',')}`, () =>
      readParquetRows(this.source, columns, group.rowStart, group.rowEnd),
    );
  }
}
