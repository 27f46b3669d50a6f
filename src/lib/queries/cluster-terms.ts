/** The top terms of one cluster with their topic scores (`cluster_terms.weight`). */
import { columnsOf, tableName, type SqlQuery } from './sql.ts';

export interface TermWeight {
  term: string;
  weight: number;
  rank: number;
}

const CT = columnsOf('clusterTerms');

export function clusterTermsQuery(clusterId: number, limit: number): SqlQuery {
  return {
    text: `SELECT ${CT.term}, ${CT.weight}, ${CT.rank} FROM ${tableName('clusterTerms')}
WHERE ${CT.cluster_id} = ? ORDER BY ${CT.rank} LIMIT ?`,
    params: [clusterId, limit],
    tables: ['clusterTerms'],
  };
}
