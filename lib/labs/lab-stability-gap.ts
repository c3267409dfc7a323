import { rng, requireInteger } from "../core/index.js";
import { loadDigits } from "../frames/index.js";
import {
  splitTaskStream, createMlpSync, subsetRows, concatData, parseContinualLog, minAccuracy, worstCaseAccuracy,
  type Mlp, type TaskStream, type ContinualLogInput,
} from "../continual/index.js";
import { check } from "./check.js";
import { callStudent, expectClose, expectEqual } from "./expect.js";
import { notYet } from "./not-yet.js";
import { describeReturned } from "./describe-thrown.js";

const LAB = "stability-gap";

/** Lab 3's continual learner: a split-digits stream, a model factory and one seeded replay training step. */
export interface StabilityGapSetup {
  seed: number;
  stream: TaskStream;
  stepsPerTask: number;
  /** A fresh MLP [64, 64, 10] with seeded weights (the same every call). */
  makeModel(): Mlp;
  /** One SGD step (lr 0.5) at global `iteration` on task `taskIndex`: 32 new-task examples plus 8 replayed from earlier tasks (seeded by iteration). Returns the loss. */
  trainStep(model: Mlp, taskIndex: number, iteration: number): number;
}

/**
 * The setup of lab 3: the 8×8 digits split into two class-incremental tasks (0–4, then 5–9),
 * an MLP [64, 64, 10] and experience replay (Chaudhry et al. 2019: 8 of every 40 examples drawn
 * from the earlier tasks' training data), 100 SGD steps per task. With replay, accuracy on task 0 drops sharply when task 1
 * starts and then recovers — the stability gap of De Lange et al. 2023.
 */
export function stabilityGapSetup(seed = 0, stepsPerTask = 100): StabilityGapSetup {
  requireInteger("stabilityGapSetup", "seed", seed, 0);
  requireInteger("stabilityGapSetup", "stepsPerTask", stepsPerTask, 1);
  const stream = splitTaskStream(loadDigits(), { taskClasses: [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]], seed });
  const batch = 32;
  const replay = 8;
  const lr = 0.5;
  return {
    seed, stream, stepsPerTask,
    makeModel: () => createMlpSync({ sizes: [64, 64, 10], seed }),
    trainStep(model, taskIndex, iteration) {
      const r = rng(seed).fork(`step-${iteration}`);
      const task = stream.tasks[taskIndex]!;
      const pick = (n: number, m: number) => Array.from({ length: m }, () => r.int(n));
      let data = subsetRows(task.train, pick(task.train.n, batch));
      if (taskIndex > 0) {
        const memory = stream.tasks.slice(0, taskIndex).map((t) => t.train);
        const old = memory.length === 1 ? memory[0]! : concatData(memory);
        data = concatData([data, subsetRows(old, pick(old.n, replay))]);
      }
      return model.trainStep(data.x, data.y, lr);
    },
  };
}

/** Share of positions where `predicted` equals `labels`. */
export function referenceAccuracy(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  let hits = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) hits++;
  return hits / labels.length;
}

/** Lab 3's continual run evaluated every `evalEvery` steps (and at step 0): one row per (iteration, seen task). */
export function referenceContinualRows(setup: StabilityGapSetup, evalEvery: number): ContinualLogInput[] {
  const model = setup.makeModel();
  const rows: ContinualLogInput[] = [];
  const evaluate = (iteration: number, trainTask: number) => {
    for (const t of setup.stream.tasks.slice(0, trainTask + 1)) rows.push({ iteration, trainTask, evalTask: t.index, accuracy: referenceAccuracy(model.predict(t.test), t.test.y) });
  };
  let iteration = 0;
  evaluate(0, 0);
  for (const task of setup.stream.tasks) {
    for (let s = 0; s < setup.stepsPerTask; s++) {
      setup.trainStep(model, task.index, iteration);
      iteration++;
      if (iteration % evalEvery === 0 || s === setup.stepsPerTask - 1) evaluate(iteration, task.index);
    }
  }
  model.dispose();
  return rows;
}

const fullRuns = new Map<number, ContinualLogInput[]>();

/** The lab's full run (default steps) evaluated at every step, computed once per seed. */
export function referenceFullRun(seed: number): ContinualLogInput[] {
  let rows = fullRuns.get(seed);
  if (!rows) {
    rows = referenceContinualRows(stabilityGapSetup(seed), 1);
    fullRuns.set(seed, rows);
  }
  return rows.map((r) => ({ ...r }));
}

/** The stability gap of task 0 in a two-task log: accuracy when task 1 starts, its minimum while task 1 trains (and when), the final accuracy, depth = start − min, recovery = final − min. */
export function referenceGap(rows: readonly ContinualLogInput[]): { atSwitch: number; min: number; minIteration: number; final: number; depth: number; recovery: number } {
  const t0 = rows.filter((r) => r.evalTask === 0);
  const before = t0.filter((r) => r.trainTask === 0);
  const during = t0.filter((r) => r.trainTask === 1);
  const atSwitch = before[before.length - 1]!.accuracy;
  let min = during[0]!;
  for (const r of during) if (r.accuracy < min.accuracy) min = r;
  const final = during[during.length - 1]!.accuracy;
  return { atSwitch, min: min.accuracy, minIteration: min.iteration, final, depth: atSwitch - min.accuracy, recovery: final - min.accuracy };
}

type Row = ContinualLogInput;

