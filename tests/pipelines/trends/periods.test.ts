import { describe, expect, it } from 'vitest';
import { countsAt, nextPeriodStart, periodRange, periodStart } from '../../../pipelines/trends/periods.ts';

describe('periodStart(date, granularity)', () => {
  it('starts ISO weeks on Monday, across a year boundary', () => {
    // 2021-01-01 was a Friday; its ISO week began on Monday 2020-12-28.
    expect(periodStart('2021-01-01', 'week')).toBe('2020-12-28');
    expect(periodStart('2021-01-04', 'week')).toBe('2021-01-04');
    expect(periodStart('2021-01-10', 'week')).toBe('2021-01-04');
  });

  it('maps months to their quarter start', () => {
    expect(['01', '02', '03', '04', '06', '07', '12'].map((m) => periodStart(`2024-${m}-15`, 'quarter'))).toEqual([
      '2024-01-01',
      '2024-01-01',
      '2024-01-01',
      '2024-04-01',
      '2024-04-01',
      '2024-07-01',
      '2024-10-01',
    ]);
  });

  it('maps to month and year starts', () => {
    expect(periodStart('2024-02-29', 'month')).toBe('2024-02-01');
    expect(periodStart('2024-02-29', 'year')).toBe('2024-01-01');
  });

  it('does not depend on the process time zone (tests run in America/Sao_Paulo)', () => {
    expect(process.env.TZ).toBe('America/Sao_Paulo');
    expect(periodStart('2024-03-31', 'week')).toBe('2024-03-25');
  });
});

describe('countsAt(precision, granularity)', () => {
  it('counts a date only at granularities no finer than its precision', () => {
    expect(countsAt('day', 'week')).toBe(true);
    expect(countsAt('month', 'week')).toBe(false);
    expect(countsAt('month', 'quarter')).toBe(true);
    expect(countsAt('year', 'quarter')).toBe(false);
    expect(countsAt('year', 'year')).toBe(true);
  });
});

describe('nextPeriodStart / periodRange', () => {
  it('rolls months and quarters over the year end', () => {
    expect(nextPeriodStart('2024-12-01', 'month')).toBe('2025-01-01');
    expect(nextPeriodStart('2024-10-01', 'quarter')).toBe('2025-01-01');
    expect(nextPeriodStart('2024-12-30', 'week')).toBe('2025-01-06');
  });

  it('lists every period between two dates inclusive', () => {
    expect(periodRange('2024-11-20', '2025-02-03', 'month')).toEqual([
      '2024-11-01',
      '2024-12-01',
      '2025-01-01',
      '2025-02-01',
    ]);
    expect(periodRange('2024-05-05', '2024-05-05', 'year')).toEqual(['2024-01-01']);
  });
});
