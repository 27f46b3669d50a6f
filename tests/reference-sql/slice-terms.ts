/**
 * `sliceClassTotals` and `sliceTermCounts` (`src/lib/queries/slice-terms.ts`) as DuckDB SQL. Production never runs
 * them (the dashboard reads cluster_term_months by row group); the tests keep them as the oracle.
 */
import { columnsOf, tableName, type SqlParam, type SqlQuery } from '../../src/lib/queries/sql.ts';
import type { WholeMonths } from '../../src/lib/queries/slice-terms.ts';

const M = columnsOf('clusterTermMonths');

function monthBounds(months: WholeMonths): { text: string; params: SqlParam[] } {
  let text = '';
  const params: SqlParam[] = [];
  if (months.first !== null) {
    text += ` AND ${M.period_start} >= CAST(? AS DATE)`;
    params.push(months.first);
  }
  if (months.last !== null) {
    text += ` AND ${M.period_start} <= CAST(? AS DATE)`;
    params.push(months.last);
  }
  return { text, params };
}

/** Every cluster's total over all terms in the months: the class sizes c-TF-IDF needs (A). */
export function sliceClassTotalsQuery(months: WholeMonths): SqlQuery {
  const b = monthBounds(months);
  return {
    text: `SELECT ${M.cluster_id}, sum(${M.term_count})::DOUBLE AS term_total, sum(${M.doc_count})::INTEGER AS doc_count
FROM ${tableName('clusterTermMonths')}
WHERE ${M.cluster_id} IS NOT NULL AND ${M.stem} IS NULL${b.text}
GROUP BY ${M.cluster_id} ORDER BY ${M.cluster_id}`,
    params: b.params,
    tables: ['clusterTermMonths'],
  };
}

/** The candidate terms of one cluster with their counts in the months, and their totals over all clusters. */
export function sliceTermCountsQuery(clusterId: number, months: WholeMonths): SqlQuery {
  const b = monthBounds(months);
  const table = tableName('clusterTermMonths');
  return {
    text: `WITH slice AS (SELECT * FROM ${table} WHERE ${M.stem} IS NOT NULL${b.text}),
own AS (SELECT ${M.stem}, min(${M.term}) AS term, sum(${M.term_count}) AS term_count, sum(${M.doc_count}) AS doc_count
  FROM slice WHERE ${M.cluster_id} = ? GROUP BY ${M.stem})
SELECT own.stem, own.term, own.term_count::DOUBLE AS term_count, own.doc_count::INTEGER AS doc_count,
  sum(total.${M.term_count})::DOUBLE AS term_total
FROM own JOIN slice total ON total.${M.cluster_id} IS NULL AND total.${M.stem} = own.stem
GROUP BY ALL ORDER BY own.stem`,
    params: [...b.params, clusterId],
    tables: ['clusterTermMonths'],
  };
}
