/** Period starts are ISO `YYYY-MM-DD` strings; the charts place them on a UTC time scale. */
export function parseDay(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
