import { require_, requireInteger } from "../../core/index.js";

/**
 * Unbiased pass@k estimator (Chen et al. 2021, "Evaluating Large Language Models Trained on
 * Code", openai/human-eval `estimate_pass_at_k`): with n samples of which c are correct,
 * pass@k = 1 − C(n−c, k)/C(n, k), computed in the numerically stable product form
 * 1 − ∏_{i=n−c+1}^{n} (1 − k/i). Exactly 1 when n − c < k.
 *
 * Errors (ReplabError) on non-integers, negatives, k < 1, k > n and c > n.
 * @example passAtK(10, 3, 1) // 0.3
 */
export function passAtK(n: number, c: number, k: number): number {
  checkSampleCounts("passAtK", n, c, k);
  return passAtKUnchecked(n, c, k);
}

/**
 * The argument checks of the pass@k family: n ≥ 1, 0 ≤ c ≤ n and 1 ≤ k ≤ n, all whole numbers;
 * each failure is a ReplabError naming `where`, the argument (with `index`, e.g. "[3]", for the
 * element of an array) and the fix.
 */
export function checkSampleCounts(where: string, n: number, c: number, k: number, index = ""): void {
  requireInteger(where, `n${index}`, n, 1);
  requireInteger(where, `c${index}`, c, 0);
  requireInteger(where, `k${index}`, k, 1);
  require_(k <= n, where, `k${index}`, k, `exceeds n=${n} samples`, "use k ≤ n (draw more samples or lower k)");
  require_(c <= n, where, `c${index}`, c, `exceeds n=${n} samples`, "c counts correct samples among the n, so c ≤ n");
}

/** passAtK without argument checks, for inner loops whose inputs are already validated. */
export function passAtKUnchecked(n: number, c: number, k: number): number {
  if (n - c < k) return 1;
  let prod = 1;
  for (let i = n - c + 1; i <= n; i++) prod *= 1 - k / i;
  return 1 - prod;
}

/**
 * pass@k for many (n, c, k) triples at once (same estimator as {@link passAtK}), checking each
 * triple; returns a Float64Array.
 */
export function passAtKMany(n: ArrayLike<number>, c: ArrayLike<number>, k: ArrayLike<number>): Float64Array {
  require_(n.length === c.length && n.length === k.length, "passAtKMany", "c", c, `has length ${c.length} but n has ${n.length} and k has ${k.length}`, "pass arrays of equal length");
  const out = new Float64Array(n.length);
  for (let i = 0; i < n.length; i++) {
    const ni = n[i]!, ci = c[i]!, ki = k[i]!;
    if (!(Number.isInteger(ni) && Number.isInteger(ci) && Number.isInteger(ki) && ki >= 1 && ci >= 0 && ki <= ni && ci <= ni)) {
      checkSampleCounts("passAtKMany", ni, ci, ki, `[${i}]`); // throws the precise error
    }
    out[i] = passAtKUnchecked(ni, ci, ki);
  }
  return out;
}

/**
 * Exact pass@k of a policy whose probability of a correct answer on a prompt is `p`:
 * 1 − (1 − p)^k (the limit of the unbiased estimator as n → ∞). Computed as −expm1(k·log1p(−p)),
 * which keeps precision for small p.
 */
export function passAtKFromProbability(p: number, k: number): number {
  require_(typeof p === "number" && p >= 0 && p <= 1, "passAtKFromProbability", "p", p, "is not a probability in [0, 1]", "pass the probability of a correct sample");
  requireInteger("passAtKFromProbability", "k", k, 1);
  if (p === 1) return 1;
  return -Math.expm1(k * Math.log1p(-p));
}
