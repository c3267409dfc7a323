import { tf } from "../core/backend.js";
import { require_, requireFinite, requireInteger } from "../core/errors.js";
import { rng } from "../core/rng.js";
import { type LabelledData, type Mlp, type MlpStepOptions, checkLabelledData, createMlp, softmaxCrossEntropy } from "../models/index.js";

/** A loss on one mini-batch: gets the batch's logits and its rows (inputs and labels as tensors). */
export type BatchLoss = (logits: tf.Tensor2D, batch: { y: tf.Tensor1D; rows: Int32Array }) => tf.Scalar;

/** Options for {@link trainEpochs}. */
export interface EpochOptions {
  epochs: number;
  lr: number;
  batchSize?: number;
  seed: number;
  /** Extra penalty gradient, as `Mlp.step` takes it (ℓ1, …); gets the epoch number. */
  penaltyGrad?: (epoch: number) => MlpStepOptions["penaltyGrad"];
  /** Called after every epoch (progress bars, logs). */
  onEpoch?: (epoch: number, meanLoss: number) => void;
}

/**
 * Mini-batch SGD on `data` with a caller-supplied batch loss: each epoch shuffles the rows with
 * `rng(seed).fork(epoch)` and takes one `Mlp.step` per batch. Returns the mean loss of each epoch.
 */
export function trainEpochs(model: Mlp, data: LabelledData, loss: BatchLoss, options: EpochOptions): number[] {
  const where = "trainEpochs";
  checkLabelledData(where, "data", data);
  require_(data.n > 0, where, "data.n", data.n, "is 0", "train on at least one example");
  requireInteger(where, "epochs", options.epochs, 0);
  requireFinite(where, "lr", options.lr);
  const bs = options.batchSize ?? 64;
  requireInteger(where, "batchSize", bs, 1);
  const f = data.features;
  const root = rng(options.seed);
  const losses: number[] = [];
  for (let e = 0; e < options.epochs; e++) {
    const order = root.fork(e).shuffle(Array.from({ length: data.n }, (_, i) => i));
    let total = 0, batches = 0;
    for (let start = 0; start < data.n; start += bs) {
      const rows = Int32Array.from(order.slice(start, start + bs));
      const xb = new Float32Array(rows.length * f);
      const yb = new Int32Array(rows.length);
      rows.forEach((i, k) => { xb.set(data.x.subarray(i * f, (i + 1) * f), k * f); yb[k] = data.y[i]!; });
      const xt = tf.tensor2d(xb, [rows.length, f]);
      const yt = tf.tensor1d(yb, "int32");
      try {
        total += model.step(xt, (z) => loss(z, { y: yt, rows }), { lr: options.lr, penaltyGrad: options.penaltyGrad?.(e) });
      } finally { xt.dispose(); yt.dispose(); }
      batches++;
    }
    losses.push(total / batches);
    options.onEpoch?.(e, total / batches);
  }
  return losses;
}

/** Options for {@link trainClassifier}. */
export interface ClassifierOptions {
  /** Hidden layer widths; default [64]. */
  hidden?: number[];
  epochs?: number;
  lr?: number;
  batchSize?: number;
  seed: number;
  classes?: number;
}

/** Mean softmax cross-entropy of a batch (PyTorch `F.cross_entropy`). */
export const crossEntropyLoss: BatchLoss = (z, b) => softmaxCrossEntropy(z, b.y);

/**
 * Trains a seeded MLP classifier (replab/models' `createMlp`) by mini-batch SGD on
 * cross-entropy — the "original" model of an unlearning experiment, and the retrain-from-scratch
 * gold standard when given only the retain set.
 */
export async function trainClassifier(data: LabelledData, options: ClassifierOptions): Promise<Mlp> {
  checkLabelledData("trainClassifier", "data", data);
  let classes = options.classes ?? 0;
  if (!options.classes) for (let i = 0; i < data.n; i++) classes = Math.max(classes, data.y[i]! + 1);
  const model = await createMlp({ sizes: [data.features, ...(options.hidden ?? [64]), classes], seed: options.seed });
  trainEpochs(model, data, crossEntropyLoss, { epochs: options.epochs ?? 20, lr: options.lr ?? 0.3, batchSize: options.batchSize ?? 64, seed: options.seed });
  return model;
}
