/** Native DuckDB over the pipeline's Parquet output, to check written files independently of the writer. */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

let connection: Promise<DuckDBConnection> | null = null;

function connect(): Promise<DuckDBConnection> {
  connection ??= DuckDBInstance.create(':memory:').then((db) => db.connect());
  return connection;
}

/** Rows as JSON-safe objects (BIGINT and DATE become strings). */
export async function query<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  const reader = await (await connect()).runAndReadAll(sql);
  return reader.getRowObjectsJson() as T[];
}

export function parquet(dir: string, table: string): string {
  return `read_parquet('${dir.replaceAll("'", "''")}/${table}.parquet')`;
}
