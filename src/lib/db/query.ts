/** The one owner of the database: loads tables on demand and runs prepared statements, converting rows to plain JS. */
import type { Table } from 'apache-arrow';
import { TABLES, parquetFileOf, type ColumnSpec, type RowOf, type TableKey } from '../../schema.ts';
import { openDatabase } from './connection.ts';
import { decodeParquet, decodedRows, type DecodedColumns } from './parquet-to-arrow.ts';
import { openParquet, readParquetRows, type ParquetSource } from './parquet-slice.ts';
import { DocumentGroups } from './document-groups.ts';
import { cachedPromise } from './promise-cache.ts';
import type { DateRange, SqlQuery } from '../queries/sql.ts';
import type { Paper } from '../queries/papers.ts';
import { ParquetWorker } from './parquet-worker-client.ts';
import type { GrowthMonths } from '../queries/growth-months.ts';
import type { TopicTermChanges } from '../queries/why-rising.ts';
import type { WindowPaper } from '../queries/window-papers.ts';
import type { TermCount } from '../queries/term-counts.ts';
import type { SliceClassTotal, SliceTermCount, WholeMonths } from '../queries/slice-terms.ts';

/** Documents are large; the dashboard never reads their abstracts, so they are not loaded. */
const SKIPPED_COLUMNS: Partial<Record<TableKey, readonly string[]>> = { documents: ['abstract'] };

export class DataStore {
  readonly #loading = new Map<TableKey, Promise<void>>();
  readonly #sources = new Map<TableKey, Promise<ParquetSource>>();
  /** Row objects made once per table: the term view looks up `words` on every keystroke. */
  readonly #rows = new Map<TableKey, Promise<Record<string, unknown>[]>>();
  readonly #documentGroups = new Map<'documents', Promise<DocumentGroups>>();
  /** Decoding for DuckDB and the reads of `cluster_term_months` run there, never on the page's thread. */
  readonly #worker = new ParquetWorker();

  constructor(readonly dataUrl: URL) {}

