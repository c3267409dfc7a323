import * as aq from "arquero";
import { tf } from "../core/backend.js";
import { require_, requireFinite, requireInteger } from "../core/errors.js";
import { rng, type Rng } from "../core/rng.js";
import { progress, type ProgressBar } from "../display/index.js";
import { openRunFolder, type RunFolder } from "../frames/index.js";
import { subsetRows, crossEntropyLoss, sumLogitsLosses, type LabelledData, type Mlp } from "../models/index.js";
import { ContinualEvaluator, type ContinualLogRow } from "./continual-evaluator.js";
import { headsMask } from "./heads-mask.js";
import { fineTuning, type Strategy, type StrategyContext, type TrainBatch } from "./strategy.js";
import type { Task, TaskStream } from "./task-stream.js";

/** Options for {@link trainContinual}. */
export interface TrainContinualOptions {
  model: Mlp;
  stream: TaskStream;
  /** Default: {@link fineTuning}. */
  strategy?: Strategy;
  /** SGD steps on each task. */
  stepsPerTask: number;
  /** New-task examples per step (default 32). */
  batchSize?: number;
  /** SGD learning rate (default 0.05). */
  lr?: number;
  seed: number;
  /** Evaluate every seen task after every `evalEvery` steps (default 1), and always at each task's last step. */
  evalEvery?: number;
  /** Test examples per task and evaluation (default: the task's whole test set). */
  evalSize?: number;
  /**
   * "fixed" (default): one seeded subset per task, reused at every evaluation; "resampled": a
   * new seeded subset each time — noisier, and it biases min-ACC low (De Lange et al. 2023).
   */
  evalSubset?: "fixed" | "resampled";
  /**
   * A folder to stream the log to (log.jsonl, appended at every evaluation) and to checkpoint
   * the model and strategy after every task; rerunning with the same folder resumes after the
   * last finished task, and logs identical rows only once.
   */
  runDir?: string;
  /** Show a progress bar (default true); a string labels it. */
  progress?: boolean | string;
}

/** What {@link trainContinual} returns. */
export interface ContinualRun {
  /** One row per (iteration, trainTask, evalTask): see {@link ContinualLogRow}. */
  log: aq.ColumnTable;
  /** Iteration at which each task's training ended. */
  taskEnds: number[];
  /** Settings of the run (stream, strategy, optimiser, evaluation), for the record. */
  config: Record<string, unknown>;
  /** Wall time of this call and the evaluator's share of it. */
  timing: { totalMs: number; evalMs: number; evalShare: number; steps: number; evaluations: number };
}

/** The checked settings of a run. */
interface RunSettings {
  strategy: Strategy;
  stepsPerTask: number;
  batchSize: number;
  lr: number;
  evalEvery: number;
  subset: "fixed" | "resampled";
  /** What the run records as its settings (and a run folder's config.json holds). */
  config: Record<string, unknown>;
}

/** Checks {@link trainContinual}'s options (a ReplabError names the first bad one) and fills in the defaults. */
function checkRunOptions(options: TrainContinualOptions): RunSettings {
  const where = "trainContinual";
  const { model, stream } = options;
  require_(model && typeof model.step === "function", where, "model", model, "is not an Mlp", "pass a model from createMlp()");
  require_(stream && Array.isArray(stream.tasks), where, "stream", stream, "is not a task stream", "pass a stream from splitTaskStream(), permutedTaskStream() or rotatedTaskStream()");
  require_(model.sizes[0] === stream.features, where, "model.sizes[0]", model.sizes[0], `is not the stream's input width ${stream.features}`, "create the model with sizes[0] equal to the data's features");
  require_(model.classes >= stream.classes, where, "model classes", model.classes, `are fewer than the stream's ${stream.classes}`, "give the model's last layer one unit per class");
  const strategy = options.strategy ?? fineTuning();
  const S = options.stepsPerTask;
  requireInteger(where, "stepsPerTask", S, 1);
  const batchSize = options.batchSize ?? 32;
  requireInteger(where, "batchSize", batchSize, 1);
  const lr = options.lr ?? 0.05;
  requireFinite(where, "lr", lr);
  requireInteger(where, "seed", options.seed, 0);
  const evalEvery = options.evalEvery ?? 1;
  requireInteger(where, "evalEvery", evalEvery, 1);
  const subsetMode = options.evalSubset ?? "fixed";
  require_(subsetMode === "fixed" || subsetMode === "resampled", where, "evalSubset", subsetMode, "is not a subset mode", 'use "fixed" or "resampled"');
  if (options.evalSize !== undefined) requireInteger(where, "evalSize", options.evalSize, 1);
  const config: Record<string, unknown> = {
    stream: stream.config, scenario: stream.scenario, strategy: strategy.name, strategyConfig: strategy.config,
    model: model.sizes, stepsPerTask: S, batchSize, lr, seed: options.seed, evalEvery, evalSize: options.evalSize ?? "all", evalSubset: subsetMode,
  };
  return { strategy, stepsPerTask: S, batchSize, lr, evalEvery, subset: subsetMode, config };
}

/** The task a checkpointed run resumes at: after its last checkpointed task (restoring model and strategy), else 0. */
function resumeFromCheckpoint(folder: RunFolder<ContinualLogRow>, options: TrainContinualOptions, strategy: Strategy): number {
  const { model, stream } = options;
  for (let t = stream.tasks.length - 1; t >= 0; t--) {
    const ck = folder.readCheckpoint<{ weights: number[][]; strategy: unknown }>(`task${t}`);
    if (!ck) continue;
    model.setWeights(ck.weights);
    strategy.loadState?.(ck.strategy, { model, stream });
    return t + 1;
  }
  return 0;
}

