/** Shared rows for the query tests: two clusters over four months; cluster 0 has 10, 10, 30, 30 of 100 papers a month. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { emptyTables } from '../../node-duckdb.ts';

/** Empty tables of the schema holding those rows in clusters, trends, terms, label_trends and map_points. */
export async function fourMonthTables(): Promise<DuckDBConnection> {
  const db = await emptyTables();
  await db.run(`INSERT INTO clusters VALUES
    (0, 'graphs', 80, 80, 0.5, '2024-01-01', '2024-04-01', 20.0, 4.0, 'rising', 0.5, -1.0),
    (1, 'vision', 320, 320, 0.4, '2024-01-01', '2024-04-01', -20.0, -4.0, 'falling', NULL, NULL),
    (2, 'empty', 0, 0, 0, NULL, NULL, NULL, NULL, 'steady', NULL, NULL)`);
  await db.run(`INSERT INTO trends VALUES
    ('month', '2024-01-01', 2, 0, 100, 0, 1), ('month', '2024-02-01', 2, 0, 100, 0, 1),
    ('month', '2024-03-01', 2, 0, 100, 0, 1), ('month', '2024-04-01', 2, 0, 100, 0, 1),
    ('month', '2024-01-01', 0, 10, 100, 0.1, 1), ('month', '2024-01-01', 1, 90, 100, 0.9, 1),
    ('month', '2024-02-01', 0, 10, 100, 0.1, 1), ('month', '2024-02-01', 1, 90, 100, 0.9, 1),
    ('month', '2024-03-01', 0, 30, 100, 0.3, 1), ('month', '2024-03-01', 1, 70, 100, 0.7, 1),
    ('month', '2024-04-01', 0, 30, 100, 0.3, 1), ('month', '2024-04-01', 1, 70, 100, 0.7, 1),
    ('quarter', '2024-01-01', 0, 50, 300, 0.16666666666666666, 1), ('quarter', '2024-01-01', 1, 250, 300, 0.8333333333333334, 1),
    ('quarter', '2024-04-01', 0, 30, 100, 0.3, 1), ('quarter', '2024-04-01', 1, 70, 100, 0.7, 1)`);
  await db.run(`INSERT INTO terms VALUES
    ('graph', 'graph', 40, 0, 3), ('graph neural', 'graph neural', 5, 3, 1), ('graphic', 'graphics', 2, 4, 1),
    ('imag', 'image', 50, 5, 2), ('100%_x', '100%_x', 1, 7, 1)`);
  await db.run(`INSERT INTO label_trends VALUES
    (0, 'cs.AI', '2024-01-01', 1), (0, 'cs.DS', '2024-01-01', 5), (0, 'cs.DS', '2024-03-01', 20),
    (0, 'cs.LG', '2024-02-01', 7), (0, 'cs.LG', '2024-04-01', 3), (0, 'math.CO', '2024-04-01', 2),
    (1, 'cs.CV', '2024-01-01', 90)`);
  await db.run(`INSERT INTO map_points VALUES
    ('b', 1, 2.0, 3.0, NULL, 'Images <b>bold</b>'), ('a', 0, -1.0, 0.5, '2024-02-03', 'Graphs')`);
  return db;
}
