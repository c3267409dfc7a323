// replab-lab: stability-gap
// %% [markdown]
// # Lab 3 — The stability gap
//
// **Learning goals.** After this lab you can
// 1. add per-iteration evaluation to a continual learner (a *continual evaluator*);
// 2. find the **stability gap** (De Lange, van de Ven & Tuytelaars, ICLR 2023, "Continual
//    evaluation for lifelong learning: identifying the stability gap"): when a new task starts,
//    accuracy on the old tasks collapses within a few steps and then partly recovers — even
//    with replay. Evaluating only at the end of each task hides it;
// 3. compute the worst-case metrics that expose it: min-ACC and WC-ACC.
//
// The learner: the 8×8 digits split into task 0 (digits 0–4) and task 1 (digits 5–9), one shared
// 10-way head (class-incremental), an MLP [64, 64, 10] trained by SGD for 100 steps per task, and
// experience replay: 8 of every 40 examples in a task-1 batch come from task 0's training data.
//
// Replace each `TODO`, run the cell, then run the `check` after it.
// %%
import { stabilityGapLab, attempt, checkSummary, requireAllChecksPassed, type StabilityGapSetup } from "replab/labs";
import type { ContinualLogInput } from "replab/continual";
import { figure } from "replab/plots";
type Row = ContinualLogInput;
const setup = stabilityGapLab.setup(0);
setup.stream.tasks.map((t) => ({ task: t.index, classes: t.classes.join(","), train: t.train.n, test: t.test.n }));
// %% [markdown]
// ## 1. Accuracy
//
// **Exercise 1.** Write `accuracy(predicted, labels)`: the share of positions where they agree.
// %%
function accuracy(predicted: Int32Array, labels: Int32Array): number {
  // BEGIN SOLUTION
  // TODO: #{i : predicted[i] = labels[i]} / labels.length
  // STUB: throw new Error("TODO");
  let hits = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) hits++;
  return hits / labels.length;
  // END SOLUTION
}
// %%
await stabilityGapLab.checkAccuracy(accuracy);
// %% [markdown]
// ## 2. A continual evaluator
//
// Most papers evaluate once per task, at its end. A continual evaluator logs A_i(t), the
// accuracy on every task i seen so far, every few training steps t. Each log row is
// `{ iteration, trainTask, evalTask, accuracy }`.
//
// **Exercise 2.** Finish `runWithEvaluation(setup, evalEvery)`. The training loop is written.
// Fill in `evaluateSeen` (one row per task 0…trainTask, on that task's *test* set), and make the
// loop evaluate every `evalEvery` steps as well as at each task's last step (as written, it only
// evaluates at task ends). The check compares your log with a reference evaluator row by row.
// %%
function runWithEvaluation(setup: StabilityGapSetup, evalEvery: number): Row[] {
  const model = setup.makeModel();
  const rows: Row[] = [];
  const evaluateSeen = (iteration: number, trainTask: number) => {
    // BEGIN SOLUTION
    // TODO: for each task 0…trainTask, push { iteration, trainTask, evalTask, accuracy(model.predict(task.test), task.test.y) }
    // STUB: throw new Error("TODO");
    for (const task of setup.stream.tasks.slice(0, trainTask + 1)) {
      rows.push({ iteration, trainTask, evalTask: task.index, accuracy: accuracy(model.predict(task.test), task.test.y) });
    }
    // END SOLUTION
  };
  let iteration = 0;
  evaluateSeen(0, 0);
  for (const task of setup.stream.tasks) {
    for (let step = 0; step < setup.stepsPerTask; step++) {
      setup.trainStep(model, task.index, iteration);
      iteration++;
      // BEGIN SOLUTION
      // TODO: also evaluate every evalEvery iterations
      // STUB: if (step === setup.stepsPerTask - 1) evaluateSeen(iteration, task.index);
      if (iteration % evalEvery === 0 || step === setup.stepsPerTask - 1) evaluateSeen(iteration, task.index);
      // END SOLUTION
    }
  }
  model.dispose();
  return rows;
}
// %%
await stabilityGapLab.checkPerIterationEval(runWithEvaluation);
// %% [markdown]
// Now run the learner twice: evaluated at task ends only, and at every step.
// %%
const atTaskEnds = await attempt(() => runWithEvaluation(setup, setup.stepsPerTask), "exercise 2");
const everyStep = await attempt(() => runWithEvaluation(setup, 1), "exercise 2");
const series = (rows: Row[], task: number) => rows.filter((r) => r.evalTask === task);
everyStep && atTaskEnds && figure({
  data: [
    { x: series(everyStep, 0).map((r) => r.iteration), y: series(everyStep, 0).map((r) => r.accuracy), name: "task 0, every step", mode: "lines" },
    { x: series(everyStep, 1).map((r) => r.iteration), y: series(everyStep, 1).map((r) => r.accuracy), name: "task 1, every step", mode: "lines" },
    { x: series(atTaskEnds, 0).map((r) => r.iteration), y: series(atTaskEnds, 0).map((r) => r.accuracy), name: "task 0, at task ends", mode: "markers", marker: { size: 12, symbol: "diamond" } },
  ],
  layout: {
    title: { text: "Task 0 accuracy: what task-end evaluation misses" },
    xaxis: { title: { text: "SGD step" } }, yaxis: { title: { text: "test accuracy" }, range: [0, 1.02] },
    shapes: [{ type: "line", x0: setup.stepsPerTask, x1: setup.stepsPerTask, y0: 0, y1: 1, line: { dash: "dot" } }],
  },
});
// %% [markdown]
// ## 3. How deep is the gap?
//
// **Exercise 3.** Write `gapOf(rows)` for task 0 in a two-task log: `atSwitch` = task 0's last
// accuracy while task 0 trains; `min` and `minIteration` = its lowest accuracy while task 1 trains
// and when (the first, if tied); `final` = its last accuracy; `depth = atSwitch − min`;
// `recovery = final − min`.
// %%
function gapOf(rows: Row[]): { atSwitch: number; min: number; minIteration: number; final: number; depth: number; recovery: number } {
  // BEGIN SOLUTION
  // TODO: split task 0's rows by trainTask, then read off the numbers
  // STUB: throw new Error("TODO");
  const task0 = rows.filter((r) => r.evalTask === 0);
  const before = task0.filter((r) => r.trainTask === 0);
  const during = task0.filter((r) => r.trainTask === 1);
  const atSwitch = before[before.length - 1]!.accuracy;
  let lowest = during[0]!;
  for (const r of during) if (r.accuracy < lowest.accuracy) lowest = r;
  const final = during[during.length - 1]!.accuracy;
  return { atSwitch, min: lowest.accuracy, minIteration: lowest.iteration, final, depth: atSwitch - lowest.accuracy, recovery: final - lowest.accuracy };
  // END SOLUTION
}
// %%
await stabilityGapLab.checkGapDepth(gapOf);
// %% [markdown]
// ## 4. Worst-case accuracy
//
// De Lange et al. summarise the gap in two numbers. With A_i(t) the accuracy on task i and k the
// number of tasks seen:
//
// $$\text{min-ACC} = \frac{1}{k-1}\sum_{i<k} \min_{t \,:\, \text{a task after } i \text{ trains}} A_i(t), \qquad
// \text{WC-ACC} = \frac{1}{k} A_k(\text{last}) + \left(1 - \frac{1}{k}\right)\text{min-ACC}.$$
//
// **Exercise 4.** Write `worstCase(rows)` returning `{ minAcc, wcAcc }`. The check compares with
// replab/continual's `minAccuracy` and `worstCaseAccuracy`.
// %%
function worstCase(rows: Row[]): { minAcc: number; wcAcc: number } {
  // BEGIN SOLUTION
  // TODO: min-ACC over the earlier tasks, then WC-ACC
  // STUB: throw new Error("TODO");
  const k = Math.max(...rows.map((r) => r.trainTask)) + 1;
  const mins: number[] = [];
  for (let i = 0; i < k - 1; i++) {
    const later = rows.filter((r) => r.evalTask === i && r.trainTask > i).map((r) => r.accuracy);
    mins.push(Math.min(...later));
  }
  const minAcc = mins.reduce((a, b) => a + b, 0) / mins.length;
  const last = rows.filter((r) => r.evalTask === k - 1);
  return { minAcc, wcAcc: last[last.length - 1]!.accuracy / k + (1 - 1 / k) * minAcc };
  // END SOLUTION
}
// %%
await stabilityGapLab.checkWorstCaseAccuracy(worstCase);
// %% [markdown]
// **Think about it.** Compute `worstCase(atTaskEnds)` too. Why does evaluating only at task
// ends overestimate the worst case? How often would you have to evaluate to see the minimum, and
// what would that cost on a large model?
// %%
everyStep && atTaskEnds && [
  { evaluated: "at task ends", ...gapOf(atTaskEnds), ...worstCase(atTaskEnds) },
  { evaluated: "every step", ...gapOf(everyStep), ...worstCase(everyStep) },
];
// %% [markdown]
// ## Your progress
// %%
checkSummary("stability-gap");
// %% tags=["solution-only"]
requireAllChecksPassed("stability-gap");
// The paper's claim, on the numbers just computed: a deep gap with recovery, hidden from task-end evaluation.
if (!everyStep || !atTaskEnds) throw new Error("the runs were not computed");
const gap = gapOf(everyStep);
const seenAtEnds = gapOf(atTaskEnds);
if (!(gap.depth > 0.2)) throw new Error(`expected a stability gap deeper than 20 points, got ${gap.depth}`);
if (!(gap.recovery > 0.1)) throw new Error(`expected task 0 to recover more than 10 points, got ${gap.recovery}`);
if (!(seenAtEnds.depth < gap.depth / 2)) throw new Error(`expected task-end evaluation to hide most of the gap: ${seenAtEnds.depth} vs ${gap.depth}`);
if (!(worstCase(everyStep).wcAcc < worstCase(atTaskEnds).wcAcc)) throw new Error("expected WC-ACC to be lower under continual evaluation");
`claim holds: task 0 falls ${(100 * gap.depth).toFixed(0)} points after the switch (task-end evaluation sees ${(100 * seenAtEnds.depth).toFixed(0)}) and recovers ${(100 * gap.recovery).toFixed(0)}`;
