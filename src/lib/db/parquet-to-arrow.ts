/**
 * Decodes a Parquet file with hyparquet (only the requested columns, by HTTP range reads) into an Arrow table
 * typed from `schema.ts`. DuckDB-WASM 1.32 has no built-in Parquet reader and cannot fetch extensions offline.
 */
import {
  asyncBufferFromUrl,
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
  type AsyncBuffer,
  type FileMetaData,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { DateDay, Field, Float64, Int32, Int64, List, Table, Utf8, vectorFromArray, type DataType } from 'apache-arrow';
import type { ColumnSpec, ColumnType } from '../../schema.ts';
import { DataError } from './manifest.ts';
import { rangeFetch } from './range-fetch.ts';

function arrowTypeOf(type: ColumnType): DataType {
  switch (type) {
    case 'VARCHAR':
      return new Utf8();
    case 'INTEGER':
      return new Int32();
    case 'BIGINT':
      return new Int64();
    case 'DOUBLE':
      return new Float64();
    case 'DATE':
      return new DateDay();
    case 'VARCHAR[]':
      return new List(new Field('item', new Utf8(), true));
  }
}

/** Parquet physical type DuckDB writes for each declared type; a list column is a group without one. */
const PHYSICAL_TYPE: Record<ColumnType, string | undefined> = {
  VARCHAR: 'BYTE_ARRAY',
  INTEGER: 'INT32',
  BIGINT: 'INT64',
  DOUBLE: 'DOUBLE',
  DATE: 'INT32',
  'VARCHAR[]': undefined,
};

/**
 * A file from another tool or version would otherwise fail deep in hyparquet ("column not found") or, with a
 * changed type, decode silently into wrong numbers; say which file and column instead.
 */
function checkColumns(metadata: FileMetaData, columns: readonly ColumnSpec[], url: string): void {
  const present = new Map(parquetSchema(metadata).children.map((child) => [child.element.name, child.element.type]));
  const file = new URL(url).pathname;
  for (const column of columns) {
    if (!present.has(column.name)) {
      throw new DataError(
        'corrupt',
        `${file} has no column "${column.name}" (it has ${[...present.keys()].join(', ')}); it does not match this version's schema.`,
      );
    }
    const expected = PHYSICAL_TYPE[column.type];
    if (present.get(column.name) !== expected) {
      throw new DataError(
        'corrupt',
        `${file}: column "${column.name}" is stored as ${present.get(column.name) ?? 'a group'}, expected ${column.type}; it does not match this version's schema.`,
      );
    }
  }
}

/** A Parquet file's columns decoded once, in row order: DuckDB loads them, and small tables are read from them directly. */
export type DecodedColumns = ReadonlyMap<string, readonly unknown[]>;

export async function decodeParquet(url: string, columns: readonly ColumnSpec[]): Promise<DecodedColumns> {
  return decodeParquetFile(await asyncBufferFromUrl({ url, fetch: rangeFetch }), url, columns);
}

/** @param where the file's URL, for error messages */
export async function decodeParquetFile(
  file: AsyncBuffer,
  where: string,
  columns: readonly ColumnSpec[],
): Promise<DecodedColumns> {
  const metadata = await parquetMetadataAsync(file);
  checkColumns(metadata, columns, where);
  const names = columns.map((c) => c.name);
  const chunks = new Map<string, { rowStart: number; data: ArrayLike<unknown> }[]>(names.map((n) => [n, []]));
  await parquetRead({
    file,
    metadata,
    columns: names,
    compressors,
    onChunk: ({ columnName, columnData, rowStart }) => chunks.get(columnName)?.push({ rowStart, data: columnData }),
  });
  return new Map(
    names.map((name) => {
      const parts = (chunks.get(name) ?? []).sort((a, b) => a.rowStart - b.rowStart);
      const values: unknown[] = [];
      for (const p of parts) for (let i = 0; i < p.data.length; i++) values.push(p.data[i]);
      return [name, values];
    }),
  );
}

export function toArrow(decoded: DecodedColumns, columns: readonly ColumnSpec[]): Table {
  return new Table(
    Object.fromEntries(
      columns.map((c) => [c.name, vectorFromArray((decoded.get(c.name) ?? []) as unknown[], arrowTypeOf(c.type))]),
    ),
  );
}

/**
 * Decoded columns as row objects; DATE values (hyparquet gives `Date`s) become `YYYY-MM-DD` strings and BIGINT values
 * (row numbers, exact below 2^53) plain numbers, as DuckDB's answers do.
 */
export function decodedRows(decoded: DecodedColumns): Record<string, unknown>[] {
  const names = [...decoded.keys()];
  const columns = names.map((n) => decoded.get(n) ?? []);
  const n = columns[0]?.length ?? 0;
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const row: Record<string, unknown> = {};
    names.forEach((name, j) => {
      const v = columns[j]?.[i];
      row[name] = v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'bigint' ? Number(v) : v;
    });
    rows.push(row);
  }
  return rows;
}
