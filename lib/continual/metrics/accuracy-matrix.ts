import type { ParsedContinualLog } from "./continual-log.js";

/**
 * The accuracy matrix R (Lopez-Paz & Ranzato 2017, GEM): R[t][i] is the accuracy on task i at
 * the last evaluation made while task t trained (the end of task t), null where task i was not
 * evaluated then. Rows follow the trained tasks, columns the evaluated tasks, both ascending.
 */
export function accuracyMatrix(log: ParsedContinualLog): { trainTasks: number[]; evalTasks: number[]; R: (number | null)[][] } {
  return {
    trainTasks: log.trained.slice(),
    evalTasks: log.tasks.slice(),
    R: log.trained.map((t) => log.tasks.map((i) => log.R.get(t)!.get(i) ?? null)),
  };
}
