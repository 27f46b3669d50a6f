import { describe, expect, it } from 'vitest';
import { labelTrendsRelation } from '../../../pipelines/trends/label-trends.ts';
import { query } from '../../helpers/duckdb.ts';

const DOCUMENTS = `(SELECT * FROM (VALUES
  (0, ['cs.CL', 'cs.AI'], DATE '2024-01-05', 'day'),
  (0, ['cs.CL'], DATE '2024-01-01', 'month'),
  (0, ['cs.AI', 'cs.CL'], DATE '2024-01-20', 'day'),
  (0, []::VARCHAR[], DATE '2024-02-03', 'day'),
  (0, [''], DATE '2024-02-04', 'day'),
  (1, ['cs.CL'], DATE '2024-02-01', 'day'),
  (1, ['cs.CL'], DATE '2024-01-01', 'year'),
  (1, ['cs.CL'], NULL, NULL)
) AS d(cluster_id, labels, date, date_precision))`;

describe('labelTrendsRelation(documents)', () => {
  it("counts documents per cluster, first label and month; no label is '(none)'; undated and year-only left out", async () => {
    const rows = await query(
      `SELECT cluster_id, label, period_start, doc_count::INTEGER AS doc_count FROM ${labelTrendsRelation(DOCUMENTS)} ORDER BY ALL`,
    );
    expect(rows).toEqual([
      { cluster_id: 0, label: '(none)', period_start: '2024-02-01', doc_count: 2 },
      { cluster_id: 0, label: 'cs.AI', period_start: '2024-01-01', doc_count: 1 },
      { cluster_id: 0, label: 'cs.CL', period_start: '2024-01-01', doc_count: 2 },
      { cluster_id: 1, label: 'cs.CL', period_start: '2024-02-01', doc_count: 1 },
    ]);
  });
});
