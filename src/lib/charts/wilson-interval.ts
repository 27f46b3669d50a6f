/**
 * The Wilson score interval of a proportion (Wilson 1927), which keeps its coverage for small n and for p̂ near 0
 * or 1 where the textbook p̂ ± z·sqrt(p̂(1 − p̂)/n) collapses to a point (Brown, Cai & DasGupta 2001). For x of n:
 *
 *   centre = (p̂ + z²/2n) / (1 + z²/n)      half = z / (1 + z²/n) · sqrt(p̂(1 − p̂)/n + z²/4n²)
 *
 * Bounds lie in [0, 1] and contain p̂; with n = 0 nothing is known and the interval is [0, 1]. O(1).
 */

/** The two-sided 95% normal quantile. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  lower: number;
  upper: number;
}

/** The interval of `x` successes in `n` trials (0 <= x <= n) at the normal quantile `z` (default 95%). */
export function wilsonInterval(x: number, n: number, z = Z_95): Interval {
  if (n <= 0) return { lower: 0, upper: 1 };
  const p = x / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Rounding can put a bound a hair past 0, 1 or p̂ itself (x = 0 gives centre − half = 0 exactly on paper).
  return { lower: Math.min(p, Math.max(0, centre - half)), upper: Math.max(p, Math.min(1, centre + half)) };
}
