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
