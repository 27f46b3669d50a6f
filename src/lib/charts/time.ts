import { scaleUtc, utcYear } from 'd3';
import type { Granularity } from '../../schema.ts';

/** Period starts are ISO `YYYY-MM-DD` strings; the charts place them on a UTC time scale. */
export function parseDay(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Where each point of a series over `dates` is drawn on the scale `x`. One period alone would be a zero-width area,
 * an empty-looking chart: it is drawn as a band `bandPx` wide centred on its date, from two points (use
 * `widenSingle` on the values).
 */
export function periodXs(dates: readonly Date[], x: (date: Date) => number, bandPx: number): number[] {
  if (dates.length !== 1) return dates.map(x);
  const cx = x(dates[0]!);
  return [cx - bandPx / 2, cx + bandPx / 2];
}

/** The values of a one-period series twice, to match `periodXs`; other series as they are. */
export function widenSingle<T>(values: readonly T[]): T[] {
  return values.length === 1 ? [values[0]!, values[0]!] : [...values];
}

/** SVG path data of a circle of radius `r` at (cx, cy): the point marker of a one-period line, inside its path. */
export function ringPath(cx: number, cy: number, r: number): string {
  return `M${cx - r},${cy}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
}

/**
 * Ticks of a time axis showing periods of `granularity`: at most about `maxTicks`, each on a period start. A year
 * view gets only 1 January ticks (every 1, 2, 5, 10... years), never months, so no year is labelled twice.
 */
export function periodTicks(domain: readonly [Date, Date], granularity: Granularity, maxTicks: number): Date[] {
  const [start, end] = domain[0] <= domain[1] ? domain : [domain[1], domain[0]];
  if (granularity !== 'year') return scaleUtc().domain([start, end]).ticks(Math.max(2, maxTicks));
  const years = end.getUTCFullYear() - start.getUTCFullYear() + 1;
  const step = [1, 2, 5, 10, 20, 50, 100].find((s) => Math.ceil(years / s) <= Math.max(1, maxTicks)) ?? 100;
  // Offsetting to the inclusive end keeps the last year: utcYear.range excludes its stop.
  return utcYear.every(step)!.range(utcYear.floor(start), new Date(end.getTime() + 1));
}

/** A tick's text: the year on 1 January (and always in a year view), else the month's short name (and day). */
export function tickLabel(date: Date, granularity: Granularity): string {
  if (granularity === 'year' || (date.getUTCMonth() === 0 && date.getUTCDate() === 1))
    return String(date.getUTCFullYear());
  const month = date.toLocaleString('en', { month: 'short', timeZone: 'UTC' });
  // Week ticks fall inside a month: the day tells them apart.
  return date.getUTCDate() === 1 ? month : `${month} ${date.getUTCDate()}`;
}
