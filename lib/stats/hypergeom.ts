import { requireInteger, require_ } from "../core/errors.js";

/**
 * The probabilities P[X = j] of a hypergeometric X (k draws without replacement from n items of
 * which c are successes) for j = jMin…jMax, jMin = max(0, k − (n − c)), jMax = min(c, k), without
 * argument checks: weights from the ratio P[j+1]/P[j] = (c − j)(k − j)/((j + 1)(n − c − k + j + 1))
 * taken outward from the mode (weight 1), then normalised — no factorials, no overflow.
 */
export function hypergeomPmfUnchecked(n: number, c: number, k: number): { jMin: number; pmf: Float64Array } {
  const jMin = Math.max(0, k - (n - c)), jMax = Math.min(c, k);
  const pmf = new Float64Array(jMax - jMin + 1);
  const mode = Math.min(jMax, Math.max(jMin, Math.floor(((k + 1) * (c + 1)) / (n + 2))));
  pmf[mode - jMin] = 1;
  let total = 1;
  for (let j = mode; j < jMax; j++) { const w = pmf[j - jMin]! * ((c - j) * (k - j)) / ((j + 1) * (n - c - k + j + 1)); pmf[j + 1 - jMin] = w; total += w; }
  for (let j = mode; j > jMin; j--) { const w = pmf[j - jMin]! * (j * (n - c - k + j)) / ((c - j + 1) * (k - j + 1)); pmf[j - 1 - jMin] = w; total += w; }
  for (let i = 0; i < pmf.length; i++) pmf[i]! /= total;
  return { jMin, pmf };
}

/**
 * Survival function P[X > x] of the hypergeometric distribution with population `M`, `n`
 * successes and `N` draws — scipy.stats.hypergeom.sf(x, M, n, N), in scipy's argument order.
 * Summed from the smaller tail so that tiny tails keep their relative precision.
 */
export function hypergeomSf(x: number, M: number, n: number, N: number): number {
  requireInteger("hypergeomSf", "M", M, 0);
  requireInteger("hypergeomSf", "n", n, 0);
  requireInteger("hypergeomSf", "N", N, 0);
  require_(n <= M, "hypergeomSf", "n", n, `exceeds the population M=${M}`, "the successes are part of the population, so n ≤ M");
  require_(N <= M, "hypergeomSf", "N", N, `exceeds the population M=${M}`, "draw at most M items");
  require_(typeof x === "number" && !Number.isNaN(x), "hypergeomSf", "x", x, "is not a number", "pass the count to exceed");
  return hypergeomTailUnchecked(M, n, N, Math.floor(x) + 1);
}

/** P[X ≥ m] for X hypergeometric (population n, c successes, k draws), without argument checks. */
export function hypergeomTailUnchecked(n: number, c: number, k: number, m: number): number {
  const { jMin, pmf } = hypergeomPmfUnchecked(n, c, k);
  const from = m - jMin;
  if (from <= 0) return 1;
  if (from >= pmf.length) return 0;
  let upper = 0, lower = 0;
  for (let i = 0; i < pmf.length; i++) { if (i >= from) upper += pmf[i]!; else lower += pmf[i]!; }
  return upper <= lower ? upper : 1 - lower;
}
