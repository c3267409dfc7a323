import { ReplabError, describeValue } from "../../core/errors.js";

/** The columns continual metrics read from a log (extra columns are ignored). */
export interface ContinualLogInput {
  iteration: number;
  trainTask: number;
  evalTask: number;
  accuracy: number;
}

/** One task's accuracy series A_i in evaluation order, with when each evaluation was made. */
export interface TaskSeries {
  task: number;
  iteration: number[];
  trainTask: number[];
  accuracy: number[];
}

/** A validated continual log, grouped for the metrics. */
export interface ParsedContinualLog {
  /** Evaluated tasks, ascending. */
  tasks: number[];
  /** Trained tasks, ascending (k = trained.length tasks seen). */
  trained: number[];
  /** A_i per evaluated task. */
  series: Map<number, TaskSeries>;
  /** R[t][i]: accuracy of task i at the last evaluation made while task t trained (undefined if none). */
  R: Map<number, Map<number, number>>;
  /** Last iteration at which each trained task was evaluated-while-training (its end). */
  lastIteration: Map<number, number>;
}

type LogLike = readonly ContinualLogInput[] | { objects(): object[] };

/**
 * Validates and groups a continual-evaluation log: an arquero table or an array of rows
 * `{ iteration, trainTask, evalTask, accuracy }`. Rows are ordered by (iteration, trainTask);
 * tasks must be trained in increasing order (trainTask never decreases as iteration grows),
 * accuracies must lie in [0, 1]; errors name the offending row.
 */
export function parseContinualLog(where: string, log: LogLike): ParsedContinualLog {
  let rows: unknown[];
  if (Array.isArray(log)) rows = log;
  else if (log && typeof (log as { objects?: unknown }).objects === "function") rows = (log as { objects(): object[] }).objects();
  else throw new ReplabError(`${where}: log=${describeValue(log)} is not a table or an array of rows; pass the log from trainContinual() or rows { iteration, trainTask, evalTask, accuracy }`);
  if (rows.length === 0) throw new ReplabError(`${where}: log has no rows; evaluate at least once before computing metrics`);
  const checked: Array<ContinualLogInput & { order: number }> = [];
  rows.forEach((r, k) => {
    if (r === null || typeof r !== "object") throw new ReplabError(`${where}: log row ${k}=${describeValue(r)} is not an object; give rows { iteration, trainTask, evalTask, accuracy }`);
    const row = r as Record<string, unknown>;
    for (const col of ["iteration", "trainTask", "evalTask", "accuracy"] as const) {
      if (!(col in row)) throw new ReplabError(`${where}: log row ${k} is missing column "${col}"; give every row iteration, trainTask, evalTask and accuracy`);
      const v = row[col];
      if (typeof v !== "number" || !Number.isFinite(v)) throw new ReplabError(`${where}: log row ${k} ${col}=${describeValue(v)} is not a finite number; remove or fix the row`);
    }
    const acc = row.accuracy as number;
    if (acc < 0 || acc > 1) throw new ReplabError(`${where}: log row ${k} accuracy=${acc} is outside [0, 1]; give accuracies as fractions, not percentages`);
    for (const col of ["trainTask", "evalTask"] as const) {
      const v = row[col] as number;
      if (!Number.isInteger(v) || v < 0) throw new ReplabError(`${where}: log row ${k} ${col}=${v} is not a task index; use whole numbers ≥ 0`);
    }
    checked.push({ iteration: row.iteration as number, trainTask: row.trainTask as number, evalTask: row.evalTask as number, accuracy: acc, order: k });
  });
  checked.sort((a, b) => a.iteration - b.iteration || a.trainTask - b.trainTask || a.order - b.order);
  for (let k = 1; k < checked.length; k++) {
    const prev = checked[k - 1]!, cur = checked[k]!;
    if (cur.trainTask < prev.trainTask) {
      throw new ReplabError(`${where}: log row ${cur.order} trainTask=${cur.trainTask} at iteration ${cur.iteration} comes after task ${prev.trainTask} at iteration ${prev.iteration}; tasks must be trained in increasing order (renumber them in training order)`);
    }
  }
  const series = new Map<number, TaskSeries>();
  const R = new Map<number, Map<number, number>>();
  const lastIteration = new Map<number, number>();
  for (const r of checked) {
    let s = series.get(r.evalTask);
    if (!s) { s = { task: r.evalTask, iteration: [], trainTask: [], accuracy: [] }; series.set(r.evalTask, s); }
    s.iteration.push(r.iteration); s.trainTask.push(r.trainTask); s.accuracy.push(r.accuracy);
    if (!R.has(r.trainTask)) R.set(r.trainTask, new Map());
    R.get(r.trainTask)!.set(r.evalTask, r.accuracy); // later rows overwrite: the last evaluation wins
    lastIteration.set(r.trainTask, r.iteration);
  }
  return {
    tasks: [...series.keys()].sort((a, b) => a - b),
    trained: [...R.keys()].sort((a, b) => a - b),
    series, R, lastIteration,
  };
}

/** Mean of a non-empty list, or null for an empty one (a metric with nothing to average is null, never NaN). */
export function meanOrNull(values: number[]): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}
