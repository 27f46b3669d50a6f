/**
 * A DuckDB database (native, on disk in the run's temp directory) that holds what the pipeline does not keep in
 * JS memory, chiefly the documents' text, and writes every output table as Parquet. Tables are created and
 * copied from their declarations in `src/schema.ts`, so the files cannot drift from the contract.
 * DATE columns are staged as ISO VARCHAR and cast when copied. Tables staged for writing are TEMP tables: they stay
 * out of the database file and its write-ahead log, which halved the cost of appending them (measured).
 */
import type {
  DuckDBAppender,
  DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  DuckDBListType,
} from '@duckdb/node-api';
import { join } from 'node:path';
import {
  TABLES,
  parquetFileOf,
  type ColumnSpec,
  type Manifest,
  type RowOf,
  type TableKey,
  type TableSpec,
} from '../../src/schema.ts';
import type { RawDoc } from '../ingest/raw-doc.ts';

export interface DocumentAssignment {
  clusterIds: Int32Array;
  similarities: Float32Array | Float64Array;
  /** 0 = not a representative, else 1-based rank within its cluster. */
  representativeRanks: Int32Array;
}

/** Staged documents (doc_index, doc_id, title, abstract, date, ...), for stages that join on doc_index. */
export const STAGED_DOCUMENTS = 'staged_documents';
/**
 * The table behind the view STAGED_DOCUMENTS: its labels are a JSON array in a VARCHAR, which the view reads as
 * VARCHAR[]. Appending a list value per document (a DuckDB value built through N-API per label, and its logical
 * type) cost more than all the document's other values together: staging 100k abstracts took 1.62 s of CPU with
 * lists, 0.74 s with JSON text (measured, appender only).
 */
const STAGED_ROWS = 'staged_rows';
const ASSIGNMENTS = 'assignments';
/** Row-group size of a table that declares none (`TableSpec.rowGroupRows`): DuckDB's default. */
const DEFAULT_ROW_GROUP_ROWS = 65536;
/**
 * Tables written with DuckDB's `PARQUET_VERSION V2` encodings, which the dashboard's reader (hyparquet) decodes: an
 * INTEGER column whose dictionary overflows is then DELTA_BINARY_PACKED instead of PLAIN. In `word_postings`, `doc`
 * (ascending within each word) took 5.1 MB instead of 6.7 MB at 25k papers and the COPY's encoding 15% less CPU
 * (measured); in the other tables V2 saved nothing or cost more (documents: +27% CPU).
 */
const V2_ENCODED: ReadonlySet<TableKey> = new Set(['wordPostings']);
/**
 * Tables whose sorted COPY runs on one DuckDB thread: `documents`, ~1 KB of text a row. On two threads the sorted
 * COPY of real abstracts ran out of a 768 MB pool at 10M documents and of 600 MB at 1M; on one thread 10M fit in
 * 768 MB and 1M in 300 MB, and 1M took 16.1 s against 14.8 s on two (measured, `bench/duckdb-sort-memory.ts`). The
 * file is the same either way.
 */
const SORTED_ON_ONE_THREAD: ReadonlySet<TableKey> = new Set(['documents']);

