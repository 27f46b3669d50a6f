/**
 * Maps a dated document to the start of its period at a granularity. A date only counts at granularities no finer
 * than its precision: a month-precision date has a month, quarter and year but no week; a year-only date has only
 * a year. All arithmetic is on UTC calendar dates, so results never depend on the machine's time zone.
 */
import type { DatePrecision, Granularity } from '../../src/schema.ts';

const PRECISION_RANK: Record<DatePrecision, number> = { day: 0, month: 1, year: 2 };
const REQUIRED_PRECISION: Record<Granularity, number> = { week: 0, month: 1, quarter: 1, year: 2 };

export function countsAt(precision: DatePrecision, granularity: Granularity): boolean {
  return PRECISION_RANK[precision] <= REQUIRED_PRECISION[granularity];
}

/** ISO `YYYY-MM-DD` of the first day of the period containing `isoDate`; ISO weeks start on Monday. */
export function periodStart(isoDate: string, granularity: Granularity): string {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  switch (granularity) {
    case 'year':
      return `${pad(year, 4)}-01-01`;
    case 'quarter':
      return `${pad(year, 4)}-${pad(month - ((month - 1) % 3), 2)}-01`;
    case 'month':
      return `${isoDate.slice(0, 7)}-01`;
    case 'week': {
      const day = Date.UTC(year, month - 1, Number(isoDate.slice(8, 10)));
      const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
      return toIso(day - weekday * DAY_MS);
    }
    default:
      return assertNever(granularity);
  }
}

/** The start of the period after the one starting at `start`. */
export function nextPeriodStart(start: string, granularity: Granularity): string {
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7));
  switch (granularity) {
    case 'year':
      return `${pad(year + 1, 4)}-01-01`;
    case 'quarter':
      return monthStart(year, month + 3);
    case 'month':
      return monthStart(year, month + 1);
    case 'week':
      return toIso(Date.UTC(year, month - 1, Number(start.slice(8, 10))) + 7 * DAY_MS);
    default:
      return assertNever(granularity);
  }
}

/** Every period start from the period of `first` through the period of `last`, in order. */
export function periodRange(first: string, last: string, granularity: Granularity): string[] {
  const end = periodStart(last, granularity);
  const starts: string[] = [];
  for (let start = periodStart(first, granularity); start <= end; start = nextPeriodStart(start, granularity)) {
    starts.push(start);
  }
  return starts;
}

const DAY_MS = 86_400_000;

function monthStart(year: number, month: number): string {
  const zeroBased = month - 1;
  return `${pad(year + Math.floor(zeroBased / 12), 4)}-${pad((zeroBased % 12) + 1, 2)}-01`;
}

function toIso(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${String(value)}`);
}
