/** Runs the dashboard's query builders on Node DuckDB, with tables declared from `schema.ts` or read from Parquet. */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { TABLES, parquetFileOf } from '../../src/schema.ts';
import type { SqlQuery } from '../../src/lib/queries/sql.ts';

export async function emptyTables(): Promise<DuckDBConnection> {
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  for (const spec of Object.values(TABLES)) {
    const columns = spec.columns.map((c) => `${c.name} ${c.type}${c.nullable ? '' : ' NOT NULL'}`).join(', ');
    await connection.run(`CREATE TABLE ${spec.name} (${columns})`);
  }
  return connection;
}

export async function parquetViews(dataDir: string): Promise<DuckDBConnection> {
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  for (const spec of Object.values(TABLES)) {
    const path = `${dataDir}/${parquetFileOf(spec)}`.replace(/'/g, "''");
    await connection.run(`CREATE VIEW ${spec.name} AS SELECT * FROM read_parquet('${path}')`);
  }
  return connection;
}

export async function runQuery(connection: DuckDBConnection, q: SqlQuery): Promise<Record<string, unknown>[]> {
  const prepared = await connection.prepare(q.text);
  prepared.bind([...q.params] as never);
  return (await prepared.runAndReadAll()).getRowObjectsJson();
}
