/**
 * Answers a title search from the pipeline's title index (`title_words`, `title_postings`) by range reads, never
 * decoding a title: the words a typed word begins are adjacent in `title_words` (sorted), so their postings are one
 * row range of `title_postings`. A search reads the one or two groups of `title_words` whose word bounds can hold the
 * typed word, then the groups of `title_postings` holding its range. Each posting carries the document's rank in
 * the papers list, its row in documents and its date, so the matches come out in the list's order, date-filtered,
 * and a page of them is fetched from documents by row.
 */
import type { DateRange } from '../queries/sql.ts';
import type { ParquetSource } from './parquet-slice.ts';
import { parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { cachedPromise } from './promise-cache.ts';
import { readGroupColumns, rowGroupsOf, type RowGroup } from './row-groups.ts';

/** The matches in the papers list's order: newest first, undated last, then by doc_id. */
export interface TitleMatches {
  /** Each match's row in documents.parquet. */
  rows: Int32Array;
}

interface WordGroup {
  words: string[];
  docFreq: number[];
  firstRow: number[];
}

interface PostingGroup {
  ranks: Int32Array;
  rows: Int32Array;
  /** Days since 1970-01-01; `UNDATED` for none. */
  days: Int32Array;
}

const UNDATED = -0x80000000;
const DAY_MS = 86_400_000;
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
/** Dates as day numbers: a group's 16k dates are compared as integers, not parsed as strings. */
const DAYS = { dateFromDays: (days: number) => days };

/** Code point order, the order of the words in the file (UTF-8 bytes); `<` on UTF-16 differs above U+D7FF. */
function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

export class TitleIndex {
  readonly #wordGroups: RowGroup[];
  readonly #postingGroups: RowGroup[];
  readonly #words = new Map<number, Promise<WordGroup>>();
  readonly #postings = new Map<number, Promise<PostingGroup>>();

  constructor(
    readonly words: ParquetSource,
    readonly postings: ParquetSource,
  ) {
    this.#wordGroups = rowGroupsOf(words, ['word']);
    this.#postingGroups = rowGroupsOf(postings, []);
  }

  /** The documents whose title has a word beginning with each of `words` (none: no document) within `range`. */
  async match(words: readonly string[], range: DateRange): Promise<TitleMatches> {
    if (words.length === 0) return { rows: new Int32Array(0) };
    const perWord = await Promise.all(words.map(async (word) => this.#matchWord(await this.#range(word), range)));
    // Intersect from the smallest set: each step keeps only what every word so far found.
    const [smallest, ...others] = perWord.sort((a, b) => a.ranks.length - b.ranks.length);
    let kept = smallest!;
    for (const other of others) kept = intersect(kept, other);
    return { rows: kept.rows };
  }

  /** Rows [start, end) of title_postings: the postings of every word beginning with `prefix`. */
  async #range(prefix: string): Promise<{ start: number; end: number }> {
    // A group holds words beginning with the prefix when its last word is not before it and its first word is not
    // past every such word. Without statistics a group is read.
    const groups = this.#wordGroups.filter((g) => {
      const b = g.bounds.get('word');
      if (!b || typeof b.min !== 'string' || typeof b.max !== 'string') return true;
      return (
        compareCodePoints(b.max, prefix) >= 0 && (compareCodePoints(b.min, prefix) <= 0 || b.min.startsWith(prefix))
      );
    });
    let start = Infinity;
    let end = -Infinity;
    for (const group of await Promise.all(groups.map((g) => this.#wordGroup(g)))) {
      group.words.forEach((word, i) => {
        if (!word.startsWith(prefix)) return;
        start = Math.min(start, group.firstRow[i]!);
        end = Math.max(end, group.firstRow[i]! + group.docFreq[i]!);
      });
    }
    return start < end ? { start, end } : { start: 0, end: 0 };
  }

  /**
   * The documents of the postings in rows [start, end) dated inside `range`, by rank ascending. Ranks and rows are
   * kept in typed arrays, sorted natively: at 1M documents a common prefix ("learning") has ~10^5 postings.
   */
  async #matchWord({ start, end }: { start: number; end: number }, range: DateRange): Promise<RankedRows> {
    const from = range.from === null ? -Infinity : dayOf(range.from);
    const to = range.to === null ? Infinity : dayOf(range.to);
    // As SQL compares a DATE to a bound: an undated paper is outside any range with a bound.
    const undatedIn = range.from === null && range.to === null;
    const groups = this.#postingGroups.filter((g) => g.rowEnd > start && g.rowStart < end);
    const ranks = new Int32Array(Math.max(0, end - start));
    const rows = new Int32Array(ranks.length);
    let n = 0;
    for (const [group, postings] of await Promise.all(
      groups.map(async (g) => [g, await this.#postingGroup(g)] as const),
    )) {
      const last = Math.min(end, group.rowEnd) - group.rowStart;
      for (let i = Math.max(start, group.rowStart) - group.rowStart; i < last; i++) {
        const day = postings.days[i]!;
        if (day === UNDATED ? !undatedIn : day < from || day > to) continue;
        ranks[n] = postings.ranks[i]!;
        rows[n++] = postings.rows[i]!;
      }
    }
    return byRank(ranks.subarray(0, n), rows.subarray(0, n));
  }

  #wordGroup(group: RowGroup): Promise<WordGroup> {
    return cachedPromise(this.#words, group.index, async () => {
      const c = await readGroupColumns(this.words, group, ['word', 'doc_freq', 'first_row']);
      return {
        words: c.get('word') as string[],
        docFreq: c.get('doc_freq') as number[],
        firstRow: c.get('first_row') as number[],
      };
    });
  }

  #postingGroup(group: RowGroup): Promise<PostingGroup> {
    return cachedPromise(this.#postings, group.index, async () => {
      const n = group.rowEnd - group.rowStart;
      const postings = { ranks: new Int32Array(n), rows: new Int32Array(n), days: new Int32Array(n) };
      const into = { doc_rank: postings.ranks, doc_row: postings.rows, date: postings.days };
      // Straight into typed arrays, chunk by chunk: no array of boxed values per column.
      await parquetRead({
        ...this.postings,
        columns: Object.keys(into),
        rowStart: group.rowStart,
        rowEnd: group.rowEnd,
        compressors,
        parsers: DAYS,
        onChunk: ({ columnName, columnData, rowStart }) => {
          const target = into[columnName as keyof typeof into];
          const at = rowStart - group.rowStart;
          for (let i = 0; i < columnData.length; i++) target[at + i] = Number(columnData[i] ?? UNDATED);
        },
      });
      return postings;
    });
  }
}

