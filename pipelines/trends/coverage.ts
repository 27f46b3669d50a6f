/**
 * How much of a period the corpus covers: the days of the period inside the corpus's dated span, over the period's
 * days. The span runs from the first to the last day the dated documents can fall on: a day-precision date covers
 * its day, a month- or year-only date its whole month or year (we cannot say where in it the paper lies, so it does
 * not make its period partial). Periods strictly inside the span have coverage 1; only the first and last period of
 * the grid can fall below it, e.g. a corpus ending on 1 July covers 1/31 of July. UTC calendar arithmetic, O(1).
 */
import type { DatePrecision, Granularity } from '../../src/schema.ts';
import { nextPeriodStart } from './periods.ts';

/** First and last day (ISO) the dated documents counted at one granularity can fall on. */
export interface DatedSpan {
  first: string;
  last: string;
}

/** The last day a date of `precision` can stand for (`date` is the first day of its month or year). */
export function lastDayCovered(date: string, precision: DatePrecision): string {
  switch (precision) {
    case 'day':
      return date;
    case 'month':
      return dayBefore(nextPeriodStart(`${date.slice(0, 7)}-01`, 'month'));
    case 'year':
      return `${date.slice(0, 4)}-12-31`;
    default:
      throw new Error(`unexpected date precision: ${String(precision)}`);
  }
}

/** `span` widened to hold a document dated `date` at `precision`. */
export function widenSpan(span: DatedSpan | null, date: string, precision: DatePrecision): DatedSpan {
  const last = lastDayCovered(date, precision);
  if (span === null) return { first: date, last };
  return { first: date < span.first ? date : span.first, last: last > span.last ? last : span.last };
}

/** Fraction 0..1 of the period starting at `start` that lies inside `span`; 0 when there is no span. */
export function periodCoverage(start: string, granularity: Granularity, span: DatedSpan | null): number {
  const from = dayNumber(start);
  const to = dayNumber(nextPeriodStart(start, granularity)); // exclusive
  if (span === null) return 0;
  const covered = Math.min(to, dayNumber(span.last) + 1) - Math.max(from, dayNumber(span.first));
  return Math.max(0, covered) / (to - from);
}

const DAY_MS = 86_400_000;

function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

function dayBefore(iso: string): string {
  return new Date((dayNumber(iso) - 1) * DAY_MS).toISOString().slice(0, 10);
}
