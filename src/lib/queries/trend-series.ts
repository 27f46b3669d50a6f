/** Volume per cluster and period at one granularity, for periods whose start lies in the date range. */
import type { Granularity } from '../../schema.ts';
import { columnsOf, dateBounds, tableName, type DateRange, type SqlQuery } from './sql.ts';

export interface TrendPoint {
  period_start: string;
  cluster_id: number;
  doc_count: number;
  period_total: number;
  share: number;
}

const T = columnsOf('trends');

export function trendSeriesQuery(granularity: Granularity, range: DateRange): SqlQuery {
  const bounds = dateBounds(T.period_start, range);
  return {
    text: `SELECT strftime(${T.period_start}, '%Y-%m-%d') AS ${T.period_start}, ${T.cluster_id}, ${T.doc_count},
  ${T.period_total}, ${T.share}
FROM ${tableName('trends')}
WHERE ${T.granularity} = ?${bounds.text}
ORDER BY ${T.period_start}, ${T.cluster_id}`,
    params: [granularity, ...bounds.params],
    tables: ['trends'],
  };
}

export interface PeriodTotal {
  period_start: string;
  period_total: number;
}

/** Total papers per period over the whole corpus: the timeline under the brush. */
export function periodTotalsQuery(granularity: Granularity): SqlQuery {
  return {
    text: `SELECT strftime(${T.period_start}, '%Y-%m-%d') AS ${T.period_start}, max(${T.period_total})::INTEGER AS ${T.period_total}
FROM ${tableName('trends')}
WHERE ${T.granularity} = ?
GROUP BY ${T.period_start}
ORDER BY ${T.period_start}`,
    params: [granularity],
    tables: ['trends'],
  };
}
