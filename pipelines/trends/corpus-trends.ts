/**
 * The trends stage of a full run: documents per topic and period (`volume.ts`) and each topic's growth over the
 * default granularity (`src/shared/growth.ts`, with the default minimum of papers per window).
 */
import type { DatePrecision, Granularity, TrendRow } from '../../src/schema.ts';
import { clusterGrowth, DEFAULT_GROWTH_MIN_PAPERS, type Growth } from '../../src/shared/growth.ts';
import { trendRows } from './volume.ts';

export interface CorpusTrends {
  trends: TrendRow[];
  /** Per cluster. */
  growth: Growth[];
}

export function corpusTrends(
  documents: { dates: readonly (string | null)[]; precisions: readonly (DatePrecision | null)[] },
  clusterIds: Int32Array,
  k: number,
  options: { granularity: Granularity; growthWindow: number },
): CorpusTrends {
  const trends = trendRows(
    documents.dates.map((date, i) => ({
      date,
      datePrecision: documents.precisions[i]!,
      clusterId: clusterIds[i]!,
    })),
    k,
  );
  const growth = clusterGrowth(trends, options.granularity, k, {
    window: options.growthWindow,
    minPapers: DEFAULT_GROWTH_MIN_PAPERS,
  });
  return { trends, growth };
}
