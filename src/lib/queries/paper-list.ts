/**
 * The Papers panel's list: how many papers match and any page of them, newest first. The matches' rows of documents
 * come in the list's order, no title decoded: within selected topics from their row groups (`matchingRows`), a title
 * search over every topic from the title index (in the Parquet worker); a page's papers are then read from documents
 * by row (`papersAtRows`).
 */
import type { DataStore } from '../db/query.ts';
import { searchWords } from '../../shared/title-words.ts';
import { matchingRows, papersAtRows, type Paper, type PaperFilter } from './papers.ts';

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
  if (filter.clusterIds.length > 0) {
    // On this thread, which is idle once the chart is drawn: a first click never waits behind the reads the Parquet
    // worker runs for the first view (why topics rise).
    const docs = await store.documentGroups();
    const rows = await matchingRows(docs, filter);
    return { total: rows.length, page: (from, to) => papersAtRows(docs, rows.slice(from, to)) };
  }
  const rows = await store.titleSearch(searchWords(filter.titleSearch), filter.range);
  return { total: rows.length, page: (from, to) => store.papersAtRows([...rows.subarray(from, to)]) };
}
