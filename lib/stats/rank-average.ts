import { requireFiniteArray } from "../core/errors.js";

/**
 * Ranks 1…n with ties given their average rank (scipy.stats.rankdata's "average" method), and
 * the sizes of the tie groups.
 */
export function rankAverage(values: ArrayLike<number>): { ranks: Float64Array; tieSizes: number[] } {
  requireFiniteArray("rankAverage", "values", values);
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => values[p]! - values[q]!);
  const ranks = new Float64Array(n);
  const tieSizes: number[] = [];
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]!] === values[order[i]!]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]!] = r;
    tieSizes.push(j - i + 1);
    i = j + 1;
  }
  return { ranks, tieSizes };
}
