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

export interface PaperFilter {
  readonly clusterIds: readonly number[];
  readonly range: DateRange;
  /** What was typed in the title search: titles with a word beginning with each of its words (title-words.ts). */
  readonly titleSearch: string;
}

/**
 * A paper by its row of documents, with only what filters and orders it: its doc_id (and title, for a title search)
 * stay UTF-8 bytes. A topic at 1M documents is ~37k rows, of which a drill-in shows 25 and 5 representatives:
 * decoding every id, title and labels list of them was most of its CPU; only the rows shown are decoded
 * (`papersAtRows`).
 */
interface PaperKey {
  row: number;
  cluster_id: number;
  date: string | null;
  similarity: number;
  representative_rank: number | null;
  doc_id: Uint8Array;
  title: Uint8Array | undefined;
}

const KEY_COLUMNS = ['cluster_id', 'date', 'similarity', 'representative_rank', 'doc_id'];

/** As SQL compares a DATE to a bound: an undated paper is outside any range with a bound. */
function dateInRange(date: string | null, range: DateRange): boolean {
  return date === null ? range.from === null && range.to === null : inRange(date, range);
}

/** Byte order of UTF-8 text, as DuckDB sorts VARCHAR. */
function byBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Newest first, undated last, then by doc_id: the papers list's order. */
function newestFirst(a: PaperKey, b: PaperKey): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? 1 : -1;
  }
  return byBytes(a.doc_id, b.doc_id);
}

/** Closest to the centroid first, then by stored rank (unranked last), then by doc_id: the representatives' order. */
function closestFirst(a: PaperKey, b: PaperKey): number {
  return (
    b.similarity - a.similarity ||
    (a.representative_rank ?? Infinity) - (b.representative_rank ?? Infinity) ||
    byBytes(a.doc_id, b.doc_id)
  );
}

/** The keys of the papers in `groups`, with their titles when `titles` (cached per group in `DocumentGroups`). */
async function paperKeys(docs: DocumentGroups, groups: readonly RowGroupSpan[], titles: boolean): Promise<PaperKey[]> {
  const columns = titles ? [...KEY_COLUMNS, 'title'] : KEY_COLUMNS;
  const read = await Promise.all(groups.map((g) => docs.readRawColumns(g, columns)));
  const keys: PaperKey[] = [];
  read.forEach((c, i) => {
    const [cluster, date, similarity, rank, docId, title] = columns.map((name) => c.get(name)!);
    for (let j = 0; j < cluster!.length; j++)
      keys.push({
        row: groups[i]!.rowStart + j,
        cluster_id: cluster![j] as number,
        date: (date![j] ?? null) as string | null,
        similarity: similarity![j] as number,
        representative_rank: (rank![j] ?? null) as number | null,
        doc_id: docId![j] as Uint8Array,
        title: title?.[j] as Uint8Array | undefined,
      });
  });
  return keys;
}

/**
 * The rows of documents of every paper that passes `filter`, newest first, from the row groups that can hold the
 * selected topics (with none selected, every group: the dashboard answers a search over every topic from the title
 * index, `paper-list.ts`).
 */
export async function matchingRows(docs: DocumentGroups, filter: PaperFilter): Promise<number[]> {
  const clusters = new Set(filter.clusterIds);
  const words = searchWords(filter.titleSearch);
  const groups = clusters.size > 0 ? docs.groupsOfClusters(filter.clusterIds) : docs.groups;
  return (await paperKeys(docs, groups, words.length > 0))
    .filter(
      (k) =>
        (clusters.size === 0 || clusters.has(k.cluster_id)) &&
        dateInRange(k.date, filter.range) &&
        (words.length === 0 || titleMatches(words, utf8Text(k.title))),
    )
    .sort(newestFirst)
    .map((k) => k.row);
}

/** Every paper that passes `filter`, newest first (the papers CSV). */
export async function matchingPapers(docs: DocumentGroups, filter: PaperFilter): Promise<Paper[]> {
  return papersAtRows(docs, await matchingRows(docs, filter));
}

/**
 * The `limit` papers of a cluster closest to its centroid among those dated inside `range` (undated papers only
 * when the range is open at both ends), best first: the stored representatives when the range is open.
 */
export async function representativePapers(
  docs: DocumentGroups,
  clusterId: number,
  range: DateRange,
  limit: number,
): Promise<Paper[]> {
  // An open range lists the stored representatives only, as many as the run chose (--representatives).
  const open = range.from === null && range.to === null;
  const rows = (await paperKeys(docs, docs.groupsOfClusters([clusterId]), false))
    .filter(
      (k) => k.cluster_id === clusterId && dateInRange(k.date, range) && (!open || k.representative_rank !== null),
    )
    .sort(closestFirst)
    .slice(0, limit)
    .map((k) => k.row);
  return papersAtRows(docs, rows);
}

/** A paper's columns as the dashboard shows them. */
const LISTED_COLUMNS = ['doc_id', 'title', 'date', 'labels', 'cluster_id', 'representative_rank'];

/**
 * The papers at `rows` of documents.parquet, in that order: a page of the papers list. Its ≤ 25 rows lie in as
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
    const wanted = byGroup.get(group);
    if (wanted) wanted.push(row);
    else byGroup.set(group, [row]);
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
