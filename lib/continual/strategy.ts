import type { tf } from "../core/backend.js";
import type { Rng } from "../core/rng.js";
import type { LabelledData, LogitsLoss, Mlp, MlpTensors } from "../models/index.js";
import type { Task, TaskStream } from "./task-stream.js";

/** A training batch: examples, the task each came from, and each example's loss weight (they sum to 1). */
export interface TrainBatch extends LabelledData {
  /** Task index of each example (replayed examples keep their own task's index). */
  task: Int32Array;
  /** Loss weight of each example; the batch loss is Σ weight·CE. */
  weight: Float32Array;
}

/** What a strategy's hooks see. */
export interface StrategyContext {
  model: Mlp;
  stream: TaskStream;
  /** The task being trained. */
  task: Task;
  /** SGD steps done so far over the whole stream. */
  iteration: number;
  /** The strategy's own seeded generator (forked from the run's seed). */
  rng: Rng;
  /** The run's SGD learning rate. */
  lr: number;
}

/**
 * A continual-learning strategy: a small object with optional hooks, not a framework. The run
 * loop (see `trainContinual`) draws a batch from `trainingData` (default: the current task),
 * lets `extendBatch` add to it (replay), minimises Σ weight·CE + `extraLoss` (distillation)
 * with `penaltyGrad` added to the gradient (EWC), and calls `beforeTask`/`afterTask` at the
 * task boundaries. `saveState`/`loadState` let an interrupted run resume after its last task.
 */
export interface Strategy {
  readonly name: string;
  /** Its settings, recorded with the run. */
  readonly config: Record<string, unknown>;
  beforeTask?(ctx: StrategyContext): void;
  /** The pool the run draws training batches from, with each row's task index; called once at the start of each task. */
  trainingData?(ctx: StrategyContext): LabelledData & { task: Int32Array };
  extendBatch?(ctx: StrategyContext, batch: TrainBatch): TrainBatch;
  /**
   * An extra loss on the batch's logits, added to the weighted cross-entropy (distillation);
   * `x` is the batch's input tensor. Give it a `gradient` (see `lossWithGradient`) to skip autograd.
   */
  extraLoss?(ctx: StrategyContext, x: tf.Tensor2D, batch: TrainBatch): LogitsLoss | null;
  /** Gradient of a parameter penalty, added to the loss gradient. */
  penaltyGrad?(ctx: StrategyContext, params: MlpTensors): MlpTensors;
  afterTask?(ctx: StrategyContext): void;
  saveState?(): unknown;
  loadState?(state: unknown, ctx: { model: Mlp; stream: TaskStream }): void;
  /** Frees tensors the strategy holds. */
  dispose?(): void;
}

/** Fine-tuning: plain SGD on each task in turn, nothing to protect old tasks (the lower bound). */
export function fineTuning(): Strategy {
  return { name: "fine-tuning", config: {} };
}
