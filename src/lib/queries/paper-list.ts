/**
 * The Papers panel's list: how many papers match and any page of them, newest first. Within selected topics it is
 * cut from their papers (`matchingPapers`, their row groups of documents); a title search over every topic is
 * answered by the title index in the Parquet worker (matches' rows in the list's order, no title decoded), and a
 * page's papers are then read from documents by row.
 */
import type { DataStore } from '../db/query.ts';
import { searchWords } from '../../shared/title-words.ts';
import { matchingPapers, type Paper, type PaperFilter } from './papers.ts';

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
    const all = await matchingPapers(await store.documentGroups(), filter);
    return { total: all.length, page: (from, to) => Promise.resolve(all.slice(from, to)) };
  }
  const rows = await store.titleSearch(searchWords(filter.titleSearch), filter.range);
  return { total: rows.length, page: (from, to) => store.papersAtRows([...rows.subarray(from, to)]) };
}
