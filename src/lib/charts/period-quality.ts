/**
 * What each shown period can be trusted for: its total papers, how much of it the corpus covers (trends
 * `coverage`), and the two flags the charts draw and the downloads carry: partial (an edge period the corpus covers
 * only in part, e.g. a July it reaches on the 1st) and small (fewer than MIN_PERIOD_PAPERS papers in all, too few
 * to read a share from). Growth leaves both out (`src/shared/growth.ts`).
 */
import type { Granularity } from '../../schema.ts';
import { MIN_PERIOD_PAPERS } from '../../shared/growth.ts';
import { plural } from '../format/plural.ts';
import { nextPeriodStart } from './default-range.ts';
import { parseDay } from './time.ts';

export interface PeriodQuality {
  total: number;
  /** Fraction 0..1 of the period's days inside the corpus's dated span. */
  coverage: number;
  partial: boolean;
  small: boolean;
}

export interface PeriodPoint {
  period_start: string;
  period_total: number;
  coverage: number;
}

/** One entry per period of `periods` (in order); a period without points is empty and whole. */
export function periodQuality(points: readonly PeriodPoint[], periods: readonly string[]): PeriodQuality[] {
  const byPeriod = new Map<string, PeriodPoint>();
  for (const p of points) byPeriod.set(p.period_start, p);
  return periods.map((period) => {
    const point = byPeriod.get(period);
    const total = point?.period_total ?? 0;
    const coverage = point?.coverage ?? 1;
    return { total, coverage, partial: coverage < 1, small: total < MIN_PERIOD_PAPERS };
  });
}

/** Days from the period's start to the next period's start. */
function daysIn(periodStart: string, granularity: Granularity): number {
  return Math.round(
    (parseDay(nextPeriodStart(periodStart, granularity)).getTime() - parseDay(periodStart).getTime()) / 86_400_000,
  );
}

/**
 * The hover text of a partial period: "partial: 21 papers so far (1 of 31 days)" at the end of the data, "partial:
 * the data starts inside this period (29 of 31 days, 56 papers)" at its start.
 */
export function partialText(
  quality: PeriodQuality,
  periodStart: string,
  granularity: Granularity,
  isFirst: boolean,
): string {
  const days = daysIn(periodStart, granularity);
  const covered = `${Math.round(quality.coverage * days)} of ${days} days`;
  return isFirst
    ? `partial: the data starts inside this ${granularity} (${covered}, ${plural(quality.total, 'paper')})`
    : `partial: ${plural(quality.total, 'paper')} so far (${covered})`;
}
