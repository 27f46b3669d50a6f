/**
 * `trendSeriesFromRows` as DuckDB SQL. Production never runs it (the dashboard reduces the trends rows it holds);
 * the tests keep it as the oracle the in-memory results must equal, run on real DuckDB over Parquet.
 */
import type { Granularity } from '../../src/schema.ts';
import { columnsOf, dateBounds, tableName, type DateRange, type SqlQuery } from '../../src/lib/queries/sql.ts';

const T = columnsOf('trends');

export function trendSeriesQuery(granularity: Granularity, range: DateRange): SqlQuery {
  const bounds = dateBounds(T.period_start, range);
  return {
    text: `SELECT strftime(${T.period_start}, '%Y-%m-%d') AS ${T.period_start}, ${T.cluster_id}, ${T.doc_count},
  ${T.period_total}, ${T.share}, ${T.coverage}
FROM ${tableName('trends')}
WHERE ${T.granularity} = ?${bounds.text}
ORDER BY ${T.period_start}, ${T.cluster_id}`,
    params: [granularity, ...bounds.params],
    tables: ['trends'],
  };
}
