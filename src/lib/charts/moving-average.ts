/**
 * Trailing moving average over `window` periods: out[i] = mean(values[max(0, i - window + 1) .. i]).
 * The first points average over the periods available, so the series keeps its length. O(n).
 */
export function movingAverage(values: readonly number[], window: number): number[] {
  if (window <= 1) return values.slice();
  const out: number[] = [];
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i] ?? 0;
    if (i >= window) sum -= values[i - window] ?? 0;
    out.push(sum / Math.min(i + 1, window));
  }
  return out;
}
