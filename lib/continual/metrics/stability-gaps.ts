import * as aq from "arquero";
import type { ParsedContinualLog } from "./continual-log.js";

/** One stability gap: what happened to an earlier task when a later one started training. */
export interface StabilityGapRow {
  /** The earlier task. */
  task: number;
  /** The task whose start is the switch. */
  switchTo: number;
  /** Iteration of the last evaluation before the switch (the end of task switchTo − 1). */
  switchIteration: number;
  /** Accuracy of `task` at that evaluation. */
  before: number;
  /** Lowest accuracy of `task` while `switchTo` trained. */
  min: number;
  /** before − min. */
  depth: number;
  /** Iteration of that minimum (the first, if tied). */
  minIteration: number;
  /** Iterations from the switch until `task` is back within `tolerance` of `before` (from the minimum on, while switchTo trains); null if never. */
  recoveryIterations: number | null;
  /** Accuracy of `task` at the end of task switchTo (R[switchTo][task]): what task-end evaluation sees next; null if not evaluated then. */
  after: number | null;
  /**
   * max(0, min(before, after) − min): how far the dip goes below both task-end evaluations around
   * it — the part of the gap that evaluating only at task ends cannot see; null when `after` is.
   */
  hidden: number | null;
}

/**
 * The stability gap per (earlier task, switch) (De Lange et al. 2023): for each task i and each
 * later task s evaluated with it, `before` = A_i at the end of task s−1, `min` = the lowest A_i
 * while s trains, depth = before − min, the iterations from the switch until the first
 * evaluation at or after the minimum with A_i ≥ before − tolerance, `after` = A_i at the end of
 * task s and hidden = max(0, min(before, after) − min), the drop task-end evaluation misses.
 */
export function stabilityGaps(log: ParsedContinualLog, tolerance: number): aq.ColumnTable {
  const rows: StabilityGapRow[] = [];
  for (const i of log.tasks) {
    const s = log.series.get(i)!;
    for (const sw of log.trained) {
      if (sw <= i || !log.trained.includes(sw - 1)) continue;
      const before = log.R.get(sw - 1)!.get(i);
      if (before === undefined) continue;
      const switchIteration = log.lastIteration.get(sw - 1)!;
      let minK = -1;
      for (let k = 0; k < s.accuracy.length; k++) if (s.trainTask[k] === sw && (minK < 0 || s.accuracy[k]! < s.accuracy[minK]!)) minK = k;
      if (minK < 0) continue;
      let recovered: number | null = null;
      for (let k = minK; k < s.accuracy.length && s.trainTask[k] === sw; k++) {
        if (s.accuracy[k]! >= before - tolerance) { recovered = s.iteration[k]! - switchIteration; break; }
      }
      const min = s.accuracy[minK]!, after = log.R.get(sw)?.get(i) ?? null;
      const hidden = after === null ? null : Math.max(0, Math.min(before, after) - min);
      rows.push({ task: i, switchTo: sw, switchIteration, before, min, depth: before - min, minIteration: s.iteration[minK]!, recoveryIterations: recovered, after, hidden });
    }
  }
  if (rows.length === 0) return aq.table({ task: [], switchTo: [], switchIteration: [], before: [], min: [], depth: [], minIteration: [], recoveryIterations: [], after: [], hidden: [] });
  return aq.from(rows);
}
