import { requireInteger } from "../../core/errors.js";
import type { ParsedContinualLog } from "./continual-log.js";
import { meanOrNull } from "./continual-log.js";
import { checkConvention, type ContinualConvention } from "./convention.js";

/**
 * LCA_β, learning curve area (Chaudhry et al. 2019, "Efficient lifelong learning with A-GEM"),
 * as De Lange et al. use it: the mean of each task's first β evaluations, averaged over tasks.
 * `"replab"`: all of a task's evaluations count, and a task with fewer than β is averaged over
 * those it has. `"continual-evaluation"` (TrackingLCAPluginMetric): only evaluations made while
 * the task itself trains count, and a task with fewer than β of them is left out (null when
 * every task is).
 */
export function learningCurveArea(log: ParsedContinualLog, beta: number, convention: ContinualConvention = "replab"): number | null {
  requireInteger("learningCurveArea", "lcaBeta", beta, 1);
  checkConvention("learningCurveArea", convention);
  if (convention === "replab") return meanOrNull(log.tasks.map((i) => meanOrNull(log.series.get(i)!.accuracy.slice(0, beta))!));
  const perTask: number[] = [];
  for (const i of log.tasks) {
    const s = log.series.get(i)!;
    const own = s.accuracy.filter((_, k) => s.trainTask[k] === i);
    if (own.length >= beta) perTask.push(meanOrNull(own.slice(0, beta))!);
  }
  return meanOrNull(perTask);
}
