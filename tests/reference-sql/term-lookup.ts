/**
 * The term view's index lookups (`src/lib/queries/term-lookup.ts`) as DuckDB SQL. Production never runs them (the
 * dashboard looks up the decoded rows of `terms` and `words`); the tests keep them as the oracle to equal.
 */
import { columnsOf, tableName, type SqlQuery } from '../../src/lib/queries/sql.ts';

const X = columnsOf('terms');
const entry = (t: string): string =>
  `${t}${X.stem}, ${t}${X.term}, ${t}${X.doc_freq}, ${t}${X.first_row}::DOUBLE AS ${X.first_row}, ${t}${X.row_count}`;
const W = columnsOf('words');
const wordEntry = (t: string): string =>
  `${t}${W.word}, ${t}${W.stem}, ${t}${W.doc_freq}, ${t}${W.first_row}::DOUBLE AS ${W.first_row}, ${t}${W.row_count}`;

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

/** Words starting with `prefix` (lower case), most frequent first: completions of the word being typed. */
export function wordCompletionsQuery(prefix: string, limit: number): SqlQuery {
  return {
    text: `SELECT ${wordEntry('')} FROM ${tableName('words')} WHERE starts_with(${W.word}, ?)
ORDER BY ${W.doc_freq} DESC, ${W.word} LIMIT ?`,
    params: [prefix, limit],
    tables: ['words'],
  };
}
