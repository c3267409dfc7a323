import fs from "node:fs";
import path from "node:path";
import * as aq from "arquero";
import { tf } from "../core/backend.js";
import { require_, requireFinite, requireInteger } from "../core/errors.js";
import { rng } from "../core/rng.js";
import { progress, type ProgressBar } from "../display/index.js";
import { openRunLog, type RunLog } from "../frames/index.js";
import { type LabelledData, subsetRows, crossEntropyLoss, sumLogitsLosses, type Mlp } from "../models/index.js";
import { evaluateTasks } from "./evaluate-tasks.js";
import { headsMask } from "./heads-mask.js";
import { fineTuning, type Strategy, type StrategyContext, type TrainBatch } from "./strategy.js";
import type { TaskStream } from "./task-stream.js";

/** One evaluation of one task: the continual evaluator's log row. */
export interface ContinualLogRow {
  /** SGD steps done over the whole stream when the evaluation was made (0 = before training). */
  iteration: number;
  /** The task being trained at that point. */
  trainTask: number;
  /** The task evaluated. */
  evalTask: number;
  accuracy: number;
  /** Mean cross-entropy on the evaluated examples. */
  loss: number;
  /** Examples evaluated. */
  n: number;
  /** "fixed": the same test subset every time; "resampled": a fresh one each evaluation. */
  subset: "fixed" | "resampled";
}

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

/**
 * Trains `model` on the tasks of `stream` in order with a strategy, and evaluates it
 * continually (De Lange et al. 2023, "Continual evaluation for lifelong learning"): once before
 * training, on each new task just before its first step, and on every task seen so far after
 * every `evalEvery` steps and at every task's end. Batches are drawn without replacement
 * (reshuffled each epoch) from seeded generators forked per task, so a run is reproducible
 * and resumable per task.
 */
export function trainContinual(options: TrainContinualOptions): ContinualRun {
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
  const seed = options.seed;
  const root = rng(seed);

  const config: Record<string, unknown> = {
    stream: stream.config, scenario: stream.scenario, strategy: strategy.name, strategyConfig: strategy.config,
    model: model.sizes, stepsPerTask: S, batchSize, lr, seed, evalEvery, evalSize: options.evalSize ?? "all", evalSubset: subsetMode,
  };

  // Fixed evaluation subsets: one seeded choice per task.
  const fixedSets: LabelledData[] = stream.tasks.map((t) => {
    const size = Math.min(options.evalSize ?? t.test.n, t.test.n);
    if (size === t.test.n) return t.test;
    return subsetRows(t.test, root.fork(`evalset:${t.index}`).shuffle(Array.from({ length: t.test.n }, (_, i) => i)).slice(0, size).sort((a, b) => a - b));
  });

  let log: RunLog<ContinualLogRow> | null = null;
  let startTask = 0;
  if (options.runDir) {
    fs.mkdirSync(options.runDir, { recursive: true });
    const configFile = path.join(options.runDir, "config.json");
    const configText = JSON.stringify(config, null, 1);
    if (fs.existsSync(configFile)) {
      require_(fs.readFileSync(configFile, "utf8") === configText, where, "runDir", options.runDir, "holds a run made with other settings (its config.json differs)", "resume with the same settings, or pass a new folder");
    } else {
      fs.writeFileSync(configFile, configText);
    }
    log = openRunLog<ContinualLogRow>(path.join(options.runDir, "log.jsonl"), { key: (r) => `${r.iteration}|${r.trainTask}|${r.evalTask}` });
    for (let t = stream.tasks.length - 1; t >= 0; t--) {
      const file = path.join(options.runDir, `checkpoint-task${t}.json`);
      if (!fs.existsSync(file)) continue;
      const ck = JSON.parse(fs.readFileSync(file, "utf8")) as { weights: number[][]; strategy: unknown };
      model.setWeights(ck.weights);
      strategy.loadState?.(ck.strategy, { model, stream });
      startTask = t + 1;
      break;
    }
  }
  const rows: ContinualLogRow[] = log ? log.rows() : [];
  const bar: ProgressBar | null = options.progress === false ? null
    : progress({ label: typeof options.progress === "string" ? options.progress : `${strategy.name} on ${stream.tasks.length} tasks`, total: stream.tasks.length * S });
  bar?.tick(startTask * S);

  let evalMs = 0, evaluations = 0, steps = 0;
  const t0 = performance.now();
  const evaluate = (iteration: number, trainTask: number, tasks: number[], evalRng: ReturnType<typeof rng>) => {
    const e0 = performance.now();
    const sets = tasks.map((i) => {
      if (subsetMode === "fixed") return { task: i, data: fixedSets[i]! };
      const test = stream.tasks[i]!.test;
      const size = Math.min(options.evalSize ?? test.n, test.n);
      return { task: i, data: subsetRows(test, evalRng.shuffle(Array.from({ length: test.n }, (_, k) => k)).slice(0, size)) };
    });
    const scores = evaluateTasks(model, stream, sets);
    const fresh = scores.map((s) => ({ iteration, trainTask, evalTask: s.task, accuracy: s.accuracy, loss: s.loss, n: s.n, subset: subsetMode }));
    if (log) log.append(fresh); else rows.push(...fresh);
    evaluations++;
    evalMs += performance.now() - e0;
  };

  const allHeads = stream.tasks.map((t) => t.heads);
  for (let t = startTask; t < stream.tasks.length; t++) {
    const task = stream.tasks[t]!;
    const ctx: StrategyContext = { model, stream, task, iteration: t * S, rng: root.fork(`strategy:${t}`), lr };
    const batchRng = root.fork(`batches:${t}`), evalRng = root.fork(`eval:${t}`);
    evaluate(t * S, t, t === 0 ? [0] : [t], evalRng);
    strategy.beforeTask?.(ctx);
    const pool = strategy.trainingData?.(ctx) ?? { ...task.train, task: new Int32Array(task.train.n).fill(t) };
    require_(pool.n > 0, where, `stream.tasks[${t}].train.n`, pool.n, "is 0", "give every task training examples");
    let order: number[] = [], cursor = 0;
    for (let k = 0; k < S; k++) {
      if (cursor + batchSize > order.length) { order = batchRng.shuffle(Array.from({ length: pool.n }, (_, i) => i)); cursor = 0; }
      const idx = order.slice(cursor, cursor + Math.min(batchSize, pool.n));
      cursor += idx.length;
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
      steps++;
      ctx.iteration = t * S + k + 1;
      bar?.tick();
      if (ctx.iteration % evalEvery === 0 || k === S - 1) evaluate(ctx.iteration, t, Array.from({ length: t + 1 }, (_, i) => i), evalRng);
    }
    strategy.afterTask?.(ctx);
    if (options.runDir) {
      const file = path.join(options.runDir, `checkpoint-task${t}.json`);
      fs.writeFileSync(file + ".tmp", JSON.stringify({ task: t, weights: model.getWeights().map((a) => Array.from(a)), strategy: strategy.saveState?.() ?? null }));
      fs.renameSync(file + ".tmp", file);
    }
  }
  bar?.done();
  const totalMs = performance.now() - t0;
  const all = log ? log.rows() : rows;
  return {
    log: aq.from(all),
    taskEnds: stream.tasks.map((_, t) => (t + 1) * S),
    config,
    timing: { totalMs, evalMs, evalShare: totalMs > 0 ? evalMs / totalMs : 0, steps, evaluations },
  };
}
