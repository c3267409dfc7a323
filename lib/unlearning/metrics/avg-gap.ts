import { ReplabError, describeValue } from "../../core/errors.js";

/**
 * Avg. Gap (SalUn, Fan et al. 2024, Table 1): the mean absolute difference between a method's
 * metrics and the retrained model's, (1/|M|) Σ_{m∈M} |m − m_retrain|, over M = UA, RA, TA, MIA
 * by default. Lower = closer to exact unlearning.
 */
export function avgGap(metrics: Record<string, number>, retrain: Record<string, number>, keys: readonly string[] = ["UA", "RA", "TA", "MIA"]): number {
  if (keys.length === 0) throw new ReplabError("avgGap: keys=array of length 0 is empty; name at least one metric");
  let s = 0;
  for (const k of keys) {
    const a = metrics[k], b = retrain[k];
    if (typeof a !== "number" || !Number.isFinite(a)) throw new ReplabError(`avgGap: metrics.${k}=${describeValue(a)} is not a finite number; pass every metric in keys (${keys.join(", ")})`);
    if (typeof b !== "number" || !Number.isFinite(b)) throw new ReplabError(`avgGap: retrain.${k}=${describeValue(b)} is not a finite number; pass the retrained model's ${keys.join(", ")}`);
    s += Math.abs(a - b);
  }
  return s / keys.length;
}
