import type { ParsedContinualLog } from "./continual-log.js";

/**
 * WC-ACC, worst-case accuracy (De Lange et al. 2023, §3): (1/k)·A_k(last) + (1 − 1/k)·min-ACC,
 * with k the number of tasks seen (trained) and A_k(last) the last accuracy of the last trained
 * task; just A_k(last) when k = 1. null when the last task was never evaluated or min-ACC is
 * undefined with k > 1.
 */
export function worstCaseAccuracy(log: ParsedContinualLog, minAcc: number | null): number | null {
  const k = log.trained.length;
  const last = log.trained[k - 1]!;
  const s = log.series.get(last);
  if (!s) return null;
  const lastAcc = s.accuracy[s.accuracy.length - 1]!;
  if (k === 1) return lastAcc;
  if (minAcc === null) return null;
  return lastAcc / k + (1 - 1 / k) * minAcc;
}
