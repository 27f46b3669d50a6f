/**
 * Finds typed words in the word index (`words`: where each word's postings lie in `word_postings`), with their
 * family (the words sharing the Porter stem) on request, and close words for a miss. Outputs written without a word
 * index (over `--word-index-max-docs`) are read through the stem index (`terms` -> `term_trends`) instead.
 * Lookups and completions run on the decoded rows in TS, so the first lookup waits for no DuckDB; only the close
 * words of a miss (edit distance) are asked of DuckDB. `tests/reference-sql/term-lookup.ts` holds the lookups in SQL.
 */
import type { RowOf } from '../../schema.ts';
import { columnsOf, tableName, type SqlQuery } from './sql.ts';

export interface TermIndexEntry {
  stem: string;
  term: string;
  doc_freq: number;
  first_row: number;
  row_count: number;
}

export interface TermMatch extends TermIndexEntry {
  /** The user's text, normalized, that this entry answers. */
  input: string;
}

const X = columnsOf('terms');
// DOUBLE holds row numbers exactly up to 2^53 and arrives as a plain number from both DuckDB-WASM and Node.
const entry = (t: string): string =>
  `${t}${X.stem}, ${t}${X.term}, ${t}${X.doc_freq}, ${t}${X.first_row}::DOUBLE AS ${X.first_row}, ${t}${X.row_count}`;

/** Lower case, inner whitespace squashed to one space, trimmed: the form terms are stored in. */
export function normalizeTermInput(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Escapes LIKE wildcards so user text matches literally as a prefix (`ESCAPE '\\'`). */
export function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Terms starting with `prefix` (readable form or stem), most frequent first. */
export function termSuggestionsQuery(prefix: string, limit: number): SqlQuery {
  const pattern = likePrefix(normalizeTermInput(prefix));
  return {
    text: `SELECT ${entry('')} FROM ${tableName('terms')}
WHERE ${X.term} LIKE ? ESCAPE '\\' OR ${X.stem} LIKE ? ESCAPE '\\'
ORDER BY ${X.doc_freq} DESC, ${X.term} LIMIT ?`,
    params: [pattern, pattern, limit],
    tables: ['terms'],
  };
}

export interface WordEntry {
  word: string;
  stem: string;
  doc_freq: number;
  first_row: number;
  row_count: number;
}

export interface WordMatch extends WordEntry {
  /** The typed word (see `typedWords`) this entry is counted for: itself, or one of its family. */
  input: string;
}

const W = columnsOf('words');
const wordEntry = (t: string): string =>
  `${t}${W.word}, ${t}${W.stem}, ${t}${W.doc_freq}, ${t}${W.first_row}::DOUBLE AS ${W.first_row}, ${t}${W.row_count}`;

/**
 * Close words for a typed word that is not in the index: those it is a prefix of and those within a small edit
 * distance (1 up to 4 letters, else 2), closest then most frequent first.
 */
export function closeWordsQuery(word: string, limit: number): SqlQuery {
  const maxDistance = [...word].length <= 4 ? 1 : 2;
  return {
    text: `SELECT ${wordEntry('')} FROM (
  SELECT *, CASE WHEN starts_with(${W.word}, ?) THEN 1 ELSE levenshtein(${W.word}, ?) END AS distance
  FROM ${tableName('words')} WHERE ${W.word} <> ?)
WHERE distance <= ?
ORDER BY distance, ${W.doc_freq} DESC, ${W.word} LIMIT ?`,
    params: [word, word, word, maxDistance, limit],
    tables: ['words'],
  };
}

/** `terms`/`words` row as decoded (BIGINT row numbers arrive as plain numbers, see `decodedRows`). */
type TermRow = RowOf<'terms'>;
type WordRow = RowOf<'words'>;

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One entry per input that matches, by input; a readable-term match beats a stem match, then the more frequent term
 * wins, then the first stem.
 * @param inputs normalized texts (see `normalizeTermInput`)
 */
export function lookupTerms(rows: readonly TermRow[], inputs: readonly string[]): TermMatch[] {
  const wanted = new Set(inputs);
  const best = new Map<string, TermRow>();
  // (term = input) DESC, doc_freq DESC, stem: as the SQL's QUALIFY row_number() keeps.
  const better = (input: string, a: TermRow, b: TermRow): boolean => {
    const [aExact, bExact] = [a.term === input, b.term === input];
    if (aExact !== bExact) return aExact;
    return a.doc_freq !== b.doc_freq ? a.doc_freq > b.doc_freq : a.stem < b.stem;
  };
  const consider = (input: string, row: TermRow): void => {
    const held = best.get(input);
    if (held === undefined || better(input, row, held)) best.set(input, row);
  };
  for (const row of rows) {
    if (wanted.has(row.term)) consider(row.term, row);
    if (row.stem !== row.term && wanted.has(row.stem)) consider(row.stem, row);
  }
  return [...best].sort(([a], [b]) => byText(a, b)).map(([input, r]) => ({ input, ...termEntryOf(r) }));
}

function termEntryOf(r: TermRow): TermIndexEntry {
  return { stem: r.stem, term: r.term, doc_freq: r.doc_freq, first_row: Number(r.first_row), row_count: r.row_count };
}

function wordEntryOf(r: WordRow): WordEntry {
  return { word: r.word, stem: r.stem, doc_freq: r.doc_freq, first_row: Number(r.first_row), row_count: r.row_count };
}

const mostFrequentFirst = (a: WordRow, b: WordRow): number => b.doc_freq - a.doc_freq || byText(a.word, b.word);

/**
 * For each typed word found in the index: its own entry, or with `family` every word sharing its stem ("transformer"
 * -> "transform", "transformer", "transformers", ...), most frequent first. Typed words not in the index have none.
 * @param words typed words (lower case, see `typedWords`)
 */
export function lookupWords(rows: readonly WordRow[], words: readonly string[], family: boolean): WordMatch[] {
  const wanted = new Set(words);
  const found = new Map<string, WordRow>();
  for (const row of rows) if (wanted.has(row.word)) found.set(row.word, row);
  const stems = new Set(family ? [...found.values()].map((r) => r.stem) : []);
  const byStem = new Map<string, WordRow[]>();
  if (family)
    for (const row of rows) if (stems.has(row.stem)) byStem.set(row.stem, [...(byStem.get(row.stem) ?? []), row]);
  return [...found]
    .sort(([a], [b]) => byText(a, b))
    .flatMap(([input, row]) =>
      (family ? (byStem.get(row.stem) ?? [row]) : [row])
        .slice()
        .sort(mostFrequentFirst)
        .map((r) => ({ input, ...wordEntryOf(r) })),
    );
}

/** Words starting with `prefix` (lower case), most frequent first: completions of the word being typed. */
export function completeWord(rows: readonly WordRow[], prefix: string, limit: number): WordEntry[] {
  return rows
    .filter((r) => r.word.startsWith(prefix))
    .sort(mostFrequentFirst)
    .slice(0, limit)
    .map(wordEntryOf);
}
