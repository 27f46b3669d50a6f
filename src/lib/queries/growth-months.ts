/**
 * The growth windows (`growthWindows`, `src/shared/growth.ts`) over the shown granularity and range, as months, for
 * counts stored by month (`cluster_term_months`): a month is itself, a quarter or year its 3 or 12 months, and an ISO
 * week the month of its Thursday (the ISO 8601 rule that puts a week in a year); a month reached from both windows
 * (weeks straddling a month) counts in the recent one only. Months not wholly inside the range are dropped, as the
 * detail's range-local terms drop them, so no paper after the range counts.
 */
import type { Granularity, TrendRow } from '../../schema.ts';
import { growthWindows, type GrowthOptions } from '../../shared/growth.ts';
import { wholeMonths } from './slice-terms.ts';
import { inRange, type DateRange } from './sql.ts';

/** The growth windows as month starts (`YYYY-MM-01`, ascending, disjoint). */
export interface GrowthMonths {
  readonly before: readonly string[];
  readonly recent: readonly string[];
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function monthStart(day: string, addMonths = 0): string {
  return new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1 + addMonths, 1))
    .toISOString()
    .slice(0, 10);
}

/** The months a period stands for: itself, its 3 or 12 months, or (a week) the month of its Thursday. */
export function monthsOfPeriod(periodStart: string, granularity: Granularity): string[] {
  switch (granularity) {
    case 'week':
      return [monthStart(addDays(periodStart, 3))];
    case 'month':
      return [monthStart(periodStart)];
    case 'quarter':
      return [0, 1, 2].map((i) => monthStart(periodStart, i));
    case 'year':
      return Array.from({ length: 12 }, (_, i) => monthStart(periodStart, i));
    default:
      return granularity satisfies never;
  }
}

/**
 * The months of the growth windows over the `granularity` rows whose period starts in `range` (as the dashboard's
 * growth takes them), or null when growth has no windows there or a window keeps no whole month of the range.
 */
export function growthMonths(
  rows: readonly Pick<TrendRow, 'granularity' | 'period_start' | 'coverage' | 'period_total'>[],
  granularity: Granularity,
  range: DateRange,
  options: GrowthOptions,
): GrowthMonths | null {
  const windows = growthWindows(
    rows.filter((r) => r.granularity === granularity && inRange(r.period_start, range)),
    options,
  );
  const whole = wholeMonths(range);
  if (windows.periods < 2 * options.window || whole === null) return null;
  const inside = (m: string): boolean =>
    (whole.first === null || m >= whole.first) && (whole.last === null || m <= whole.last);
  const months = (periods: readonly string[]): Set<string> =>
    new Set(periods.flatMap((p) => monthsOfPeriod(p, granularity)).filter(inside));
  const recent = months(windows.recent);
  const before = [...months(windows.before)].filter((m) => !recent.has(m));
  return before.length === 0 || recent.size === 0 ? null : { before: before.sort(), recent: [...recent].sort() };
}

/** "2025-07 to 2025-12": the first and last month of a window. */
export function monthSpan(months: readonly string[]): string {
  const first = months[0];
  const last = months[months.length - 1];
  return first === undefined || last === undefined ? '' : `${first.slice(0, 7)} to ${last.slice(0, 7)}`;
}
