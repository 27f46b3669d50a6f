/**
 * Per topic, its papers of the recent window's months closest to its centroid (why a topic rises or falls), from the
 * topic's row groups of documents in TS: never the whole table, and no DuckDB. Documents are sorted by the schema's
 * key (cluster_id, similarity DESC, doc_id), so a topic's groups are read in order only until no later row can enter
 * its list. `tests/reference-sql/window-papers.ts` is the same in SQL; the tests hold both to equal answers.
 */
import type { DocumentGroups } from '../db/document-groups.ts';
import type { GrowthMonths } from './growth-months.ts';

export interface WindowPaper {
  cluster_id: number;
  /** 1 for the paper closest to the centroid. */
  rank: number;
  doc_id: string;
  title: string;
  date: string;
  similarity: number;
}

export interface WindowPaperRow {
  cluster_id: number;
  doc_id: string;
  title: string;
  date: string | null;
  date_precision: string | null;
  similarity: number;
}

const COLUMNS = ['cluster_id', 'doc_id', 'title', 'date', 'date_precision', 'similarity'];

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Closest first; ties: newer, then doc_id. */
function closestFirst(a: Ordered, b: Ordered): number {
  return b.similarity - a.similarity || byText(b.date ?? '', a.date ?? '') || byText(a.doc_id, b.doc_id);
}

type Ordered = Pick<WindowPaperRow, 'similarity' | 'date' | 'doc_id'>;

/**
 * Per topic in `clusterIds` (in that order), its `limit` papers dated to the day or month inside the recent window's
 * months, closest to the centroid first (ties: newer, then doc_id). By similarity rather than date: the window
 * already makes them new, and ordering by date would put a marginal paper first for being a week newer.
 */
export function pickWindowPapers(
  rows: readonly WindowPaperRow[],
  clusterIds: readonly number[],
  months: GrowthMonths,
  limit: number,
): WindowPaper[] {
  const recent = new Set(months.recent);
  return [...new Set(clusterIds)]
    .sort((a, b) => a - b)
    .flatMap((id) =>
      rows
        .flatMap((r): WindowPaper[] =>
          r.cluster_id === id && inWindow(r, recent)
            ? [{ cluster_id: id, rank: 0, doc_id: r.doc_id, title: r.title, date: r.date!, similarity: r.similarity }]
            : [],
        )
        .sort(closestFirst)
        .slice(0, limit)
        .map((p, i) => ({ ...p, rank: i + 1 })),
    );
}

/** Dated to the day or month, in a month of the recent window. */
function inWindow(r: WindowPaperRow, recent: ReadonlySet<string>): boolean {
  return (
    r.date !== null &&
    (r.date_precision === 'day' || r.date_precision === 'month') &&
    recent.has(`${r.date.slice(0, 7)}-01`)
  );
}

export async function windowPapers(
  docs: DocumentGroups,
  clusterIds: readonly number[],
  months: GrowthMonths,
  limit: number,
): Promise<WindowPaper[]> {
  const recent = new Set(months.recent);
  const perTopic = await Promise.all(
    clusterIds.map(async (id) => {
      // The topic's best `limit` rows so far: the top of the union of each group's rows is the top of all of them.
      let best: WindowPaperRow[] = [];
      for (const group of docs.groupsOfClusters([id])) {
        const rows = (await docs.read(group, COLUMNS)) as unknown as WindowPaperRow[];
        const own = rows.filter((r) => r.cluster_id === id);
        best = [...best, ...own.filter((r) => inWindow(r, recent))].sort(closestFirst).slice(0, limit);
        // Later rows of the topic are no closer than the last one read: stop once the list is full and strictly
        // closer than that (a tie could still enter by date).
        const last = own.at(-1);
        if (best.length === limit && last !== undefined && best[limit - 1]!.similarity > last.similarity) break;
      }
      return best;
    }),
  );
  return pickWindowPapers(perTopic.flat(), clusterIds, months, limit);
}