/**
 * One SGD step of the strategy on the batch of `pool` rows `idx`: uniform example weights, the
 * strategy's extra examples, its heads mask, extra loss and penalty gradient.
 */
function trainStep(ctx: StrategyContext, settings: RunSettings, pool: LabelledData & { task: Int32Array }, idx: number[], allHeads: ReadonlyArray<Task["heads"]>): void {
  const { model, stream } = ctx;
  const { strategy, lr } = settings;
  const rowsData = subsetRows(pool, idx);
  let batch: TrainBatch = { ...rowsData, task: Int32Array.from(idx, (i) => pool.task[i]!), weight: new Float32Array(idx.length).fill(1 / idx.length) };
  if (strategy.extendBatch) batch = strategy.extendBatch(ctx, batch);
  const x = tf.tensor2d(batch.x, [batch.n, batch.features]);
  const y = tf.tensor1d(batch.y, "int32");
  const w = tf.tensor1d(batch.weight);
  const mask = headsMask(batch.task, allHeads, stream.classes);
  try {
    tf.tidy(() => {
      const ce = crossEntropyLoss(y, { weights: w, mask });
      const extra = strategy.extraLoss?.(ctx, x, batch);
      model.step(x, extra ? sumLogitsLosses(ce, extra) : ce, { lr, penaltyGrad: strategy.penaltyGrad ? (p) => strategy.penaltyGrad!(ctx, p) : undefined });
    });
  } finally {
    x.dispose(); y.dispose(); w.dispose(); mask?.dispose();
  }
}

/**
 * Trains `model` on the tasks of `stream` in order with a strategy, and evaluates it
 * continually (De Lange et al. 2023, "Continual evaluation for lifelong learning"): once before
 * training, on each new task just before its first step, and on every task seen so far after
 * every `evalEvery` steps and at every task's end. Batches are drawn without replacement
 * (reshuffled each epoch) from seeded generators forked per task, so a run is reproducible
 * and resumable per task; an epoch's last incomplete batch is dropped (PyTorch's
 * `DataLoader(shuffle=True, drop_last=True)`), so every step has `batchSize` examples (all of
 * them when a task has fewer).
 */
export function trainContinual(options: TrainContinualOptions): ContinualRun {
  const where = "trainContinual";
  const { model, stream } = options;
  const settings = checkRunOptions(options);
  const { strategy, stepsPerTask: S, batchSize, lr, evalEvery, config } = settings;
  const root = rng(options.seed);

  let folder: RunFolder<ContinualLogRow> | null = null;
  const rows: ContinualLogRow[] = [];
  const evaluator = new ContinualEvaluator({
    model, stream, evalSize: options.evalSize, subset: settings.subset, root,
    record: (fresh) => { if (folder) folder.log.append(fresh); else rows.push(...fresh); },
  });
  let startTask = 0;
  if (options.runDir) {
    folder = openRunFolder<ContinualLogRow>(options.runDir, { config, key: (r) => `${r.iteration}|${r.trainTask}|${r.evalTask}`, where, arg: "runDir" });
    startTask = resumeFromCheckpoint(folder, options, strategy);
  }
  const bar: ProgressBar | null = options.progress === false ? null
    : progress({ label: typeof options.progress === "string" ? options.progress : `${strategy.name} on ${stream.tasks.length} tasks`, total: stream.tasks.length * S });
  bar?.tick(startTask * S);

  let steps = 0;
  const t0 = performance.now();
  const allHeads = stream.tasks.map((t) => t.heads);
  for (let t = startTask; t < stream.tasks.length; t++) {
    const task = stream.tasks[t]!;
    const ctx: StrategyContext = { model, stream, task, iteration: t * S, rng: root.fork(`strategy:${t}`), lr };
    const batchRng: Rng = root.fork(`batches:${t}`), evalRng = root.fork(`eval:${t}`);
    evaluator.evaluate(t * S, t, t === 0 ? [0] : [t], evalRng);
    strategy.beforeTask?.(ctx);
    const pool = strategy.trainingData?.(ctx) ?? { ...task.train, task: new Int32Array(task.train.n).fill(t) };
    require_(pool.n > 0, where, `stream.tasks[${t}].train.n`, pool.n, "is 0", "give every task training examples");
    let order: number[] = [], cursor = 0;
    for (let k = 0; k < S; k++) {
      if (cursor + batchSize > order.length) { order = batchRng.shuffle(Array.from({ length: pool.n }, (_, i) => i)); cursor = 0; }
      const idx = order.slice(cursor, cursor + Math.min(batchSize, pool.n));
      cursor += idx.length;
      trainStep(ctx, settings, pool, idx, allHeads);
      steps++;
      ctx.iteration = t * S + k + 1;
      bar?.tick();
      if (ctx.iteration % evalEvery === 0 || k === S - 1) evaluator.evaluate(ctx.iteration, t, Array.from({ length: t + 1 }, (_, i) => i), evalRng);
    }
    strategy.afterTask?.(ctx);
    folder?.writeCheckpoint(`task${t}`, { task: t, weights: model.getWeights().map((a) => Array.from(a)), strategy: strategy.saveState?.() ?? null });
  }
  bar?.done();
  const totalMs = performance.now() - t0;
  const { evalMs, evaluations } = evaluator;
  const all = folder ? folder.log.rows() : rows;
  return {
    log: aq.from(all),
    taskEnds: stream.tasks.map((_, t) => (t + 1) * S),
    config,
    timing: { totalMs, evalMs, evalShare: totalMs > 0 ? evalMs / totalMs : 0, steps, evaluations },
  };
}