function describeRow(r: Row): string {
  return `{ iteration: ${r.iteration}, trainTask: ${r.trainTask}, evalTask: ${r.evalTask}, accuracy: ${Number(r.accuracy.toFixed(4))} }`;
}

/**
 * The checks of lab 3 (the stability gap): accuracy by its definition; a per-iteration evaluation
 * log compared row by row with a reference run of the same seeded learner; the gap's depth and
 * recovery; min-ACC and WC-ACC compared with replab/continual's `minAccuracy` and
 * `worstCaseAccuracy` (De Lange et al. 2023, Mattdl/ContinualEvaluation).
 */
export const stabilityGapLab = {
  id: LAB,
  setup: stabilityGapSetup,

  /** Exercise 1: `accuracy(predicted, labels)`. */
  checkAccuracy(accuracy: unknown): Promise<void> {
    return check({ lab: LAB, exercise: "accuracy", hint: "count the positions where predicted[i] === labels[i], divide by labels.length" }, async () => {
      const cases: Array<[number[], number[]]> = [[[1, 2, 3, 4], [1, 2, 0, 4]], [[0, 0], [1, 1]], [[5, 6, 7], [5, 6, 7]]];
      for (const [p, l] of cases) expectClose(await callStudent(accuracy, "accuracy", [Int32Array.from(p), Int32Array.from(l)]), referenceAccuracy(p, l), `accuracy([${p}], [${l}])`);
    });
  },

  /** Exercise 2: `runWithEvaluation(setup, evalEvery)` logs every seen task every `evalEvery` steps. */
  checkPerIterationEval(runWithEvaluation: unknown, seed = 0): Promise<void> {
    return check({ lab: LAB, exercise: "per-iteration-eval", hint: "after each step, when iteration % evalEvery === 0 (or at a task's last step), push one row per task seen so far" }, async () => {
      const setup = stabilityGapSetup(seed, 20);
      for (const every of [5, 1]) {
        const want = referenceContinualRows(setup, every);
        const got = await callStudent<unknown>(runWithEvaluation, "runWithEvaluation", [setup, every]);
        if (!Array.isArray(got)) notYet(`runWithEvaluation(setup, ${every}) returned ${describeReturned(got)}, not an array of rows`);
        if (got.length !== want.length) notYet(`runWithEvaluation(setup, ${every}) logged ${got.length} rows, expected ${want.length} (${setup.stepsPerTask} steps per task, ${setup.stream.tasks.length} tasks)`, "evaluate at step 0, every evalEvery steps and at each task's end; one row per task seen so far");
        for (let i = 0; i < want.length; i++) {
          const g = got[i] as Row, w = want[i]!;
          if (!g || typeof g !== "object" || g.iteration !== w.iteration || g.trainTask !== w.trainTask || g.evalTask !== w.evalTask || !(Math.abs(g.accuracy - w.accuracy) < 1e-9)) {
            notYet(`row ${i} of runWithEvaluation(setup, ${every}) is ${describeReturned(g)}, expected ${describeRow(w)}`);
          }
        }
      }
      return "same log as the reference evaluator, row by row";
    });
  },

  /** Exercise 3: `gapOf(rows)` returns `{ atSwitch, min, minIteration, final, depth, recovery }` for task 0. */
  checkGapDepth(gapOf: unknown, seed = 0): Promise<void> {
    return check({ lab: LAB, exercise: "gap-depth", hint: "atSwitch: task 0's last accuracy while task 0 trains; min and minIteration: over the rows while task 1 trains" }, async () => {
      const rows = referenceFullRun(seed);
      const want = referenceGap(rows);
      const got = await callStudent<Record<string, unknown>>(gapOf, "gapOf", [rows]);
      if (typeof got !== "object" || got === null) notYet(`gapOf returned ${describeReturned(got)}`, "return { atSwitch, min, minIteration, final, depth, recovery }");
      for (const key of ["atSwitch", "min", "final", "depth", "recovery"] as const) expectClose(got[key], want[key], `gapOf(rows).${key}`);
      expectEqual(got.minIteration, want.minIteration, "gapOf(rows).minIteration");
      return `task 0 drops ${(100 * want.depth).toFixed(0)} points at iteration ${want.minIteration} and recovers ${(100 * want.recovery).toFixed(0)}`;
    });
  },

  /** Exercise 4: `worstCase(rows)` returns `{ minAcc, wcAcc }` (De Lange et al. 2023). */
  checkWorstCaseAccuracy(worstCase: unknown, seed = 0): Promise<void> {
    return check({ lab: LAB, exercise: "worst-case-accuracy", hint: "min-ACC: for each task, the minimum of its accuracy over rows where a LATER task trains, averaged; WC-ACC = (1/k)·(last task's final accuracy) + (1 − 1/k)·min-ACC" }, async () => {
      const rows = referenceFullRun(seed);
      const parsed = parseContinualLog("stabilityGapLab", rows);
      const minAcc = minAccuracy(parsed)!;
      const wcAcc = worstCaseAccuracy(parsed, minAcc)!;
      const got = await callStudent<Record<string, unknown>>(worstCase, "worstCase", [rows]);
      if (typeof got !== "object" || got === null) notYet(`worstCase returned ${describeReturned(got)}`, "return { minAcc, wcAcc }");
      expectClose(got.minAcc, minAcc, "worstCase(rows).minAcc");
      expectClose(got.wcAcc, wcAcc, "worstCase(rows).wcAcc");
      return `min-ACC ${minAcc.toFixed(3)}, WC-ACC ${wcAcc.toFixed(3)}`;
    });
  },
};
