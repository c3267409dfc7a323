import { requireFinite, requireInteger, require_ } from "../core/errors.js";

/**
 * Every probability of the hypergeometric distribution with population `M`, `n` successes and `N`
 * draws: `pmf[j − jMin]` = P[X = j] = scipy.stats.hypergeom.pmf(j, M, n, N) for j from
 * jMin = max(0, N − (M − n)) to min(n, N). Weights come from the ratio
 * P[j+1]/P[j] = (n − j)(N − j)/((j + 1)(M − n − N + j + 1)) taken outward from the mode, then are
 * normalised — no factorials, no overflow.
 */
export function hypergeomPmf(M: number, n: number, N: number): { jMin: number; pmf: Float64Array } {
  checkHypergeom("hypergeomPmf", M, n, N);
  return hypergeomPmfUnchecked(M, n, N);
}

function checkHypergeom(where: string, M: number, n: number, N: number): void {
  requireInteger(where, "M", M, 0);
  requireInteger(where, "n", n, 0);
  requireInteger(where, "N", N, 0);
  require_(n <= M, where, "n", n, `exceeds the population M=${M}`, "the successes are part of the population, so n ≤ M");
  require_(N <= M, where, "N", N, `exceeds the population M=${M}`, "draw at most M items");
}

/** {@link hypergeomPmf} without argument checks (population n, c successes, k draws). */
function hypergeomPmfUnchecked(n: number, c: number, k: number): { jMin: number; pmf: Float64Array } {
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
  checkHypergeom("hypergeomSf", M, n, N);
  requireFinite("hypergeomSf", "x", x);
  return hypergeomTailUnchecked(M, n, N, Math.floor(x) + 1);
}

/** P[X ≥ m] for X hypergeometric (population n, c successes, k draws), without argument checks. */
function hypergeomTailUnchecked(n: number, c: number, k: number, m: number): number {
  const { jMin, pmf } = hypergeomPmfUnchecked(n, c, k);
  const from = m - jMin;
  if (from <= 0) return 1;
  if (from >= pmf.length) return 0;
  let upper = 0, lower = 0;
  for (let i = 0; i < pmf.length; i++) { if (i >= from) upper += pmf[i]!; else lower += pmf[i]!; }
  return upper <= lower ? upper : 1 - lower;
}
