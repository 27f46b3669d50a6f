/**
 * Papers of the selected clusters: representatives in the date range, and a filtered list (+ title search), answered
 * in TS from the row groups of documents that can hold them (`DocumentGroups`), never by loading the table into
 * DuckDB. `tests/reference-sql/papers.ts` is the same in SQL; the tests hold both to equal answers.
 */
import { utf8Text, type DocumentGroups, type RowGroupSpan } from '../db/document-groups.ts';
import { inRange, type DateRange } from './sql.ts';
import { searchWords, titleMatches } from '../../shared/title-words.ts';

export interface Paper {
  doc_id: string;
  title: string;
  date: string | null;
  labels: string[];
  cluster_id: number;
  representative_rank: number | null;
}

/** A paper with its similarity to the centroid, which orders the representatives. */
export interface PaperRow extends Paper {
  similarity: number;
}

export interface PaperFilter {
  readonly clusterIds: readonly number[];
  readonly range: DateRange;
  /** What was typed in the title search: titles with a word beginning with each of its words (title-words.ts). */
  readonly titleSearch: string;
}

const PAPER_COLUMNS = ['doc_id', 'title', 'date', 'labels', 'cluster_id', 'similarity', 'representative_rank'];

/** As SQL compares a DATE to a bound: an undated paper is outside any range with a bound. */
function dateInRange(date: string | null, range: DateRange): boolean {
  return date === null ? range.from === null && range.to === null : inRange(date, range);
}

/** Whether a title matches the typed search (every typed word begins a word of the title; none typed: any). */
function titleMatcher(search: string): (title: string) => boolean {
  const words = searchWords(search);
  return (title) => titleMatches(words, title);
}

/** Byte order of ASCII identifiers, as DuckDB sorts VARCHAR (UTF-16 code units agree with it below U+D800). */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Newest first, undated last, then by doc_id: the papers list's order. */
export function newestFirst(a: Paper, b: Paper): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return byText(b.date, a.date);
  }
  return byText(a.doc_id, b.doc_id);
}

/** The rows that pass `filter` (no cluster selected means every cluster), newest first. */
export function filterPapers(rows: readonly PaperRow[], filter: PaperFilter): Paper[] {
  const clusters = new Set(filter.clusterIds);
  const titleMatches = titleMatcher(filter.titleSearch);
  return rows
    .filter(
      (r) =>
        (clusters.size === 0 || clusters.has(r.cluster_id)) &&
        dateInRange(r.date, filter.range) &&
        titleMatches(r.title),
    )
    .map(withoutSimilarity)
    .sort(newestFirst);
}

/**
 * The `limit` papers of a cluster closest to its centroid among those dated inside `range` (undated papers only
 * when the range is open at both ends), best first: the stored representatives when the range is open.
 */
export function pickRepresentatives(
  rows: readonly PaperRow[],
  clusterId: number,
  range: DateRange,
  limit: number,
): Paper[] {
  // An open range lists the stored representatives only, as many as the run chose (--representatives).
  const open = range.from === null && range.to === null;
  return rows
    .filter(
      (r) => r.cluster_id === clusterId && dateInRange(r.date, range) && (!open || r.representative_rank !== null),
    )
    .sort(
      (a, b) =>
        b.similarity - a.similarity ||
        (a.representative_rank ?? Infinity) - (b.representative_rank ?? Infinity) ||
        byText(a.doc_id, b.doc_id),
    )
    .slice(0, limit)
    .map(withoutSimilarity);
}

function withoutSimilarity({ similarity: _, ...paper }: PaperRow): Paper {
  return paper;
}

async function readGroups(docs: DocumentGroups, groups: readonly RowGroupSpan[]): Promise<PaperRow[]> {
  return (await Promise.all(groups.map((g) => docs.read(g, PAPER_COLUMNS)))).flat() as unknown as PaperRow[];
}

/**
 * Every paper that passes `filter`, newest first, from the row groups that can hold the selected topics (with none
 * selected, every group: the dashboard answers a search over every topic from the title index, `paper-list.ts`).
 */
export async function matchingPapers(docs: DocumentGroups, filter: PaperFilter): Promise<Paper[]> {
  const groups = filter.clusterIds.length > 0 ? docs.groupsOfClusters(filter.clusterIds) : docs.groups;
  return filterPapers(await readGroups(docs, groups), filter);
}

/** A paper's columns: PAPER_COLUMNS without the similarity, which only orders the representatives. */
const LISTED_COLUMNS = ['doc_id', 'title', 'date', 'labels', 'cluster_id', 'representative_rank'];

/**
 * The papers at `rows` of documents.parquet, in that order: a page of title search matches. Its ≤ 25 rows lie in as
 * many row groups of ~4k rows; each group's text stays undecoded UTF-8 (`readRawRows`) and only the rows shown are
 * decoded: decoding every title and id of those groups was most of a cold search's CPU at 1M documents.
 */
export async function papersAtRows(docs: DocumentGroups, rows: readonly number[]): Promise<Paper[]> {
  const groupOf = (row: number): RowGroupSpan => {
    let [lo, hi] = [0, docs.groups.length - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (docs.groups[mid]!.rowStart <= row) lo = mid;
      else hi = mid - 1;
    }
    return docs.groups[lo]!;
  };
  const byGroup = new Map<RowGroupSpan, number[]>();
  for (const row of rows) {
    const group = groupOf(row);
    byGroup.set(group, [...(byGroup.get(group) ?? []), row]);
  }
  const papers = new Map<number, Paper>();
  await Promise.all(
    [...byGroup.values()].map(async (wanted) => {
      // Only the span of the wanted rows: the labels lists are assembled for these rows alone.
      const first = Math.min(...wanted);
      const read = await docs.readRawRows(LISTED_COLUMNS, first, Math.max(...wanted) + 1);
      for (const row of wanted) papers.set(row, listedPaper(read[row - first]!));
    }),
  );
  return rows.map((row) => papers.get(row)!);
}

/** A paper from a row of `readRawRows` (text as UTF-8 bytes). */
function listedPaper(row: Record<string, unknown>): Paper {
  return {
    doc_id: utf8Text(row['doc_id']),
    title: utf8Text(row['title']),
    date: (row['date'] ?? null) as string | null,
    labels: (row['labels'] as unknown[]).map(utf8Text),
    cluster_id: row['cluster_id'] as number,
    representative_rank: (row['representative_rank'] ?? null) as number | null,
  };
}

export async function representativePapers(
  docs: DocumentGroups,
  clusterId: number,
  range: DateRange,
  limit: number,
): Promise<Paper[]> {
  return pickRepresentatives(await readGroups(docs, docs.groupsOfClusters([clusterId])), clusterId, range, limit);
}
