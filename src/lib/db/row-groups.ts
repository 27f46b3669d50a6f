/**
 * A Parquet file's row groups with the min/max statistics of chosen columns, and a columnar read of a group: a reader
 * of a table sorted by those columns fetches only the groups whose bounds can hold what it asks for. A group without
 * statistics for a column (another writer) has bounds null there and is never skipped for it.
 */
import { parquetRead, type ParquetParsers } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { ParquetSource } from './parquet-slice.ts';

/** Bounds of one column in one group; `min`/`max` are absent when every value is null. */
export interface ColumnBounds {
  min?: number | string;
  max?: number | string;
  /** Nulls in the group's column; null when the writer did not say. */
  nullCount: number | null;
}

export interface RowGroup {
  index: number;
  rowStart: number;
  rowEnd: number;
  /** By column name; null when the file has no statistics for it. */
  bounds: ReadonlyMap<string, ColumnBounds | null>;
}

/** A DATE as `YYYY-MM-DD`, the form DuckDB's answers and `RowOf` use. */
export function isoDay(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

function plainBound(value: unknown): number | string | undefined {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'bigint') return Number(value);
  return typeof value === 'number' || typeof value === 'string' ? value : undefined;
}

export function rowGroupsOf(source: ParquetSource, columns: readonly string[]): RowGroup[] {
  const first = source.metadata.row_groups[0]?.columns ?? [];
  const at = new Map(
    columns.map((name) => [name, first.findIndex((c) => c.meta_data?.path_in_schema.join('.') === name)] as const),
  );
  let rowStart = 0;
  return source.metadata.row_groups.map((group, index) => {
    const bounds = new Map<string, ColumnBounds | null>();
    for (const [name, i] of at) {
      const stats = i < 0 ? undefined : group.columns[i]?.meta_data?.statistics;
      if (stats === undefined) {
        bounds.set(name, null);
        continue;
      }
      const min = plainBound(stats.min_value ?? stats.min);
      const max = plainBound(stats.max_value ?? stats.max);
      const nullCount = stats.null_count === undefined ? null : Number(stats.null_count);
      bounds.set(name, { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }), nullCount });
    }
    const rows = Number(group.num_rows);
    const span: RowGroup = { index, rowStart, rowEnd: rowStart + rows, bounds };
    rowStart += rows;
    return span;
  });
}

/** Whether `group` may hold a value of `column` in [`low`, `high`] (inclusive; a null end is open). Without statistics, yes. */
export function mayHold(
  group: RowGroup,
  column: string,
  low: number | string | null,
  high: number | string | null,
): boolean {
  const b = group.bounds.get(column);
  if (b === undefined || b === null) return true;
  if (b.min === undefined || b.max === undefined) return b.nullCount === null;
  return (high === null || b.min <= high) && (low === null || b.max >= low);
}

/** Whether `group` may hold a null in `column`. Without statistics, yes. */
export function mayHoldNull(group: RowGroup, column: string): boolean {
  const b = group.bounds.get(column);
  return b === undefined || b === null || b.nullCount === null || b.nullCount > 0;
}

/** DATE as `YYYY-MM-DD` strings and BIGINT as numbers, decoded so (not as `Date` objects) for speed. */
const PARSERS: Partial<ParquetParsers> = { dateFromDays: (days: number) => isoDay(days) };

/**
 * Rows [`span.rowStart`, `span.rowEnd`) of `columns`, in row order (a list per column); `parsers` replace the default
 * (DATE as `YYYY-MM-DD`). The span is a row group or any part of one: a chunk may start before it (a page's first
 * row) and run past it, and only its rows are kept.
 */
export async function readGroupColumns(
  source: ParquetSource,
  span: Pick<RowGroup, 'rowStart' | 'rowEnd'>,
  columns: readonly string[],
  parsers: Partial<ParquetParsers> = PARSERS,
): Promise<Map<string, unknown[]>> {
  const { rowStart, rowEnd } = span;
  const read = new Map<string, unknown[]>(columns.map((c) => [c, new Array<unknown>(rowEnd - rowStart)]));
  await parquetRead({
    ...source,
    columns: [...columns],
    rowStart,
    rowEnd,
    compressors,
    parsers,
    onChunk: ({ columnName, columnData, rowStart: at }) => {
      const values = read.get(columnName);
      if (!values) return;
      for (let i = Math.max(at, rowStart); i < Math.min(at + columnData.length, rowEnd); i++) {
        const v: unknown = columnData[i - at];
        values[i - rowStart] = typeof v === 'bigint' ? Number(v) : v;
      }
    },
  });
  return read;
}
