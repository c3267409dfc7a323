import { toSample } from "./check-input.js";
import { requireFinite, require_ } from "../core/errors.js";

/**
 * The q-quantile with linear interpolation between order statistics (Hyndman & Fan type 7,
 * numpy's default `np.percentile(x, 100q)`): h = (n−1)q, x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)).
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  const x = Float64Array.from(toSample("quantile", "values", values)).sort();
  requireFinite("quantile", "q", q);
  require_(q >= 0 && q <= 1, "quantile", "q", q, "is outside [0, 1]", "pass a probability such as 0.025");
  const h = (x.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, x.length - 1);
  return x[lo]! + (h - lo) * (x[hi]! - x[lo]!);
}
