/**
 * The Papers panel's list: how many papers match and any page of them, newest first. The matches' rows of documents
 * come in the list's order, no title decoded: within selected topics from their row groups (`matchingRows`), a title
 * search over every topic from the title index; a page's papers are then read from documents by row.
 */
import type { DataStore } from '../db/query.ts';
import { searchWords } from '../../shared/title-words.ts';
import type { Paper, PaperFilter } from './papers.ts';

export interface PaperList {
  readonly total: number;
  /** Matches `from` (inclusive) to `to` (exclusive) in the list's order. */
  page(from: number, to: number): Promise<Paper[]>;
}

/** Whether `filter` asks for papers at all: a selected topic, or a search with a word in it. */
export function listsPapers(filter: PaperFilter): boolean {
  return filter.clusterIds.length > 0 || searchWords(filter.titleSearch).length > 0;
}

export async function paperList(store: DataStore, filter: PaperFilter): Promise<PaperList> {
  const rows =
    filter.clusterIds.length > 0
      ? await store.matchingRows(filter)
      : await store.titleSearch(searchWords(filter.titleSearch), filter.range);
  return { total: rows.length, page: (from, to) => store.papersAtRows([...rows.subarray(from, to)]) };
}
