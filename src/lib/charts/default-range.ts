/**
 * The date range the dashboard shows before the user picks one: every period, except those holding only far date
 * outliers. One paper dated 1900-01-01 in a 2022-2026 corpus would otherwise stretch every time axis over 126
 * years and squeeze the real data into its last pixels.
 *
 * What counts as a far outlier is defined once, in `src/shared/date-outliers.ts`; the pipeline applies it to the
 * document dates and records `manifest.coreDateRange` (after `assign` too). Here that range is widened to whole
 * periods of the chosen granularity, and the papers of the periods outside it are counted from the trends table.
 * A far outlier lies at least 365 days from the core, so it shares a period with it only at year granularity in a
 * leap year; the counts are those of the periods left out, so they stay true either way. O(periods).
 */
import type { Granularity, Manifest } from '../../schema.ts';
import { MAX_LISTED_OUTLIERS } from '../../shared/date-outliers.ts';
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

/**
 * The default range at `granularity`: the periods from the one holding `core.first` to the one holding
 * `core.last` (`manifest.coreDateRange`), an end left open when no paper lies beyond it. `totals` sorted by
 * `period_start`; a null `core` (no dated paper) gives the full range.
 */
export function defaultDateRange(
  totals: readonly PeriodTotal[],
  granularity: Granularity,
  core: { readonly first: string; readonly last: string } | null,
): DefaultRange {
  if (core === null) return FULL_RANGE;
  const dated = totals.filter((t) => t.period_total > 0);
  const from = dated.find((t) => nextPeriodStart(t.period_start, granularity) > core.first)?.period_start;
  const to = dated.findLast((t) => t.period_start <= core.last)?.period_start;
  if (from === undefined || to === undefined || from > to) return FULL_RANGE;
  let before = 0;
  let after = 0;
  for (const t of dated) {
    if (t.period_start < from) before += t.period_total;
    else if (t.period_start > to) after += t.period_total;
  }
  return { from: before > 0 ? from : null, to: after > 0 ? to : null, before, after };
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

/**
 * The corpus's dates for the page header: the core range and the far outliers left out of it, e.g.
 * "2022-01-03 – 2025-06-03 · 1 paper dated far outside: 1900-01-01"; null when no paper is dated.
 */
export function corpusDates(manifest: Pick<Manifest, 'dateRange' | 'coreDateRange' | 'dateOutliers'>): string | null {
  const range = manifest.coreDateRange ?? manifest.dateRange;
  if (range === null) return null;
  const text = `${range.first} – ${range.last}`;
  const { count, dates } = manifest.dateOutliers;
  if (count === 0) return text;
  // The manifest lists at most MAX_LISTED_OUTLIERS distinct dates.
  const more = dates.length >= MAX_LISTED_OUTLIERS ? ', …' : '';
  return `${text} · ${plural(count, 'paper')} dated far outside: ${dates.join(', ')}${more}`;
}
