import type { ParsedContinualLog } from "./continual-log.js";
import { meanOrNull } from "./continual-log.js";
import { checkConvention, type ContinualConvention } from "./convention.js";

/**
 * WC-ACC, worst-case accuracy (De Lange et al. 2023, §3).
 * `"replab"`: (1/k)·A_k(last) + (1 − 1/k)·min-ACC, with k the number of tasks seen (trained) and
 * A_k(last) the last accuracy of the last trained task; just A_k(last) when k = 1; null when the
 * last task was never evaluated or min-ACC is undefined with k > 1.
 * `"continual-evaluation"` (WCACCPluginMetric): replaying the log in order (iteration, trained
 * task, evaluated task), at each evaluation of the task being trained, the mean of its accuracy
 * and the running min-ACC of every other task evaluated while another task trained; the last
 * such value (null if the trained task is never evaluated). The two agree when each earlier task
 * has a min-ACC; they differ when one has none (the plugin then averages over fewer tasks).
 * `minAcc` is min-ACC in the replab convention (unused in the other).
 */
export function worstCaseAccuracy(log: ParsedContinualLog, minAcc: number | null, convention: ContinualConvention = "replab"): number | null {
  checkConvention("worstCaseAccuracy", convention);
  if (convention === "continual-evaluation") return replayWcAcc(log);
  const k = log.trained.length;
  const last = log.trained[k - 1]!;
  const s = log.series.get(last);
  if (!s) return null;
  const lastAcc = s.accuracy[s.accuracy.length - 1]!;
  if (k === 1) return lastAcc;
  if (minAcc === null) return null;
  return lastAcc / k + (1 - 1 / k) * minAcc;
}

function replayWcAcc(log: ParsedContinualLog): number | null {
  const rows: Array<{ iteration: number; trainTask: number; evalTask: number; accuracy: number; k: number }> = [];
  for (const s of log.series.values()) s.accuracy.forEach((accuracy, k) => rows.push({ iteration: s.iteration[k]!, trainTask: s.trainTask[k]!, evalTask: s.task, accuracy, k }));
  rows.sort((a, b) => a.iteration - b.iteration || a.trainTask - b.trainTask || a.evalTask - b.evalTask || a.k - b.k);
  const mins = new Map<number, number>();
  let wc: number | null = null;
  for (const r of rows) {
    if (r.evalTask !== r.trainTask) { mins.set(r.evalTask, Math.min(mins.get(r.evalTask) ?? Infinity, r.accuracy)); continue; }
    wc = meanOrNull([r.accuracy, ...[...mins].filter(([t]) => t !== r.trainTask).map(([, m]) => m)]);
  }
  return wc;
}
