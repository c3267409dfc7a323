import { ReplabError } from "../core/errors.js";
import { requireSameLength, toSample } from "./check-input.js";
import { studentTTwoSided } from "./special-functions.js";

/** Result of a paired test. */
export interface PairedTestResult {
  statistic: number;
  pvalue: number;
  /** Number of pairs used. */
  n: number;
  /** Which test and which p-value computation produced this. */
  method: string;
}

/**
 * Paired (dependent-samples) t-test, two-sided: d_i = a_i − b_i, t = mean(d)/(sd(d)/√n) with the
 * Bessel-corrected sd, df = n − 1, p = P(|T_df| ≥ |t|). Matches `scipy.stats.ttest_rel(a, b)`.
 * Needs n ≥ 2 and differences that are not all equal.
 */
export function pairedTTest(a: ArrayLike<number>, b: ArrayLike<number>): PairedTestResult {
  const x = toSample("pairedTTest", "a", a, 2);
  const y = toSample("pairedTTest", "b", b, 2);
  requireSameLength("pairedTTest", "a", a, "b", b);
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]! - y[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) { const e = x[i]! - y[i]! - mean; ss += e * e; }
  if (ss === 0) throw new ReplabError(`pairedTTest: a − b has the same value (${mean}) for all ${n} pairs, so its standard deviation is 0 and t is undefined; use a test that handles constant differences, or check the inputs`);
  const se = Math.sqrt(ss / (n - 1) / n);
  const t = mean / se;
  return { statistic: t, pvalue: Math.min(1, studentTTwoSided(t, n - 1)), n, method: "paired t-test (two-sided, Student t with n−1 df)" };
}
