/**
 * Far date outliers, the one definition: a few documents dated decades away from the rest (a 1900-01-01
 * placeholder) stretch every time axis. The pipeline applies it to the document dates and records the result
 * (`manifest.coreDateRange`, `manifest.dateOutliers`, also after `assign`); the dashboard's default date range and
 * its header read those fields, so the two never disagree. Pure (no Node, no DOM), so both halves can import it.
 *
 * Rule, on the n dated documents sorted by date (month and year dates at their first day), applied when
 * n >= MIN_DATED:
 *
 *   tail = max(1, floor(maxShare · n))          at most 0.1 % of the documents (but always one) on each side
 *   core = dates[tail .. n − 1 − tail]           the documents no tail can reach; span S in days
 *   gap  = max(minGapDays, S)                     365 days, or longer for a corpus spanning more than a year
 *
 * On the low side the first i documents (i <= tail, the largest such i) are outliers when the gap between the
 * i-th and the (i+1)-th date is at least `gap`; the high side likewise. So a tail is cut only when it is both
 * sparse and separated from the rest by more than a year and more than the core's own span: the axis would be
 * mostly empty with it. O(n log n) for the sort.
 *
 * Why these thresholds (the dashboard used to cut up to 0.5 % of the papers, the gap measured against the span left
 * after the cut): the result is called a likely error in the run summary ("check the dates if they are
 * placeholders") and hidden from the default view, so it should take only strays; 0.1 % is still 1,000 papers a
 * side at 10^6. The core span is the same for both sides, so two strays on opposite sides do not shield each other
 * (with the span left after the cut, one paper of 1950 and one of 2099 around a 2022-2026 corpus were both kept).
 */

/** Below this many dated documents nothing is called an outlier: there is no core to compare with. */
export const MIN_DATED = 10;
/** Outlier dates listed in the manifest and the summary; the count covers all. */
export const MAX_LISTED_OUTLIERS = 10;

const DAY_MS = 86_400_000;

export interface DateOutlierOptions {
  /** Largest share of the dated documents one side may call outliers (at least one document); default 0.001. */
  maxShare?: number;
  /** Shortest gap between outliers and the rest, in days, unless the core spans longer; default 365. */
  minGapDays?: number;
}

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
  /** `dateRange` without the outliers; equal to it when there are none. */
  coreDateRange: DateRange | null;
  dateOutliers: DateOutliers;
}

/** See the module comment. `dates` are `YYYY-MM-DD`, null for an undated document. */
export function dateSpread(dates: Iterable<string | null>, options: DateOutlierOptions = {}): DateSpread {
  const { maxShare = 0.001, minGapDays = 365 } = options;
  const sorted = [...dates].filter((date): date is string => date !== null).sort();
  const n = sorted.length;
  if (n === 0) return { dateRange: null, coreDateRange: null, dateOutliers: { count: 0, dates: [] } };
  const dateRange = { first: sorted[0]!, last: sorted[n - 1]! };
  if (n < MIN_DATED) return { dateRange, coreDateRange: dateRange, dateOutliers: { count: 0, dates: [] } };
  const days = sorted.map(dayNumber);
  const tail = Math.max(1, Math.floor(maxShare * n));
  const gapDays = Math.max(minGapDays, days[n - 1 - tail]! - days[tail]!);
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
