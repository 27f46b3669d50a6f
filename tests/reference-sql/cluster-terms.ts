/**
 * `clusterTermsFromRows` as DuckDB SQL. Production never runs it (the dashboard filters the decoded rows); the tests
 * keep it as the oracle the in-memory result must equal.
 */
import { columnsOf, tableName, type SqlQuery } from '../../src/lib/queries/sql.ts';

const CT = columnsOf('clusterTerms');

export function clusterTermsQuery(clusterId: number, limit: number): SqlQuery {
  return {
    text: `SELECT ${CT.term}, ${CT.weight}, ${CT.rank} FROM ${tableName('clusterTerms')}
WHERE ${CT.cluster_id} = ? ORDER BY ${CT.rank} LIMIT ?`,
    params: [clusterId, limit],
    tables: ['clusterTerms'],
  };
}
