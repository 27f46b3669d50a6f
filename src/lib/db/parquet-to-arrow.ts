/**
 * Decodes a Parquet file with hyparquet (only the requested columns, by HTTP range reads) into an Arrow table
 * typed from `schema.ts`. DuckDB-WASM 1.32 has no built-in Parquet reader and cannot fetch extensions offline.
 */
import { asyncBufferFromUrl, parquetMetadataAsync, parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { DateDay, Field, Float64, Int32, Int64, List, Table, Utf8, vectorFromArray, type DataType } from 'apache-arrow';
import type { ColumnSpec, ColumnType } from '../../schema.ts';

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

export async function readParquetAsArrow(url: string, columns: readonly ColumnSpec[]): Promise<Table> {
  const file = await asyncBufferFromUrl({ url });
  const metadata = await parquetMetadataAsync(file);
  const names = columns.map((c) => c.name);
  const chunks = new Map<string, { rowStart: number; data: ArrayLike<unknown> }[]>(names.map((n) => [n, []]));
  await parquetRead({
    file,
    metadata,
    columns: names,
    compressors,
    onChunk: ({ columnName, columnData, rowStart }) => chunks.get(columnName)?.push({ rowStart, data: columnData }),
  });
  const vectors = Object.fromEntries(
    columns.map((c) => {
      const parts = (chunks.get(c.name) ?? []).sort((a, b) => a.rowStart - b.rowStart);
      const values: unknown[] = [];
      for (const p of parts) for (let i = 0; i < p.data.length; i++) values.push(p.data[i]);
      return [c.name, vectorFromArray(values, arrowTypeOf(c.type))];
    }),
  );
  return new Table(vectors);
}
