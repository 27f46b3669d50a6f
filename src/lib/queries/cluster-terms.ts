/** The top terms of one cluster with their topic scores (`cluster_terms.weight`), from the table's decoded rows. */
import type { ClusterTermRow } from '../../schema.ts';

export interface TermWeight {
  term: string;
  weight: number;
  rank: number;
}

/** The cluster's `limit` best-ranked terms, rank 1 first. */
export function clusterTermsFromRows(rows: readonly ClusterTermRow[], clusterId: number, limit: number): TermWeight[] {
  return rows
    .filter((r) => r.cluster_id === clusterId)
    .sort((a, b) => a.rank - b.rank)
    .slice(0, limit)
    .map(({ term, weight, rank }) => ({ term, weight, rank }));
}
