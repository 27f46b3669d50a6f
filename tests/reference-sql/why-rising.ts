/**
 * `windowTermCounts` (`src/lib/queries/why-rising.ts`) as DuckDB SQL. Production never runs it (the dashboard reads
 * the shown topics' row groups of cluster_term_months); the tests keep it as the oracle the TS result must equal.
 */
import type { GrowthMonths } from '../../src/lib/queries/growth-months.ts';
import { columnsOf, placeholders, tableName, type SqlParam, type SqlQuery } from '../../src/lib/queries/sql.ts';

const M = columnsOf('clusterTermMonths');

/** `WITH windows(month, recent) AS (VALUES ...)`: each month of the two windows once, as a parameter. */
function windowsCte(months: GrowthMonths): { text: string; params: SqlParam[] } {
  const rows = [...months.before.map((m) => [m, false] as const), ...months.recent.map((m) => [m, true] as const)];
  return {
    text: `WITH windows(month, recent) AS (VALUES ${rows.map(() => '(CAST(? AS DATE), CAST(? AS BOOLEAN))').join(', ')})`,
    params: rows.flat(),
  };
}

/** Per topic in `clusterIds`: every candidate term's counts in the two windows, and the topic's total row. */
export function windowTermCountsQuery(clusterIds: readonly number[], months: GrowthMonths): SqlQuery {
  const w = windowsCte(months);
  const sum = (column: string, recent: boolean, type: string): string =>
    `coalesce(sum(m.${column}) FILTER (WHERE ${recent ? '' : 'NOT '}w.recent), 0)::${type}`;
  return {
    text: `${w.text}
SELECT m.${M.cluster_id}, m.${M.stem}, min(m.${M.term}) AS term,
  ${sum(M.term_count, false, 'DOUBLE')} AS count_before, ${sum(M.term_count, true, 'DOUBLE')} AS count_recent,
  ${sum(M.doc_count, false, 'INTEGER')} AS docs_before, ${sum(M.doc_count, true, 'INTEGER')} AS docs_recent
FROM ${tableName('clusterTermMonths')} m JOIN windows w ON m.${M.period_start} = w.month
WHERE m.${M.cluster_id} IN (${placeholders(clusterIds.length)})
GROUP BY m.${M.cluster_id}, m.${M.stem}
ORDER BY m.${M.cluster_id}, m.${M.stem} NULLS FIRST`,
    params: [...w.params, ...clusterIds],
    tables: ['clusterTermMonths'],
  };
}
