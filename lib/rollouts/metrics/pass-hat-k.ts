import { checkSampleCounts } from "./pass-at-k.js";

/**
 * pass^k (τ-bench, Yao et al. 2024; sierra-research/tau-bench `run.py`): the chance that k
 * samples drawn without replacement from n, of which c are correct, are *all* correct —
 * C(c, k)/C(n, k), computed as ∏_{i=0}^{k−1} (c − i)/(n − i); 0 when c < k. pass@k asks for one
 * success in k, pass^k for k in k: the gap between them is the policy's inconsistency.
 * Same as G-Pass@k with τ = 1 ({@link gPassAtK}).
 *
 * Errors (ReplabError) on non-integers, negatives, k < 1, k > n and c > n, as passAtK.
 * @example passHatK(5, 3, 2) // 0.3 = C(3,2)/C(5,2)
 */
export function passHatK(n: number, c: number, k: number): number {
  checkSampleCounts("passHatK", n, c, k);
  return passHatKUnchecked(n, c, k);
}

/** passHatK without argument checks, for inner loops whose inputs are already validated. */
export function passHatKUnchecked(n: number, c: number, k: number): number {
  if (c < k) return 0;
  let prod = 1;
  for (let i = 0; i < k; i++) prod *= (c - i) / (n - i);
  return prod;
}
