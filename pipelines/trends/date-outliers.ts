/**
 * Far date outliers: a few documents dated decades away from the rest (a 1900-01-01 placeholder) stretch every
 * time axis. Rule, on the n dated documents sorted by date (month and year dates at their first day), applied
 * when n >= MIN_DATED:
 *
 *   tail = max(1, floor(0.001 · n))            at most 0.1 % of the documents (at least one) on each side
 *   core = dates[tail .. n − 1 − tail]          the documents no tail can reach; span S in days
 *   gap  = max(365, S) days
 *
 * On the low side, the first i documents (i <= tail, the largest such i) are outliers when the gap between
 * the i-th and the (i+1)-th date is at least `gap`; the high side likewise. So a tail is flagged only when it
 * is both sparse (the 0.1 % / 99.9 % quantiles) and separated from the rest by more than a year and more than
 * the core's own span. `coreDateRange` is the range without them. O(n log n) for the sort.
 */

/** Below this many dated documents nothing is called an outlier: there is no core to compare with. */
export const MIN_DATED = 10;
/** Outlier dates listed in the manifest and the summary; the count covers all. */
export const MAX_LISTED_OUTLIERS = 10;

const DAY_MS = 86_400_000;

export interface DateRange {
  first: string;
  last: string;
}

export interface DateOutliers {
  /** Dated documents outside `coreDateRange`. */
  count: number;
  /** Their distinct dates, ascending, the first MAX_LISTED_OUTLIERS. */
  dates: string[];
}

export interface DateSpread {
  dateRange: DateRange | null;
  coreDateRange: DateRange | null;
  dateOutliers: DateOutliers;
}

export function dateSpread(dates: Iterable<string | null>): DateSpread {
  const sorted = [...dates].filter((date): date is string => date !== null).sort();
  const n = sorted.length;
  if (n === 0) return { dateRange: null, coreDateRange: null, dateOutliers: { count: 0, dates: [] } };
  const dateRange = { first: sorted[0]!, last: sorted[n - 1]! };
  if (n < MIN_DATED) return { dateRange, coreDateRange: dateRange, dateOutliers: { count: 0, dates: [] } };
  const days = sorted.map(dayNumber);
  const tail = Math.max(1, Math.floor(0.001 * n));
  const gapDays = Math.max(365, days[n - 1 - tail]! - days[tail]!);
  let low = 0;
  for (let i = 1; i <= tail; i++) if (days[i]! - days[i - 1]! >= gapDays) low = i;
  let high = 0;
  for (let i = 1; i <= tail; i++) if (days[n - i]! - days[n - i - 1]! >= gapDays) high = i;
  const outliers = [...sorted.slice(0, low), ...sorted.slice(n - high)];
  return {
    dateRange,
    coreDateRange: { first: sorted[low]!, last: sorted[n - 1 - high]! },
    dateOutliers: { count: outliers.length, dates: [...new Set(outliers)].slice(0, MAX_LISTED_OUTLIERS) },
  };
}

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}
