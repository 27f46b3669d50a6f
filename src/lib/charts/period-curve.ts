/**
 * The curve drawn between periods: monotone (no overshoot) where periods lie far enough apart for a curve to show,
 * straight segments where they lie closer than `MIN_CURVE_PX` (a 1M-document corpus from 1963 spans 760 months, under
 * 2 px each). Both stay inside the box between two neighbouring points, so there they differ by less than the spacing
 * across, while the curve's path data is about three times longer to write, parse and paint on every brush and toggle.
 */
import { curveLinear, curveMonotoneX, type CurveFactory } from 'd3';

export const MIN_CURVE_PX = 4;

/** The curve for points at `xs` (increasing): straight when their mean spacing is under `MIN_CURVE_PX`. */
export function periodCurve(xs: readonly number[]): CurveFactory {
  if (xs.length < 3) return curveMonotoneX;
  const spacing = (xs[xs.length - 1]! - xs[0]!) / (xs.length - 1);
  return spacing < MIN_CURVE_PX ? curveLinear : curveMonotoneX;
}
