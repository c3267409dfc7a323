import { require_ } from "../../core/index.js";
import { hypergeomPmf, hypergeomSf } from "../../stats/index.js";
import { checkSampleCounts } from "./pass-at-k.js";

/**
 * G-Pass@k_τ (Liu et al. 2025, "Are Your LLMs Capable of Stable Reasoning?", arXiv 2412.13147;
 * open-compass/GPassK `compute_g_pass_at_k`): the chance that at least m = max(1, ⌈τ·k⌉) of k
 * samples drawn without replacement from n, c of them correct, are correct —
 * P[X ≥ m] = Σ_{j=m}^{min(c,k)} C(c, j)·C(n − c, k − j)/C(n, k), X hypergeometric (scipy's
 * `hypergeom.sf(m − 1, n, c, k)`). τ = 0 is pass@k, τ = 1 is pass^k. ⌈τ·k⌉ is taken in floating
 * point as the reference code does (τ = 0.7, k = 10: 7.000000000000001 → m = 8).
 *
 * Errors (ReplabError) on bad n, c, k (as passAtK) and on τ outside [0, 1].
 * @example gPassAtK(5, 3, 2, 0.5) // 0.9 (at least one of two right)
 */
export function gPassAtK(n: number, c: number, k: number, tau: number): number {
  checkSampleCounts("gPassAtK", n, c, k);
  require_(typeof tau === "number" && tau >= 0 && tau <= 1, "gPassAtK", "tau", tau, "is not in [0, 1]", "pass the share of the k samples that must be right, e.g. 0.5");
  return hypergeomSf(Math.max(Math.ceil(k * tau), 1) - 1, n, c, k);
}

/**
 * mG-Pass@k (Liu et al. 2025; open-compass/GPassK `compute_mg_pass_at_k`): G-Pass@k_τ averaged
 * over τ ∈ (0.5, 1] in the paper's discrete form, 2/k · Σ_{i=⌈k/2⌉+1}^{k} P[X ≥ i], X
 * hypergeometric as in {@link gPassAtK}. 0 for k = 1 (the sum is empty).
 *
 * Errors (ReplabError) on bad n, c, k, as passAtK.
 */
export function mGPassAtK(n: number, c: number, k: number): number {
  checkSampleCounts("mGPassAtK", n, c, k);
  const { jMin, pmf } = hypergeomPmf(n, c, k);
  const low = Math.ceil(k * 0.5);
  // Σ_{i=low+1}^{k} P[X ≥ i] = Σ_j P[X = j]·(number of i in (low, k] with i ≤ j) = Σ_j P[X = j]·max(0, j − low)
  let s = 0;
  for (let t = 0; t < pmf.length; t++) s += pmf[t]! * Math.max(0, jMin + t - low);
  return (2 * s) / k;
}