/** Matching documents: ranks ascending and distinct, and each one's row in documents. */
interface RankedRows {
  ranks: Int32Array;
  rows: Int32Array;
}

/**
 * Sorts postings by rank and drops repeats (a title with two words of one prefix, "learning" and "learned", has two
 * postings of it). A document's row is the same in each of its postings, so the rows follow their ranks.
 */
function byRank(ranks: Int32Array, rows: Int32Array): RankedRows {
  const sorted = ranks.slice().sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i]!;
  const distinct = sorted.subarray(0, n);
  const rowsByRank = new Int32Array(n);
  for (let i = 0; i < ranks.length; i++) rowsByRank[lowerBound(distinct, ranks[i]!)] = rows[i]!;
  return { ranks: distinct, rows: rowsByRank };
}

/** The first index of `sorted` whose value is not below `value`. */
function lowerBound(sorted: Int32Array, value: number): number {
  let [lo, hi] = [0, sorted.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The documents in both, by rank ascending (two sorted runs walked together). */
function intersect(a: RankedRows, b: RankedRows): RankedRows {
  const ranks = new Int32Array(Math.min(a.ranks.length, b.ranks.length));
  const rows = new Int32Array(ranks.length);
  let [i, j, n] = [0, 0, 0];
  while (i < a.ranks.length && j < b.ranks.length) {
    if (a.ranks[i]! < b.ranks[j]!) i++;
    else if (a.ranks[i]! > b.ranks[j]!) j++;
    else {
      ranks[n] = a.ranks[i]!;
      rows[n++] = a.rows[i]!;
      i++;
      j++;
    }
  }
  return { ranks: ranks.subarray(0, n), rows: rows.subarray(0, n) };
}