export class OutputDatabase {
  private documentAppender: DuckDBAppender | null = null;
  private stagedDocuments = 0;
  private readonly written: Manifest['tables'] = {};
  private copyWaiters: (() => void)[] = [];
  private copiesUnderWay = 0;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly labelsType: DuckDBListType,
  ) {}

  /** Opens a scratch database in `workDir`; `memoryLimit` bounds DuckDB's buffer pool (it spills to disk). */
  static async open(workDir: string, memoryLimit = '1GB'): Promise<OutputDatabase> {
    // Imported here, not at the top: loading the native binding takes ~0.5 s, which `--help`, a refused --out
    // or a bad option need not pay.
    const { DuckDBInstance, LIST, VARCHAR } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(join(workDir, 'scratch.duckdb'), {
      memory_limit: memoryLimit,
      temp_directory: join(workDir, 'scratch.tmp'),
    });
    const connection = await instance.connect();
    // The database is scratch, deleted after the run: writing its tables into the file on close cost 0.1-0.4 s at
    // 25k documents (measured), for nothing.
    await connection.run('PRAGMA disable_checkpoint_on_shutdown');
    await connection.run(
      `CREATE TABLE ${STAGED_ROWS} (doc_index INTEGER, doc_id VARCHAR, title VARCHAR, abstract VARCHAR, date VARCHAR, date_precision VARCHAR, labels_json VARCHAR, source VARCHAR)`,
    );
    await connection.run(
      `CREATE VIEW ${STAGED_DOCUMENTS} AS SELECT doc_index, doc_id, title, abstract, date, date_precision, from_json(labels_json, '["VARCHAR"]') AS labels, source FROM ${STAGED_ROWS}`,
    );
    return new OutputDatabase(instance, connection, LIST(VARCHAR));
  }

  /** Stages a kept document's text and metadata; its index is the order of staging (0, 1, 2, ...). */
  async stageDocument(doc: RawDoc): Promise<number> {
    this.documentAppender ??= await this.connection.createAppender(STAGED_ROWS);
    const appender = this.documentAppender;
    const index = this.stagedDocuments++;
    appender.appendInteger(index);
    appender.appendVarchar(doc.id);
    appender.appendVarchar(doc.title);
    appender.appendVarchar(doc.abstract);
    appendNullable(appender, doc.date);
    appendNullable(appender, doc.datePrecision);
    appender.appendVarchar(labelsJson(doc.labels));
    appender.appendVarchar(doc.source);
    appender.endRow();
    return index;
  }

  /**
   * Sets DuckDB's buffer pool limit; lowering it evicts what the pool holds above it. After staging, the pool
   * still held ~1 GB of document text through clustering, which made the 10^6-document run's peak (4.45 GiB,
   * measured RSS over the run); a small pool while staging instead slowed reading.
   */
  async limitMemory(limit: string): Promise<void> {
    this.closeDocumentAppender();
    await this.connection.run(`SET memory_limit = '${limit.replaceAll("'", "''")}'`);
  }

  get documentCount(): number {
    return this.stagedDocuments;
  }

  /**
   * Joins the staged documents with their clusters and writes `documents.parquet` in the declared order; with
   * `previous` (a relation over an earlier output's documents, for `assign`), after those documents.
   */
  async writeDocuments(
    assignment: DocumentAssignment,
    outDir: string,
    previous: string | null = null,
  ): Promise<number> {
    this.closeDocumentAppender();
    await this.connection.run(
      `CREATE TEMP TABLE ${ASSIGNMENTS} (doc_index INTEGER, cluster_id INTEGER, similarity DOUBLE, representative_rank INTEGER)`,
    );
    const appender = await this.connection.createAppender(ASSIGNMENTS);
    const n = this.stagedDocuments;
    await appendColumns(appender, [
      { values: Int32Array.from({ length: n }, (_, i) => i) },
      { values: assignment.clusterIds.subarray(0, n) },
      { values: assignment.similarities.subarray(0, n) },
      { values: assignment.representativeRanks.subarray(0, n), nullValue: 0 },
    ]);
    appender.closeSync();
    const staged = `${STAGED_DOCUMENTS} JOIN ${ASSIGNMENTS} USING (doc_index)`;
    const columns = TABLES.documents.columns.map(selectExpression).join(', ');
    const source =
      previous === null ? staged : `(SELECT ${columns} FROM ${previous} UNION ALL SELECT ${columns} FROM ${staged})`;
    return this.copyToParquet('documents', source, outDir);
  }

  /** Writes a small table given as rows (clusters, terms, trends). */
  async writeRows<K extends TableKey>(key: K, rows: readonly RowOf<K>[], outDir: string): Promise<number> {
    const table: TableSpec = TABLES[key];
    const staged = `staged_${table.name}`;
    await this.connection.run(`CREATE TEMP TABLE ${staged} (${table.columns.map(stagedColumnDdl).join(', ')})`);
    const appender = await this.connection.createAppender(staged);
    for (const row of rows) {
      const values = row as Record<string, unknown>;
      for (const column of table.columns) appendValue(appender, column, values[column.name], this.labelsType);
      appender.endRow();
    }
    appender.flushSync();
    appender.closeSync();
    return this.copyToParquet(key, staged, outDir);
  }

  /** Lets a stage build its own (TEMP) staging tables (large tables are assembled in SQL, not as row objects). */
  async stage<T>(build: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    // Staged documents must be in the table for a query to see them.
    this.closeDocumentAppender();
    return build(this.connection);
  }

  /**
   * Writes a table from a relation (a table name or a parenthesised SELECT) over staged tables. `orderBy`, when
   * given, replaces the table's sort key in the COPY: columns of the relation that sort its rows exactly as the sort
   * key does (e.g. an integer rank of a VARCHAR key, cheaper to sort), so the file is the same.
   */
  async writeRelation(key: TableKey, relation: string, outDir: string, orderBy?: string): Promise<number> {
    return this.copyToParquet(key, relation, outDir, orderBy);
  }

  /**
   * Runs `work` (synchronous JS that does not use this database) once `writing`, a write of this database, has
   * handed its COPY to DuckDB (or ended), so the two run at once on DuckDB's threads and this one; returns `work`'s
   * result after both are done.
   */
  async alongside<T>(writing: Promise<unknown>, work: () => T): Promise<T> {
    if (this.copiesUnderWay === 0) {
      await Promise.race([new Promise<void>((resolve) => this.copyWaiters.push(resolve)), writing]);
    }
    try {
      return work();
    } finally {
      await writing;
    }
  }

  /** Every table written so far with its file and row count, in the order written: the manifest's `tables`. */
  get writtenTables(): Manifest['tables'] {
    return { ...this.written };
  }

  close(): void {
    this.closeDocumentAppender();
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private closeDocumentAppender(): void {
    if (this.documentAppender === null) return;
    this.documentAppender.flushSync();
    this.documentAppender.closeSync();
    this.documentAppender = null;
  }

  private async copyToParquet(key: TableKey, source: string, outDir: string, orderBy?: string): Promise<number> {
    const table: TableSpec = TABLES[key];
    const rowGroupRows = table.rowGroupRows ?? DEFAULT_ROW_GROUP_ROWS;
    const select = table.columns.map(selectExpression).join(', ');
    const file = join(outDir, parquetFileOf(table));
    // Identifiers and the path come from the schema and our own temp dir, never from user input.
    const oneThread = SORTED_ON_ONE_THREAD.has(key);
    if (oneThread) await this.connection.run('SET threads = 1');
    // COPY answers with the rows it wrote, so the source (often a join over millions of rows) runs once.
    const copying = this.connection.runAndReadAll(
      `COPY (SELECT ${select} FROM ${source} ORDER BY ${orderBy ?? table.sortKey.join(', ')}) TO '${file.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${rowGroupRows}${V2_ENCODED.has(key) ? ', PARQUET_VERSION V2' : ''})`,
    );
    this.copiesUnderWay++;
    for (const resolve of this.copyWaiters.splice(0)) resolve();
    const copied = await copying
      .catch((error: unknown) => {
        // DuckDB's message (e.g. out of memory) does not say which of a run's many writes failed.
        throw new Error(`writing ${parquetFileOf(table)}: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      })
      .finally(() => this.copiesUnderWay--);
    if (oneThread) await this.connection.run('RESET threads');
    const rows = Number(copied.getRows()[0]![0]);
    this.written[table.name] = { file: parquetFileOf(table), rows };
    return rows;
  }
}

/**
 * Growable INTEGER columns for staging large tables: values go into typed arrays, and `appendTo` hands them to a
 * DuckDB appender one data chunk (2,048 rows) at a time, instead of one N-API call per value.
 */
export class Int32Columns {
  private data: Int32Array[];
  private size = 0;

  /** `nullValue` marks SQL NULL in a column (e.g. -1 for a column of ids). */
  constructor(
    readonly columnCount: number,
    private readonly nullValue: number | null = null,
  ) {
    if (columnCount < 1 || columnCount > 5) throw new Error(`Int32Columns holds 1 to 5 columns, not ${columnCount}`);
    this.data = Array.from({ length: columnCount }, () => new Int32Array(1024));
  }

  get length(): number {
    return this.size;
  }

  /** Appends one row of up to five integers (fixed arguments, not a rest array: this runs millions of times). */
  push(a: number, b = 0, c = 0, d = 0, e = 0): void {
    if (this.size === this.data[0]!.length) {
      this.data = this.data.map((column) => {
        const grown = new Int32Array(column.length * 2);
        grown.set(column);
        return grown;
      });
    }
    const at = this.size++;
    const data = this.data;
    data[0]![at] = a;
    if (this.columnCount > 1) data[1]![at] = b;
    if (this.columnCount > 2) data[2]![at] = c;
    if (this.columnCount > 3) data[3]![at] = d;
    if (this.columnCount > 4) data[4]![at] = e;
  }

  /** Appends every row to `appender`, whose table has exactly these INTEGER columns, and flushes it. */
  async appendTo(appender: DuckDBAppender): Promise<void> {
    const columns = this.data.map((values) => ({ values: values.subarray(0, this.size), nullValue: this.nullValue }));
    await appendColumns(appender, columns);
  }
}

/** A column of staged values: INTEGER from an Int32Array, DOUBLE from a float array; `nullValue` marks SQL NULL. */
export interface TypedColumn {
  values: Int32Array | Float32Array | Float64Array;
  nullValue?: number | null;
}

/**
 * Appends equal-length typed columns to `appender` (whose table has exactly these columns) one data chunk (2,048
 * rows) at a time, instead of one N-API call per value, and flushes it.
 */
export async function appendColumns(appender: DuckDBAppender, columns: readonly TypedColumn[]): Promise<void> {
  const { DuckDBDataChunk, DOUBLE, INTEGER } = await import('@duckdb/node-api');
  const types = columns.map((column) => (column.values instanceof Int32Array ? INTEGER : DOUBLE));
  const rowCount = columns[0]?.values.length ?? 0;
  const hasNulls = columns.some((column) => (column.nullValue ?? null) !== null);
  const CHUNK_ROWS = 2048;
  // The appender copies a chunk's values, so a chunk of full size is reused when no value is NULL (a NULL would
  // leave its validity bit set for the next rows); creating one costs about as much as filling it.
  let reused: DuckDBDataChunk | null = null;
  for (let from = 0; from < rowCount; from += CHUNK_ROWS) {
    const n = Math.min(CHUNK_ROWS, rowCount - from);
    const chunk =
      n === CHUNK_ROWS && !hasNulls ? (reused ??= DuckDBDataChunk.create(types, n)) : DuckDBDataChunk.create(types, n);
    columns.forEach((column, c) => {
      const vector = chunk.getColumnVector(c);
      const values = column.values.subarray(from, from + n);
      const nullValue = column.nullValue ?? null;
      // INTEGER and DOUBLE vectors keep their values in a typed array that `flush` copies into DuckDB at once: fill
      // it with one `set` when it is there (checked, as the package's typings do not show it), else value by value.
      const items = (vector as unknown as { items?: unknown }).items;
      if ((items instanceof Int32Array || items instanceof Float64Array) && items.length === n) {
        items.set(values);
        if (nullValue !== null) for (let i = 0; i < n; i++) if (values[i] === nullValue) vector.setItem(i, null);
      } else {
        for (let i = 0; i < n; i++) vector.setItem(i, values[i] === nullValue ? null : values[i]!);
      }
      vector.flush();
    });
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
}

/**
 * A SQL relation reading a written table back, e.g. to derive another table from `documents.parquet`; with
 * `rowNumbers`, each row's 0-based row in the file as `file_row_number`.
 */
export function parquetRelation(outDir: string, key: TableKey, rowNumbers = false): string {
  const file = join(outDir, parquetFileOf(TABLES[key])).replaceAll("'", "''");
  return rowNumbers ? `read_parquet('${file}', file_row_number = true)` : `read_parquet('${file}')`;
}

function stagedColumnDdl(column: ColumnSpec): string {
  return `${column.name} ${column.type === 'DATE' ? 'VARCHAR' : column.type}`;
}

function selectExpression(column: ColumnSpec): string {
  const cast = `CAST(${column.name} AS ${column.type})`;
  return `${cast} AS ${column.name}`;
}

/** `labels` as a JSON array, lone surrogates made U+FFFD as N-API's UTF-8 conversion of a VARCHAR does. */
function labelsJson(labels: readonly string[]): string {
  if (labels.length === 0) return '[]';
  return JSON.stringify(labels.map((label) => label.replace(LONE_SURROGATES, '\ufffd')));
}

/** In `u` mode a surrogate pair is one astral code point, so this matches lone surrogates only. */
const LONE_SURROGATES = /\p{Surrogate}/gu;

function appendNullable(appender: DuckDBAppender, value: string | null): void {
  if (value === null) appender.appendNull();
  else appender.appendVarchar(value);
}

function appendValue(appender: DuckDBAppender, column: ColumnSpec, value: unknown, labelsType: DuckDBListType): void {
  if (value === null || value === undefined) {
    if (!column.nullable) throw new Error(`column ${column.name} is not nullable but got ${String(value)}`);
    appender.appendNull();
    return;
  }
  switch (column.type) {
    case 'VARCHAR':
    case 'DATE':
      appender.appendVarchar(value as string);
      return;
    case 'INTEGER':
      appender.appendInteger(value as number);
      return;
    case 'BIGINT':
      appender.appendBigInt(BigInt(value as number | bigint));
      return;
    case 'DOUBLE':
      appender.appendDouble(value as number);
      return;
    case 'VARCHAR[]':
      appender.appendList(value as string[], labelsType);
      return;
    default:
      column.type satisfies never;
  }
}