  ensureTable(key: TableKey): Promise<void> {
    return cachedPromise(this.#loading, key, () => this.#load(key));
  }

  #decode(key: TableKey): Promise<DecodedColumns> {
    const startMs = performance.now();
    const spec = TABLES[key];
    return decodeParquet(this.#url(key), this.#columns(key)).then((decoded) => {
      performance.measure(`decode ${spec.name}`, { start: startMs });
      return decoded;
    });
  }

  #columns(key: TableKey): ColumnSpec[] {
    const skipped = SKIPPED_COLUMNS[key] ?? [];
    return TABLES[key].columns.filter((c) => !skipped.includes(c.name));
  }

  /**
   * Every row of a small table, decoded in this thread without waiting for DuckDB (which takes seconds to start):
   * the first chart is drawn from these. DATE values become `YYYY-MM-DD` strings, as `RowOf` declares. Every caller
   * gets the same array: read it, never change it.
   */
  rows<K extends TableKey>(key: K): Promise<RowOf<K>[]> {
    return cachedPromise(this.#rows, key, () => this.#decode(key).then(decodedRows)) as Promise<RowOf<K>[]>;
  }

  /**
   * Decodes the table in the Parquet worker into an Arrow IPC stream, which DuckDB-WASM's own worker takes in: the
   * page's thread only passes the bytes on (decoding a table of millions of rows here held it for tens of seconds).
   */
  async #load(key: TableKey): Promise<void> {
    const startMs = performance.now();
    const spec = TABLES[key];
    const [{ conn }, ipc] = await Promise.all([
      openDatabase(),
      this.#worker.run({ kind: 'arrowIpc', url: this.#url(key), columns: this.#columns(key) }),
    ]);
    const insertMs = performance.now();
    await conn.insertArrowFromIPCStream(ipc, { name: spec.name, create: true });
    performance.measure(`insert ${spec.name}`, { start: insertMs });
    performance.measure(`load ${spec.name}`, { start: startMs });
  }

  #url(key: TableKey): string {
    return new URL(parquetFileOf(TABLES[key]), this.dataUrl).href;
  }

  /**
   * Why each topic rises or falls: its `limit` terms whose share changed most (|z| >= `minZ`) between the growth
   * windows, from its row groups of `cluster_term_months` only.
   */
  termChanges(
    clusterIds: readonly number[],
    months: GrowthMonths,
    limit: number,
    minZ: number,
  ): Promise<Map<number, TopicTermChanges>> {
    return this.#worker.run({
      kind: 'termChanges',
      url: this.#url('clusterTermMonths'),
      clusterIds: [...clusterIds],
      months: { before: [...months.before], recent: [...months.recent] },
      limit,
      minZ,
    });
  }

  /** Per topic, its `limit` papers of the recent window closest to its centroid, from its row groups of documents. */
  windowPapers(clusterIds: readonly number[], months: GrowthMonths, limit: number): Promise<WindowPaper[]> {
    return this.#worker.run({
      kind: 'windowPapers',
      url: this.#url('documents'),
      clusterIds: [...clusterIds],
      months: { before: [...months.before], recent: [...months.recent] },
      limit,
    });
  }

  /** Counts by stem, for outputs without a word index: the stem index is decoded and searched in the worker. */
  stemCounts(terms: readonly string[]): Promise<TermCount[]> {
    return this.#worker.run({
      kind: 'stemCounts',
      termsUrl: this.#url('terms'),
      termTrendsUrl: this.#url('termTrends'),
      terms: [...terms],
    });
  }

  /**
   * The documents rows of the papers whose title has a word beginning with each of `words`, dated in `range`, in the
   * papers list's order: from the title index, in the worker.
   */
  titleSearch(words: readonly string[], range: DateRange): Promise<Int32Array> {
    return this.#worker.run({
      kind: 'titleSearch',
      wordsUrl: this.#url('titleWords'),
      postingsUrl: this.#url('titlePostings'),
      words: [...words],
      range: { from: range.from, to: range.to },
    });
  }

  /** The papers at `rows` of documents, in that order (a page of a title search), read in the worker. */
  papersAtRows(rows: readonly number[]): Promise<Paper[]> {
    return this.#worker.run({ kind: 'papersAtRows', url: this.#url('documents'), rows: [...rows] });
  }

  /** Every topic's class total (cluster_month_totals) and one topic's term counts over whole months (range-local terms). */
  sliceTermData(
    clusterId: number,
    months: WholeMonths,
  ): Promise<{ classes: SliceClassTotal[]; counts: SliceTermCount[] }> {
    return this.#worker.run({
      kind: 'sliceTermData',
      url: this.#url('clusterTermMonths'),
      totalsUrl: this.#url('clusterMonthTotals'),
      clusterId,
      months: { first: months.first, last: months.last },
    });
  }

  #source(key: TableKey): Promise<ParquetSource> {
    return cachedPromise(this.#sources, key, () => openParquet(this.#url(key)));
  }

  /** Rows `rowStart`..`rowEnd` (exclusive) of a table's Parquet file, read directly without loading the table. */
  async readSlice<Row>(key: TableKey, rowStart: number, rowEnd: number): Promise<Row[]> {
    const source = this.#source(key);
    const startMs = performance.now();
    const columns = TABLES[key].columns.map((c) => c.name);
    const rows = await readParquetRows(await source, columns, rowStart, rowEnd);
    performance.measure(`slice ${TABLES[key].name} ${rowEnd - rowStart}`, { start: startMs });
    return rows as Row[];
  }

  /** The documents table by row group: a topic's papers are read without loading the table (or DuckDB). */
  documentGroups(): Promise<DocumentGroups> {
    return cachedPromise(this.#documentGroups, 'documents', () =>
      this.#source('documents').then((source) => new DocumentGroups(source)),
    );
  }

  async query<Row>(q: SqlQuery): Promise<Row[]> {
    await Promise.all(q.tables.map((t) => this.ensureTable(t)));
    const { conn } = await openDatabase();
    const statement = await conn.prepare(q.text);
    try {
      return toRows<Row>(await statement.query(...q.params));
    } catch (cause) {
      throw new Error(`Query failed: ${cause instanceof Error ? cause.message : String(cause)}\n${q.text}`, { cause });
    } finally {
      await statement.close();
    }
  }
}

/** Query builders cast DATE to VARCHAR and aggregates to INTEGER/DOUBLE, so values here are plain. */
function toRows<Row>(table: Table): Row[] {
  const names = table.schema.fields.map((f) => f.name);
  const columns = names.map((n) => table.getChild(n));
  const rows: Row[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, unknown> = {};
    names.forEach((name, j) => {
      const v: unknown = columns[j]?.get(i);
      row[name] = plain(v);
    });
    rows.push(row as Row);
  }
  return rows;
}

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (isVector(v)) return Array.from(v.toArray(), plain);
  return v;
}

/** An Arrow vector (a LIST cell): anything with a `toArray()` method. */
function isVector(v: unknown): v is { toArray(): ArrayLike<unknown> } {
  return v !== null && typeof v === 'object' && 'toArray' in v && typeof v.toArray === 'function';
}
