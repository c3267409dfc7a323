import { ReplabError } from "../core/errors.js";
import { requireSameLength, toSample } from "./check-input.js";
import { normalSf } from "./special-functions.js";
import type { PairedTestResult } from "./paired-t-test.js";
import { rankAverage } from "./rank-average.js";

/** Exact null distribution of W⁺ for n untied, non-zero differences: counts of subsets of {1…n} by sum. */
function signedRankCounts(n: number): Float64Array {
  const max = (n * (n + 1)) / 2;
  const c = new Float64Array(max + 1);
  c[0] = 1;
  for (let k = 1; k <= n; k++) for (let s = (k * (k + 1)) / 2; s >= k; s--) c[s]! += c[s - k]!;
  return c;
}

/**
 * Wilcoxon signed-rank test, two-sided, on d = a − b with scipy's defaults
 * (`scipy.stats.wilcoxon(a, b)`: zero_method "wilcox" drops zero differences, no continuity
 * correction). Statistic T = min(W⁺, W⁻) over average ranks of |d|. p-value: exact null
 * distribution of W⁺ when n ≤ 50 and there are no zeros and no tied |d|; otherwise the normal
 * approximation z = (T − n(n+1)/4)/σ with σ² = [n(n+1)(2n+1) − ½Σ t(t²−1)]/24 (tie-corrected).
 * (scipy 1.10 also uses its exact table when |d| has ties; replab switches to the normal
 * approximation there, as the exact table assumes no ties.)
 */
export function wilcoxonSignedRank(a: ArrayLike<number>, b: ArrayLike<number>): PairedTestResult {
  const x = toSample("wilcoxonSignedRank", "a", a);
  const y = toSample("wilcoxonSignedRank", "b", b);
  requireSameLength("wilcoxonSignedRank", "a", a, "b", b);
  const all: number[] = [];
  for (let i = 0; i < x.length; i++) all.push(x[i]! - y[i]!);
  const hasZero = all.some((v) => v === 0);
  const d = all.filter((v) => v !== 0);
  if (d.length === 0) throw new ReplabError(`wilcoxonSignedRank: a − b is zero for all ${all.length} pairs; the test needs at least one non-zero difference`);
  const n = d.length;
  const { ranks, tieSizes } = rankAverage(d.map(Math.abs));
  let wPlus = 0, wMinus = 0;
  for (let i = 0; i < n; i++) { if (d[i]! > 0) wPlus += ranks[i]!; else wMinus += ranks[i]!; }
  const T = Math.min(wPlus, wMinus);
  const tied = tieSizes.some((t) => t > 1);
  if (all.length <= 50 && !hasZero && !tied) {
    const counts = signedRankCounts(n);
    const total = 2 ** n;
    const r = Math.round(wPlus);
    if (r === (counts.length - 1) / 2) return { statistic: T, pvalue: 1, n, method: "Wilcoxon signed-rank (exact)" };
    let less = 0, greater = 0;
    for (let s = 0; s <= r; s++) less += counts[s]!;
    for (let s = r; s < counts.length; s++) greater += counts[s]!;
    return { statistic: T, pvalue: Math.min(1, (2 * Math.min(less, greater)) / total), n, method: "Wilcoxon signed-rank (exact)" };
  }
  const mean = (n * (n + 1)) / 4;
  let v = n * (n + 1) * (2 * n + 1);
  for (const t of tieSizes) if (t > 1) v -= 0.5 * t * (t * t - 1);
  const z = (T - mean) / Math.sqrt(v / 24);
  return { statistic: T, pvalue: Math.min(1, 2 * normalSf(Math.abs(z))), n, method: "Wilcoxon signed-rank (normal approximation, tie-corrected)" };
}
