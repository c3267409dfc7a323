import { require_ } from "../core/errors.js";
import { toSample } from "./check-input.js";
import { sortFloat64 } from "./sort-float64.js";
import { kolmogorovSf } from "./kolmogorov-distribution.js";
import { roundHalfEven } from "./round-half-even.js";
import { ksProbOutsideInside, ksProbOutsideSquare } from "./ks-2samp-exact.js";

/** Result of the two-sample Kolmogorov–Smirnov test. */
export interface Ks2SampResult {
  /** D = sup_x |F_a(x) − F_b(x)|. */
  statistic: number;
  /** Two-sided p-value. */
  pvalue: number;
  /** The method that produced the p-value: "exact" or "asymp" (as scipy's `method="auto"` picks). */
  method: "exact" | "asymp";
  /** The data value at which D is attained (as scipy's `statistic_location`). */
  statisticLocation: number;
  /** +1 when F_a − F_b is largest there, −1 when F_b − F_a is (scipy's `statistic_sign`). */
  statisticSign: 1 | -1;
}

const gcd = (a: number, b: number): number => { while (b) [a, b] = [b, a % b]; return a; };

/**
 * Two-sample Kolmogorov–Smirnov test, two-sided, matching `scipy.stats.ks_2samp(a, b)` with its
 * defaults (`alternative="two-sided"`, `method="auto"`): D = sup_x |F_a(x) − F_b(x)| with
 * right-continuous empirical CDFs (ties handled as scipy's `searchsorted(side="right")`).
 * p-value: exact lattice-path count (Hodges 1958; Viehmann 2021) when max(n_a, n_b) ≤ 10 000,
 * else the asymptotic `kstwo.sf(D, round(n_a·n_b/(n_a+n_b)))`; if the exact count fails
 * numerically, falls back to the asymptotic one as scipy does.
 * Sorting uses the native typed-array sort; the rest is one merge pass.
 */
export function ks2samp(a: ArrayLike<number>, b: ArrayLike<number>): Ks2SampResult {
  const x1 = sortFloat64(Float64Array.from(toSample("ks2samp", "a", a)));
  const x2 = sortFloat64(Float64Array.from(toSample("ks2samp", "b", b)));
  const n1 = x1.length, n2 = x2.length;
  // Walk the distinct values; at each, cdf1 − cdf2 after all values ≤ it.
  let i = 0, j = 0;
  let maxS = -Infinity, minD = Infinity;
  let locMax1 = NaN, locMax2 = NaN, locMin1 = NaN, locMin2 = NaN;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && x1[i]! <= x2[j]!) ? x1[i]! : x2[j]!;
    const in1 = i < n1 && x1[i] === v;
    const in2 = j < n2 && x2[j] === v;
    while (i < n1 && x1[i] === v) i++;
    while (j < n2 && x2[j] === v) j++;
    const diff = i / n1 - j / n2;
    // np.argmax/argmin return the first index in concat(sorted a, sorted b): prefer a's smallest value.
    if (diff > maxS) { maxS = diff; locMax1 = in1 ? v : NaN; locMax2 = in1 ? NaN : v; }
    else if (diff === maxS) { if (in1 && Number.isNaN(locMax1)) locMax1 = v; if (in2 && Number.isNaN(locMax2) && Number.isNaN(locMax1)) locMax2 = v; }
    if (diff < minD) { minD = diff; locMin1 = in1 ? v : NaN; locMin2 = in1 ? NaN : v; }
    else if (diff === minD) { if (in1 && Number.isNaN(locMin1)) locMin1 = v; if (in2 && Number.isNaN(locMin2) && Number.isNaN(locMin1)) locMin2 = v; }
  }
  const minS = Math.min(Math.max(-minD, 0), 1);
  let d: number, loc: number, sign: 1 | -1;
  if (minS > maxS) { d = minS; loc = Number.isNaN(locMin1) ? locMin2 : locMin1; sign = -1; }
  else { d = maxS; loc = Number.isNaN(locMax1) ? locMax2 : locMax1; sign = 1; }
  const g = gcd(n1, n2);
  let method: "exact" | "asymp" = Math.max(n1, n2) <= 10000 ? "exact" : "asymp";
  let prob = NaN;
  if (method === "exact") {
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    d = h / lcm;
    if (h === 0) prob = 1;
    else {
      prob = n1 === n2 ? ksProbOutsideSquare(n1, h) : ksProbOutsideInside(n1, n2, g, h);
      if (!(prob >= 0 && prob <= 1) || !Number.isFinite(prob)) method = "asymp";
    }
  }
  if (method === "asymp") {
    const en = (n1 * n2) / (n1 + n2);
    prob = kolmogorovSf(roundHalfEven(en), d);
  }
  require_(Number.isFinite(prob), "ks2samp", "a", a, "gave a non-finite p-value", "report this input as a bug");
  return { statistic: d, pvalue: Math.min(Math.max(prob, 0), 1), method, statisticLocation: loc, statisticSign: sign };
}
