import { require_ } from "../core/errors.js";
import { toSample } from "./check-input.js";
import { studentTTwoSided } from "./special-functions.js";

/** A confidence interval for a mean. */
export interface MeanInterval {
  /** The sample mean. */
  estimate: number;
  low: number;
  high: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
  /** Number of values. */
  n: number;
  /** The standard error s/√n (Bessel-corrected s). */
  standardError: number;
  method: "student-t";
}

/**
 * Quantile of Student's t distribution with `df` degrees of freedom: the t with P(T ≤ t) = p.
 * Solved by bisection on the two-sided tail P(|T| ≥ t) = I_{df/(df+t²)}(df/2, ½) to machine
 * precision. Matches `scipy.stats.t.ppf(p, df)`.
 */
export function studentTQuantile(p: number, df: number): number {
  require_(typeof p === "number" && p > 0 && p < 1, "studentTQuantile", "p", p, "is not in (0, 1)", "pass a probability strictly between 0 and 1");
  require_(typeof df === "number" && df > 0 && Number.isFinite(df), "studentTQuantile", "df", df, "is not a positive finite number", "pass the degrees of freedom, e.g. n − 1");
  if (p === 0.5) return 0;
  const upper = p > 0.5;
  const tail = 2 * (upper ? 1 - p : p); // P(|T| ≥ t) for the t we want
  let lo = 0, hi = 1;
  while (studentTTwoSided(hi, df) > tail) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTTwoSided(mid, df) > tail) lo = mid;
    else hi = mid;
  }
  const t = (lo + hi) / 2;
  return upper ? t : -t;
}

/**
 * Student-t confidence interval for the mean of `values`: x̄ ± t_{(1+level)/2, n−1} · s/√n, with
 * the Bessel-corrected s. Matches `scipy.stats.t.interval(level, n − 1, loc=mean, scale=sem)`.
 * On paired differences (one per seed) it is the interval that goes with the paired t-test.
 * Needs n ≥ 2; when all values are equal the interval is the single point.
 */
export function meanInterval(values: ArrayLike<number>, options: { level?: number } = {}): MeanInterval {
  const x = toSample("meanInterval", "values", values, 2);
  const level = options.level ?? 0.95;
  require_(typeof level === "number" && level > 0 && level < 1, "meanInterval", "level", level, "is not in (0, 1)", "pass a confidence level such as 0.95");
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i]! - mean) ** 2;
  const se = Math.sqrt(ss / (n - 1) / n);
  const half = se === 0 ? 0 : studentTQuantile((1 + level) / 2, n - 1) * se;
  return { estimate: mean, low: mean - half, high: mean + half, level, n, standardError: se, method: "student-t" };
}
