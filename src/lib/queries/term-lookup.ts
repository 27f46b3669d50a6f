/**
 * Finds typed words in the word index (`words`: where each word's postings lie in `word_postings`), with their
 * family (the words sharing the Porter stem) on request, and close words for a miss. Outputs written without a word
 * index (over `--word-index-max-docs`) are read through the stem index (`terms` -> `term_trends`) instead.
 */
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

/**
 * One row per input that matches; a readable-term match beats a stem match, then the more frequent term wins.
 * @param inputs normalized texts (see `normalizeTermInput`), at least one
 */
export function termLookupQuery(inputs: readonly string[]): SqlQuery {
  const values = inputs.map(() => '(?)').join(', ');
  return {
    text: `WITH q(input) AS (VALUES ${values})
SELECT q.input, ${entry('t.')}
FROM q JOIN ${tableName('terms')} t ON t.${X.term} = q.input OR t.${X.stem} = q.input
QUALIFY row_number() OVER (PARTITION BY q.input ORDER BY (t.${X.term} = q.input) DESC, t.${X.doc_freq} DESC, t.${X.stem}) = 1
ORDER BY q.input`,
    params: [...inputs],
    tables: ['terms'],
  };
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

/** Indexed words; 0 when the run wrote no word index. */
export function wordCountQuery(): SqlQuery {
  return { text: `SELECT count(*)::INTEGER AS n FROM ${tableName('words')}`, params: [], tables: ['words'] };
}

/**
 * For each typed word found in the index: its own row, or with `family` every word sharing its stem ("transformer"
 * -> "transform", "transformer", "transformers", ...). Typed words not in the index have no row.
 * @param words typed words (lower case, see `typedWords`), at least one
 */
export function wordLookupQuery(words: readonly string[], family: boolean): SqlQuery {
  const values = words.map(() => '(?)').join(', ');
  return {
    text: `WITH q(input) AS (VALUES ${values})
SELECT q.input, ${wordEntry('f.')}
FROM q JOIN ${tableName('words')} t ON t.${W.word} = q.input
JOIN ${tableName('words')} f ON f.${W.word} = t.${W.word} OR (? AND f.${W.stem} = t.${W.stem})
ORDER BY q.input, f.${W.doc_freq} DESC, f.${W.word}`,
    params: [...words, family],
    tables: ['words'],
  };
}

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

/** Words starting with `prefix` (lower case), most frequent first: completions of the word being typed. */
export function wordCompletionsQuery(prefix: string, limit: number): SqlQuery {
  return {
    text: `SELECT ${wordEntry('')} FROM ${tableName('words')} WHERE starts_with(${W.word}, ?)
ORDER BY ${W.doc_freq} DESC, ${W.word} LIMIT ?`,
    params: [prefix, limit],
    tables: ['words'],
  };
}
