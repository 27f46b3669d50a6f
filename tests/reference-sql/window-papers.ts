/**
 * `windowPapers` (`src/lib/queries/window-papers.ts`) as DuckDB SQL. Production never runs it (the dashboard reads
 * the topics' row groups of documents); the tests keep it as the oracle the in-memory result must equal.
 */
import type { GrowthMonths } from '../../src/lib/queries/growth-months.ts';
import { columnsOf, placeholders, tableName, type SqlQuery } from '../../src/lib/queries/sql.ts';

const D = columnsOf('documents');

/**
 * Per topic, its `limit` papers of the recent window's months closest to its centroid, best first (ties: newer,
 * then doc_id). By similarity rather than date: the window already makes them new, and ordering by date would put
 * a marginal paper first for being a week newer.
 */
export function windowPapersQuery(clusterIds: readonly number[], months: GrowthMonths, limit: number): SqlQuery {
  const w = {
    text: `WITH windows(month) AS (VALUES ${months.recent.map(() => '(CAST(? AS DATE))').join(', ')})`,
    params: [...months.recent],
  };
  return {
    text: `${w.text}
SELECT * FROM (
  SELECT d.${D.cluster_id}, row_number() OVER (
      PARTITION BY d.${D.cluster_id} ORDER BY d.${D.similarity} DESC, d.${D.date} DESC, d.${D.doc_id})::INTEGER AS rank,
    d.${D.doc_id}, d.${D.title}, strftime(d.${D.date}, '%Y-%m-%d') AS date, d.${D.similarity}::DOUBLE AS similarity
  FROM ${tableName('documents')} d JOIN windows w ON CAST(date_trunc('month', d.${D.date}) AS DATE) = w.month
  WHERE d.${D.cluster_id} IN (${placeholders(clusterIds.length)}) AND d.${D.date_precision} IN ('day', 'month'))
WHERE rank <= ? ORDER BY ${D.cluster_id}, rank`,
    params: [...w.params, ...clusterIds, limit],
    tables: ['documents'],
  };
}
