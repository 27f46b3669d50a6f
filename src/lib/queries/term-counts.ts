/**
 * What the term view counts for each typed word or phrase: the papers per month containing exactly it (or, with
 * `family`, any of the forms sharing each word's stem), read from only the typed words' rows of `word_postings`.
 * Outputs without a word index fall back to the stem index (`terms` -> `term_trends`), as before schema 4.
 */
import type { RowOf } from '../../schema.ts';
import type { DataStore } from '../db/query.ts';
import type { MonthCount } from '../charts/term-series.ts';
import { typedWords } from '../../shared/words.ts';
import { phraseMonthCounts, type Posting } from './phrase-counts.ts';
import { closeWordsQuery, lookupTerms, lookupWords, type WordEntry, type WordMatch } from './term-lookup.ts';

export interface TermCount {
  /** As typed (normalized by the URL state). */
  term: string;
  /** The forms counted at each word of the term: the typed word, plus its family when asked. */
  forms: string[][];
  /** Typed words the index does not hold; the term then has no count. */
  unknown: string[];
  months: MonthCount[];
}

export interface TermCounts {
  terms: readonly string[];
  family: boolean;
  /** False: the output has no word index, and counts are by stem (`forms` holds the stem). */
  exact: boolean;
  counts: TermCount[];
}

interface PostingRow extends Posting {
  word: string;
}

export async function countTerms(store: DataStore, terms: readonly string[], family: boolean): Promise<TermCounts> {
  if (terms.length === 0) {
    // The term view is open but nothing is typed yet: decode its index now, so the first lookup need not wait for it.
    store
      .rows('words')
      .then((index) => (index.length === 0 ? store.stemCounts([]) : undefined))
      .catch(() => {
        // The lookup that needs the index reports the failure.
      });
    return { terms, family, exact: true, counts: [] };
  }
  // The index's rows are decoded here, not loaded into DuckDB: the first lookup waits only for words.parquet.
  const index = await store.rows('words');
  if (index.length === 0) return { terms, family, exact: false, counts: await store.stemCounts(terms) };

  const wordsOfTerm = terms.map((term) => typedWords(term));
  const distinct = [...new Set(wordsOfTerm.flat())];
  const matches = lookupWords(index, distinct, family);
  const formsOf = new Map<string, WordMatch[]>();
  for (const m of matches) formsOf.set(m.input, [...(formsOf.get(m.input) ?? []), m]);

  const postings = new Map<string, Promise<Posting[]>>();
  const postingsOf = (entry: WordEntry): Promise<Posting[]> => {
    let rows = postings.get(entry.word);
    if (!rows) {
      rows = readPostings(store, entry);
      postings.set(entry.word, rows);
    }
    return rows;
  };
  const counts = await Promise.all(
    terms.map(async (term, t): Promise<TermCount> => {
      const words = wordsOfTerm[t] ?? [];
      const unknown = words.length === 0 ? [term] : words.filter((w) => !formsOf.has(w));
      const entries = words.map((w) => formsOf.get(w) ?? []);
      const forms = entries.map((slot) => slot.map((e) => e.word));
      if (unknown.length > 0) return { term, forms, unknown, months: [] };
      const slots = await Promise.all(entries.map(async (slot) => (await Promise.all(slot.map(postingsOf))).flat()));
      return { term, forms, unknown, months: phraseMonthCounts(slots) };
    }),
  );
  return { terms, family, exact: true, counts };
}

/** A word's rows of `word_postings` (never the whole table), checked against the index. */
async function readPostings(store: DataStore, entry: WordEntry): Promise<Posting[]> {
  const end = entry.first_row + entry.row_count;
  const rows = await store.readSlice<PostingRow>('wordPostings', entry.first_row, end);
  const stray = rows.find((r) => r.word !== entry.word);
  if (stray) {
    throw new Error(
      `words.parquet says "${entry.word}" has word_postings rows ${entry.first_row}..${end - 1}, but a row holds "${stray.word}": the files are out of step; rebuild them.`,
    );
  }
  return rows;
}

/** Close indexed words for each unknown word, as whole suggested terms (the word replaced in the typed phrase). */
export async function suggestTerms(store: DataStore, count: TermCount, limit: number): Promise<string[]> {
  const words = typedWords(count.term);
  const suggestions: string[] = [];
  for (const word of count.unknown) {
    const close = await store.query<WordEntry>(closeWordsQuery(word, limit));
    for (const c of close) suggestions.push(words.map((w) => (w === word ? c.word : w)).join(' '));
  }
  return [...new Set(suggestions)].slice(0, limit);
}

export interface StemRow {
  stem: string;
  period_start: string;
  doc_count: number;
}

/** Where the stem index is read from: all of `terms`, and a row range of `term_trends`. */
export interface StemIndex {
  terms(): Promise<RowOf<'terms'>[]>;
  termTrends(rowStart: number, rowEnd: number): Promise<StemRow[]>;
}

/** Counts by stem (outputs without a word index): each term's months from only its rows of `term_trends`. */
export async function countStems(index: StemIndex, terms: readonly string[]): Promise<TermCount[]> {
  const matches = lookupTerms(await index.terms(), terms);
  const byInput = new Map(matches.map((m) => [m.input, m]));
  return Promise.all(
    terms.map(async (term): Promise<TermCount> => {
      const m = byInput.get(term);
      if (!m) return { term, forms: [], unknown: [term], months: [] };
      const rows = await index.termTrends(m.first_row, m.first_row + m.row_count);
      const stray = rows.find((r) => r.stem !== m.stem);
      if (stray) {
        throw new Error(
          `terms.parquet says "${m.stem}" has term_trends rows ${m.first_row}..${m.first_row + m.row_count - 1}, but a row holds "${stray.stem}": the files are out of step; rebuild them.`,
        );
      }
      const months = rows.map((r) => ({ period_start: r.period_start, doc_count: r.doc_count }));
      return { term, forms: [[m.stem]], unknown: [], months };
    }),
  );
}
