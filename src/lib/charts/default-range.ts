/**
 * The date range the dashboard shows before the user picks one: every period, except a sparse tail cut off from
 * the bulk. One paper dated 1900-01-01 in a 2022-2026 corpus would otherwise stretch every time axis over 126
 * years and squeeze the real data into its last pixels.
 *
 * Rule, applied at each end separately: the leading (trailing) periods with papers are left out when
 * - together they hold at most `maxExcludedShare` (0.5%) of the dated papers, or a single paper, and
 * - at least `minGapDays` (365) without any paper separate them from the rest, and that gap is at least
 *   `minGapRatio` (1) times as long as what remains: the axis would otherwise be mostly empty.
 * The pipeline flags far outliers in its summary by a rule of the same shape on document dates (0.1%;
 * `pipelines/trends/date-outliers.ts`): both catch a 1900-01-01 placeholder; near the thresholds they may differ,
 * since here only the trends table's period totals are at hand.
 * Among the cuts that qualify, the one leaving out the most is taken (1900 and 1950 outliers both go). Periods are
 * the dense grid of the trends table or only those with papers; O(periods).
 */
import type { Granularity } from '../../schema.ts';
import type { DateRange } from '../queries/sql.ts';
import type { PeriodTotal } from '../queries/trend-series.ts';
import { formatDay, parseDay } from './time.ts';
import { plural } from '../format/plural.ts';

export interface DefaultRange extends DateRange {
  /** Dated papers in periods before `from` (0 when `from` is null). */
  readonly before: number;
  /** Dated papers in periods after `to` (0 when `to` is null). */
  readonly after: number;
}

export interface DefaultRangeOptions {
  /** Largest share of dated papers one end may leave out; default 0.005. */
  maxExcludedShare?: number;
  /** Shortest stretch without papers between the tail and the rest, in days; default 365. */
  minGapDays?: number;
  /** Shortest gap as a multiple of the span of what remains; default 1. */
  minGapRatio?: number;
}

export const FULL_RANGE: DefaultRange = { from: null, to: null, before: 0, after: 0 };
const DAY_MS = 86_400_000;

/** Start of the period after the one starting on `day` (UTC). */
export function nextPeriodStart(day: string, granularity: Granularity): string {
  const d = parseDay(day);
  switch (granularity) {
    case 'week':
      d.setUTCDate(d.getUTCDate() + 7);
      break;
    case 'month':
      d.setUTCMonth(d.getUTCMonth() + 1);
      break;
    case 'quarter':
      d.setUTCMonth(d.getUTCMonth() + 3);
      break;
    case 'year':
      d.setUTCFullYear(d.getUTCFullYear() + 1);
      break;
    default:
      return assertNever(granularity);
  }
  return formatDay(d);
}

/** The last day of the period starting on `day`: a `to` bound that takes in the whole period's papers. */
export function lastDayOfPeriod(day: string, granularity: Granularity): string {
  return formatDay(new Date(parseDay(nextPeriodStart(day, granularity)).getTime() - DAY_MS));
}

function assertNever(value: never): never {
  throw new Error(`unexpected granularity: ${String(value)}`);
}

function daysBetween(from: string, to: string): number {
  return (parseDay(to).getTime() - parseDay(from).getTime()) / DAY_MS;
}

/** See the module comment. `totals` sorted by `period_start`. */
export function defaultDateRange(
  totals: readonly PeriodTotal[],
  granularity: Granularity,
  options: DefaultRangeOptions = {},
): DefaultRange {
  const { maxExcludedShare = 0.005, minGapDays = 365, minGapRatio = 1 } = options;
  const dated = totals.filter((t) => t.period_total > 0);
  const n = dated.length;
  if (n < 2) return FULL_RANGE;
  const starts = dated.map((t) => t.period_start);
  const ends = starts.map((s) => nextPeriodStart(s, granularity));
  const total = dated.reduce((sum, t) => sum + t.period_total, 0);
  // A lone stray paper may always go, however small the corpus (as in the pipeline's rule).
  const budget = Math.max(1, maxExcludedShare * total);
  // Gap between periods i-1 and i with papers: the days from the end of one to the start of the other.
  const gapBefore = (i: number): number => daysBetween(ends[i - 1]!, starts[i]!);
  const isLongGap = (gap: number, keptFirst: number, keptLast: number): boolean =>
    gap >= minGapDays && gap >= minGapRatio * daysBetween(starts[keptFirst]!, ends[keptLast]!);

  let first = 0;
  let before = 0;
  for (let i = 1, excluded = dated[0]!.period_total; i < n && excluded <= budget; i++) {
    if (isLongGap(gapBefore(i), i, n - 1)) [first, before] = [i, excluded];
    excluded += dated[i]!.period_total;
  }
  let last = n - 1;
  let after = 0;
  for (let j = n - 2, excluded = dated[n - 1]!.period_total; j >= first && excluded <= budget; j--) {
    if (isLongGap(gapBefore(j + 1), first, j)) [last, after] = [j, excluded];
    excluded += dated[j]!.period_total;
  }
  return {
    from: first > 0 ? starts[first]! : null,
    to: last < n - 1 ? starts[last]! : null,
    before,
    after,
  };
}

/** The range the views show: each end the user left open falls back to the default range's. */
export function effectiveRange(defaults: DateRange, chosen: DateRange): DateRange {
  return { from: chosen.from ?? defaults.from, to: chosen.to ?? defaults.to };
}

/**
 * What the timeline spans: the default range, widened to take in an end the user typed beyond it, so a brush
 * inside the bulk stays easy and an outlier stays reachable.
 */
export function timelineExtent(defaults: DateRange, chosen: DateRange): DateRange {
  const earlier = (a: string | null, b: string | null): string | null => (a !== null && b !== null && b < a ? b : a);
  const later = (a: string | null, b: string | null): string | null => (a !== null && b !== null && b > a ? b : a);
  return { from: earlier(defaults.from, chosen.from), to: later(defaults.to, chosen.to) };
}

/**
 * "N papers before YYYY-MM are outside the default range", for the ends the default range trims and the user left
 * open; null when nothing is hidden that way.
 */
export function tailNotice(defaults: DefaultRange, chosen: DateRange, granularity: Granularity): string | null {
  const parts: string[] = [];
  let hidden = 0;
  if (chosen.from === null && defaults.from !== null && defaults.before > 0) {
    parts.push(`${plural(defaults.before, 'paper')} before ${defaults.from.slice(0, 7)}`);
    hidden += defaults.before;
  }
  if (chosen.to === null && defaults.to !== null && defaults.after > 0) {
    parts.push(`${plural(defaults.after, 'paper')} from ${nextPeriodStart(defaults.to, granularity).slice(0, 7)} on`);
    hidden += defaults.after;
  }
  if (parts.length === 0) return null;
  return `${parts.join(' and ')} ${hidden === 1 ? 'is' : 'are'} outside the default range.`;
}
