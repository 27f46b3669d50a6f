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
const COLUMNS_WITHOUT_TERM = COLUMNS.filter((c) => c !== 'term');

export class TermMonthGroups {
  readonly groups: readonly RowGroup[];
  /** By group and whether its terms were decoded (`index|terms`). */
  readonly #read = new Map<string, Promise<TermMonthRow[]>>();

  constructor(readonly source: ParquetSource) {
    this.groups = rowGroupsOf(source, ['cluster_id', 'period_start']);
  }

  /**
   * A group's rows, cached (a topic's groups are read again as the range or the shown topics change); without
   * `terms`, the readable term is left null, undecoded: that string column costs most to decode.
   */
  #rowsOf(group: RowGroup, terms: boolean): Promise<TermMonthRow[]> {
    const key = `${group.index}|${terms}`;
    let rows = this.#read.get(key);
    if (!rows) {
      rows = readGroupColumns(this.source, group, terms ? COLUMNS : COLUMNS_WITHOUT_TERM).then(toRows);
      this.#read.set(key, rows);
      rows.catch(() => this.#read.delete(key));
    }
    return rows;
  }

  /**
   * The rows of `clusterId` (null: the rows over all topics) in `months`, in file order; with `terms` false, their
   * `term` is null (a reader that needs stems only). Groups are read one after another, so the decoding comes in
   * short tasks that never hold up the page for long.
   */
  async rows(clusterId: number | null, months: MonthSpan, terms = true): Promise<TermMonthRow[]> {
    const out: TermMonthRow[] = [];
    for (const group of this.groups) {
      const topic =
        clusterId === null ? mayHoldNull(group, 'cluster_id') : mayHold(group, 'cluster_id', clusterId, clusterId);
      if (!topic || !mayHold(group, 'period_start', months.first, months.last)) continue;
      for (const row of await this.#rowsOf(group, terms))
        if (row.cluster_id === clusterId && within(row.period_start, months)) out.push(row);
    }
    return out;
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
