import type { ParsedContinualLog } from "./continual-log.js";
import { meanOrNull } from "./continual-log.js";
import { taskEndPairs } from "./backward-transfer.js";

/**
 * Forgetting as Avalanche's `ExperienceForgetting` averages it: accuracy right after the task's
 * own training minus its final accuracy, R[i][i] − R[T][i], averaged over i < T (= −BWT).
 */
export function forgettingAvalanche(log: ParsedContinualLog): number | null {
  return meanOrNull(taskEndPairs(log).map((p) => p.own - p.final));
}

/**
 * Forgetting as Mammoth (Buzzega et al. 2020; Chaudhry et al. 2018) computes it: the best
 * task-end accuracy before the last task minus the final one, max_{i≤t<T} R[t][i] − R[T][i],
 * averaged over i < T.
 */
export function forgettingMammoth(log: ParsedContinualLog): number | null {
  return meanOrNull(taskEndPairs(log).map((p) => p.best - p.final));
}
