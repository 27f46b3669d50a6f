/**
 * Finds typed words or phrases in the term index: exact, lower-case match on the readable term or the stem, and
 * prefix suggestions. The index row says where the term's monthly counts lie in `term_trends`.
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
