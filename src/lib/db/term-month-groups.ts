/**
 * Reads `cluster_term_months` by topic and month, fetching only the row groups that can hold them. The pipeline
 * writes the table sorted by (cluster_id, period_start, stem), NULLs last, in small row groups, so a group's
 * cluster_id and period_start statistics say which topics and months it holds: one topic's months are a few groups,
 * and the rows over all topics (null cluster_id) are the file's tail. At 1M documents the table is millions of rows,
 * which loading into DuckDB-WASM kept the page busy for 20-55 s. A file without statistics is read whole, correctly.
 */
import type { ParquetSource } from './parquet-slice.ts';
import { mayHold, mayHoldNull, readGroupColumns, rowGroupsOf, type RowGroup } from './row-groups.ts';

export interface TermMonthRow {
  /** null: the term over all topics. */
  cluster_id: number | null;
  period_start: string;
  /** null: the topic over all terms. */
  stem: string | null;
  term: string | null;
  term_count: number;
  doc_count: number;
}

/** Whole months, first and last `YYYY-MM-01` inclusive; a null end is open. */
export interface MonthSpan {
  readonly first: string | null;
  readonly last: string | null;
}

const COLUMNS = ['cluster_id', 'period_start', 'stem', 'term', 'term_count', 'doc_count'] as const;
/** What a topic's total row needs: its term is null, and that string column is the costliest to decode. */
const TOTAL_COLUMNS = COLUMNS.filter((c) => c !== 'term');

export class TermMonthGroups {
  readonly groups: readonly RowGroup[];
  readonly #read = new Map<number, Promise<TermMonthRow[]>>();
  #classTotals: Promise<TermMonthRow[]> | undefined;

  constructor(readonly source: ParquetSource) {
    this.groups = rowGroupsOf(source, ['cluster_id', 'period_start']);
  }

  /** A group's rows, cached (a topic's groups are read again as the range or the shown topics change). */
  #rowsOf(group: RowGroup): Promise<TermMonthRow[]> {
    let rows = this.#read.get(group.index);
    if (!rows) {
      rows = readGroupColumns(this.source, group, COLUMNS).then(toRows);
      this.#read.set(group.index, rows);
      rows.catch(() => this.#read.delete(group.index));
    }
    return rows;
  }

  /**
   * The rows of `clusterId` (null: the rows over all topics) in `months`, in file order. Groups are read one after
   * another, so the decoding comes in short tasks that never hold up the page for long.
   */
  async rows(clusterId: number | null, months: MonthSpan): Promise<TermMonthRow[]> {
    const out: TermMonthRow[] = [];
    for (const group of this.groups) {
      const topic =
        clusterId === null ? mayHoldNull(group, 'cluster_id') : mayHold(group, 'cluster_id', clusterId, clusterId);
      if (!topic || !mayHold(group, 'period_start', months.first, months.last)) continue;
      for (const row of await this.#rowsOf(group))
        if (row.cluster_id === clusterId && within(row.period_start, months)) out.push(row);
    }
    return out;
  }

  /**
   * Every topic's total rows (null stem), all months. They end each (topic, month) run of rows, so they lie in every
   * group of the topics' part of the file: that part is read once, without caching the groups or decoding the terms,
   * and only these k × months rows are kept. The file's tail, the rows over all topics (null cluster_id; ~40% of the
   * rows at 1M documents), holds none and is skipped by its statistics.
   */
  classTotals(): Promise<TermMonthRow[]> {
    if (!this.#classTotals) {
      const reading = (async () => {
        const out: TermMonthRow[] = [];
        for (const group of this.groups) {
          if (!mayHold(group, 'cluster_id', null, null)) continue;
          const cached = this.#read.get(group.index);
          const rows = cached ? await cached : toRows(await readGroupColumns(this.source, group, TOTAL_COLUMNS));
          for (const row of rows) if (row.stem === null && row.cluster_id !== null) out.push(row);
        }
        return out;
      })();
      this.#classTotals = reading;
      reading.catch(() => (this.#classTotals = undefined));
    }
    return this.#classTotals;
  }
}

export function within(month: string, months: MonthSpan): boolean {
  return (months.first === null || month >= months.first) && (months.last === null || month <= months.last);
}

function toRows(columns: Map<string, unknown[]>): TermMonthRow[] {
  const [clusterId, period, stem, term, termCount, docCount] = COLUMNS.map((c) => columns.get(c) ?? []);
  const n = period!.length;
  const rows: TermMonthRow[] = new Array<TermMonthRow>(n);
  for (let i = 0; i < n; i++) {
    rows[i] = {
      cluster_id: (clusterId![i] ?? null) as number | null,
      period_start: period![i] as string,
      stem: (stem![i] ?? null) as string | null,
      term: (term![i] ?? null) as string | null,
      term_count: termCount![i] as number,
      doc_count: docCount![i] as number,
    };
  }
  return rows;
}
