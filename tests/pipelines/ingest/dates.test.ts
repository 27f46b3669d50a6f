import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../pipelines/ingest/dates.ts';

const MAX = '2025-12-31';

describe('parseDate(raw, maxDate)', () => {
  it('runs under a non-UTC time zone (pinned by the test config)', () => {
    expect(process.env.TZ).toBe('America/Sao_Paulo');
  });

  it('returns null for null, undefined, empty and blank strings', () => {
    expect([null, undefined, '', '   '].map((raw) => parseDate(raw, MAX))).toEqual([null, null, null, null]);
  });

  it('reads YYYY-MM-DD at day precision', () => {
    expect(parseDate('2021-05-03', MAX)).toEqual({ date: '2021-05-03', precision: 'day' });
  });

  it('reads YYYY-MM as the first of the month, month precision', () => {
    expect(parseDate('2021-05', MAX)).toEqual({ date: '2021-05-01', precision: 'month' });
  });

  it('reads YYYY and an integer year as January 1, year precision', () => {
    expect(parseDate('1999', MAX)).toEqual({ date: '1999-01-01', precision: 'year' });
    expect(parseDate(1999, MAX)).toEqual({ date: '1999-01-01', precision: 'year' });
  });

  it('takes the calendar day of an ISO date-time as written, whatever its offset', () => {
    expect(parseDate('2025-10-09T17:59:59Z', MAX)).toEqual({ date: '2025-10-09', precision: 'day' });
    expect(parseDate('2021-01-01T00:30:00+02:00', MAX)).toEqual({ date: '2021-01-01', precision: 'day' });
    expect(parseDate('2021-01-01T23:30:00.123-03:00', MAX)).toEqual({ date: '2021-01-01', precision: 'day' });
    expect(parseDate('2021-01-01 23:30', MAX)).toEqual({ date: '2021-01-01', precision: 'day' });
  });

  it('reads RFC 2822 dates (arXiv versions[].created), with or without weekday and time', () => {
    expect(parseDate('Mon, 2 Apr 2007 19:18:42 GMT', MAX)).toEqual({ date: '2007-04-02', precision: 'day' });
    expect(parseDate('Sat, 31 Mar 2007 23:59:59 GMT', MAX)).toEqual({ date: '2007-03-31', precision: 'day' });
    expect(parseDate('2 Apr 2007', MAX)).toEqual({ date: '2007-04-02', precision: 'day' });
    expect(parseDate('Tue, 10 Jul 2007 04:05:06 +0200', MAX)).toEqual({ date: '2007-07-10', precision: 'day' });
  });

  it('accepts February 29 of a leap year and rejects it otherwise', () => {
    expect(parseDate('2024-02-29', MAX)).toEqual({ date: '2024-02-29', precision: 'day' });
    expect(parseDate('2000-02-29', MAX)).toEqual({ date: '2000-02-29', precision: 'day' });
    expect(parseDate('1900-02-29', MAX)).toEqual({ error: 'date "1900-02-29" is not a calendar date' });
  });

  it('rejects impossible calendar dates, quoting the value', () => {
    expect(parseDate('2021-02-30', MAX)).toEqual({ error: 'date "2021-02-30" is not a calendar date' });
    expect(parseDate('2021-13', MAX)).toEqual({ error: 'date "2021-13" is not a calendar date' });
    expect(parseDate('31 Apr 2007', MAX)).toEqual({ error: 'date "31 Apr 2007" is not a calendar date' });
  });

  it('rejects years before 1900', () => {
    expect(parseDate('1899-12-31', MAX)).toEqual({ error: 'date "1899-12-31" is before 1900' });
  });

  it('rejects dates after maxDate and accepts maxDate itself', () => {
    expect(parseDate('2025-12-31', MAX)).toEqual({ date: '2025-12-31', precision: 'day' });
    expect(parseDate('2026-01-01', MAX)).toEqual({
      error: 'date "2026-01-01" is in the future (after 2025-12-31); fix it or raise --max-date',
    });
  });

  it('rejects integer years past 9999 as future (they sort before maxDate as text)', () => {
    expect(parseDate(10000, MAX)).toEqual({
      error: 'date "10000" is in the future (after 2025-12-31); fix it or raise --max-date',
    });
    expect(parseDate(1.5e308, MAX)).toEqual({
      error: 'date "1.5e+308" is in the future (after 2025-12-31); fix it or raise --max-date',
    });
  });

  it('compares a coarse date by its first day: the current month and year are not in the future', () => {
    expect(parseDate('2025-12', '2025-12-05')).toEqual({ date: '2025-12-01', precision: 'month' });
    expect(parseDate('2025', '2025-12-05')).toEqual({ date: '2025-01-01', precision: 'year' });
  });

  it('rejects unparseable text, quoting the value and the accepted forms', () => {
    expect(parseDate('last Tuesday', MAX)).toEqual({
      error: 'date "last Tuesday" is not a date (expected YYYY-MM-DD, YYYY-MM, YYYY, ISO date-time or RFC 2822)',
    });
    expect(parseDate('2021/05/03', MAX)).toHaveProperty('error');
    expect(parseDate('2021-05-03T25:00:00Z', MAX)).toHaveProperty('error');
    expect(parseDate('Mon, 2 Foo 2007', MAX)).toHaveProperty('error');
  });

  it('rejects non-string values other than integer years', () => {
    expect(parseDate(true, MAX)).toEqual({ error: 'date must be a string, got boolean true' });
    expect(parseDate({ y: 1 }, MAX)).toEqual({ error: 'date must be a string, got an object' });
    expect(parseDate(2021.5, MAX)).toEqual({ error: 'date 2021.5 is not a year or a date string' });
  });
});
