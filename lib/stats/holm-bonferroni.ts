import { ReplabError, describeValue } from "../core/errors.js";

/**
 * Holm–Bonferroni step-down adjusted p-values (Holm 1979): sort p ascending,
 * p̃_(i) = min(1, max_{j ≤ i} (m − j + 1)·p_(j)), returned in the input order. Reject H_i at level
 * α when p̃_i ≤ α; this controls the family-wise error rate. Same as statsmodels'
 * `multipletests(p, method="holm")[1]`.
 */
export function holmBonferroni(pvalues: ArrayLike<number>): number[] {
  const m = pvalues.length;
  if (m === 0) throw new ReplabError("holmBonferroni: pvalues=array of length 0 is empty; pass at least one p-value");
  for (let i = 0; i < m; i++) {
    const p = pvalues[i]!;
    if (!(typeof p === "number" && p >= 0 && p <= 1)) throw new ReplabError(`holmBonferroni: pvalues[${i}]=${describeValue(p)} is not a probability in [0, 1]; pass p-values`);
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => pvalues[a]! - pvalues[b]!);
  const out = new Array<number>(m);
  let running = 0;
  for (let r = 0; r < m; r++) {
    const i = order[r]!;
    running = Math.max(running, Math.min(1, (m - r) * pvalues[i]!));
    out[i] = running;
  }
  return out;
}
