import type { ParsedContinualLog } from "./continual-log.js";
import { meanOrNull } from "./continual-log.js";
import { checkConvention, type ContinualConvention } from "./convention.js";

/**
 * min-ACC (De Lange et al. 2023, §3; Mattdl/ContinualEvaluation): for each task i, the minimum
 * of A_i over evaluations made while a task later than i trains (`"replab"`) or while any other
 * task trains (`"continual-evaluation"`, TaskTrackingMINAccuracyPluginMetric — the same on logs
 * that evaluate only tasks seen so far); averaged over the tasks that have such evaluations.
 * null when no task has one (e.g. a single task).
 */
export function minAccuracy(log: ParsedContinualLog, convention: ContinualConvention = "replab"): number | null {
  checkConvention("minAccuracy", convention);
  const mins: number[] = [];
  for (const i of log.tasks) {
    const s = log.series.get(i)!;
    let m = Infinity;
    for (let k = 0; k < s.accuracy.length; k++) {
      const other = convention === "replab" ? s.trainTask[k]! > i : s.trainTask[k]! !== i;
      if (other) m = Math.min(m, s.accuracy[k]!);
    }
    if (m !== Infinity) mins.push(m);
  }
  return meanOrNull(mins);
}
