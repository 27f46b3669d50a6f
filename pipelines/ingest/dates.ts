/**
 * Parses the date spellings found in paper metadata into an ISO day plus its precision, with pure calendar
 * arithmetic (no `Date` parsing), so the result never depends on the machine's time zone.
 */
import type { DatePrecision } from '../../src/schema.ts';
import { quoteExcerpt } from './printable.ts';

export type ParsedDate = { date: string; precision: DatePrecision } | { error: string };

export const MIN_YEAR = 1900;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;
const ISO_YEAR = /^(\d{4})$/;
// Date-time: the calendar day is taken as written, whatever the offset (the day the author's clock showed).
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;
// RFC 2822: `Mon, 2 Apr 2007 19:18:42 GMT`; weekday, seconds and zone optional.
const RFC_2822 =
  /^(?:[a-z]{3},\s*)?(\d{1,2})\s+([a-z]{3})\s+(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?(?:\s+(?:[a-z]{1,5}|[+-]\d{4}))?)?$/i;

/**
 * Parses `raw` into the ISO first day of its period: `YYYY-MM-DD` (day), `YYYY-MM` (month), `YYYY` or an
 * integer year (year), ISO date-times and RFC 2822 dates (day). Returns null for null, undefined or a blank
 * string; an error (quoting the value) for anything unparseable, an impossible calendar date, a year before
 * 1900, or a date after `maxDate` (ISO `YYYY-MM-DD`, e.g. today).
 */
export function parseDate(raw: unknown, maxDate: string): ParsedDate | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw)) return { error: `date ${raw} is not a year or a date string` };
    return checked(raw, 1, 1, 'year', String(raw), maxDate);
  }
  if (typeof raw !== 'string') return { error: `date must be a string, got ${describeType(raw)}` };
  const text = raw.trim();
  if (text === '') return null;

  let m = ISO_DAY.exec(text) ?? ISO_DATETIME.exec(text);
  if (m !== null) {
    if (m[4] !== undefined && !isValidTime(m[4], m[5], m[6])) return unparseable(raw);
    return checked(Number(m[1]), Number(m[2]), Number(m[3]), 'day', raw, maxDate);
  }
  m = ISO_MONTH.exec(text);
  if (m !== null) return checked(Number(m[1]), Number(m[2]), 1, 'month', raw, maxDate);
  m = ISO_YEAR.exec(text);
  if (m !== null) return checked(Number(m[1]), 1, 1, 'year', raw, maxDate);
  m = RFC_2822.exec(text);
  if (m !== null) {
    const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
    if (month === 0 || (m[4] !== undefined && !isValidTime(m[4], m[5], m[6]))) return unparseable(raw);
    return checked(Number(m[3]), month, Number(m[1]), 'day', raw, maxDate);
  }
  return unparseable(raw);
}

function checked(
  year: number,
  month: number,
  day: number,
  precision: DatePrecision,
  raw: string,
  maxDate: string,
): ParsedDate {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { error: `date ${quoteExcerpt(raw)} is not a calendar date` };
  }
  if (year < MIN_YEAR) return { error: `date ${quoteExcerpt(raw)} is before ${MIN_YEAR}` };
  const date = `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
  // Years past 9999 (a numeric 10000 or 1.5e308) have more than four digits and would sort before maxDate as text.
  if (year > 9999 || date > maxDate) {
    return { error: `date ${quoteExcerpt(raw)} is in the future (after ${maxDate}); fix it or raise --max-date` };
  }
  return { date, precision };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isValidTime(hours: string, minutes: string | undefined, seconds: string | undefined): boolean {
  return Number(hours) < 24 && Number(minutes ?? 0) < 60 && Number(seconds ?? 0) < 61;
}

function unparseable(raw: string): ParsedDate {
  return {
    error: `date ${quoteExcerpt(raw)} is not a date (expected YYYY-MM-DD, YYYY-MM, YYYY, ISO date-time or RFC 2822)`,
  };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
