import { requireInteger } from "../../core/errors.js";
import type { ParsedContinualLog } from "./continual-log.js";
import { meanOrNull } from "./continual-log.js";

/**
 * LCA_β, learning curve area (Chaudhry et al. 2019, "Efficient lifelong learning with A-GEM"),
 * as the issue and De Lange et al. use it: the mean of each task's first β evaluations (all of
 * them when it has fewer), averaged over tasks.
 */
export function learningCurveArea(log: ParsedContinualLog, beta: number): number | null {
  requireInteger("learningCurveArea", "lcaBeta", beta, 1);
  return meanOrNull(log.tasks.map((i) => meanOrNull(log.series.get(i)!.accuracy.slice(0, beta))!));
}
