/** Shared rows for the query tests: two clusters over four months; cluster 0 has 1, 1, 1, 3 papers, cluster 1 3, 3, 1, 1. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { emptyTables } from '../../node-duckdb.ts';

/** Empty tables of the schema holding those rows in clusters, trends, cluster_terms and documents (four papers). */
export async function twoClusterTables(): Promise<DuckDBConnection> {
  const db = await emptyTables();
  await db.run(`INSERT INTO clusters VALUES (0, 'graphs', 6, 6, 0.5, '2024-01-01', '2024-04-01', NULL, NULL, 'steady', NULL, NULL),
    (1, 'vision', 8, 8, 0.4, '2024-01-01', '2024-04-01', NULL, NULL, 'steady', NULL, NULL)`);
  await db.run(`INSERT INTO trends VALUES
    ('month', '2024-01-01', 0, 1, 4, 0.25, 1), ('month', '2024-01-01', 1, 3, 4, 0.75, 1),
    ('month', '2024-02-01', 0, 1, 4, 0.25, 1), ('month', '2024-02-01', 1, 3, 4, 0.75, 1),
    ('month', '2024-03-01', 0, 1, 2, 0.5, 1), ('month', '2024-03-01', 1, 1, 2, 0.5, 1),
    ('month', '2024-04-01', 0, 3, 4, 0.75, 1), ('month', '2024-04-01', 1, 1, 4, 0.25, 1),
    ('year', '2024-01-01', 0, 6, 14, 0.42857142857142855, 1), ('year', '2024-01-01', 1, 8, 14, 0.5714285714285714, 1)`);
  await db.run(`INSERT INTO cluster_terms VALUES (0, 1, 'graph', 'graph', 0.9, 5), (0, 2, 'node', 'node', 0.5, 3),
    (1, 1, 'image', 'imag', 0.8, 6)`);
  await db.run(`INSERT INTO documents VALUES
    ('a', '100% graph_match', '', '2024-01-10', 'day', ['cs.DS'], 's', 0, 0.9, 1),
    ('b', '100 graphs matched', '', '2024-04-02', 'day', ['cs.DS', 'cs.LG'], 's', 0, 0.8, 2),
    ('c', '<script>alert(1)</script>', '', NULL, NULL, ['cs.CR'], 's', 0, 0.1, NULL),
    ('d', 'Images', '', '2024-02-05', 'day', ['cs.CV'], 's', 1, 0.7, 1)`);
  return db;
}
