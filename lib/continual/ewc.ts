import { tf } from "../core/backend.js";
import { require_, requireInteger } from "../core/errors.js";
import { subsetRows, crossEntropyLoss, type MlpTensors } from "../models/index.js";
import { headsMask } from "./heads-mask.js";
import type { Strategy } from "./strategy.js";

/** Options for {@link elasticWeightConsolidation}. */
export interface EwcOptions {
  /** Penalty strength λ (default 100). */
  lambda?: number;
  /** Batch size of the Fisher estimate (default 32). */
  fisherBatchSize?: number;
  /** The first this many training examples of a task enter its Fisher estimate (default all). */
  fisherSamples?: number;
}

/**
 * Elastic weight consolidation (Kirkpatrick et al. 2017), "separate" mode as Avalanche's
 * `EWCPlugin` computes it: after task t, the diagonal empirical Fisher F_t is the mean over
 * minibatches of the squared gradient of the cross-entropy, and θ*_t the weights; while later
 * tasks train the loss gains λ·Σ_t Σ_k F_t,k (θ_k − θ*_t,k)², whose gradient
 * 2λ·(θ ⊙ ΣF_t − Σ F_t ⊙ θ*_t) is added to every step.
 */
export function elasticWeightConsolidation(options: EwcOptions = {}): Strategy {
  const lambda = options.lambda ?? 100;
  require_(typeof lambda === "number" && lambda >= 0 && Number.isFinite(lambda), "elasticWeightConsolidation", "lambda", lambda, "is not a finite number ≥ 0", "pass e.g. lambda: 100");
  const fisherBatch = options.fisherBatchSize ?? 32;
  requireInteger("elasticWeightConsolidation", "fisherBatchSize", fisherBatch, 1);
  if (options.fisherSamples !== undefined) requireInteger("elasticWeightConsolidation", "fisherSamples", options.fisherSamples, 1);
  let fSum: tf.Tensor[] | null = null;   // Σ_t F_t, per parameter, in [W0, b0, W1, b1, …] order
  let fTheta: tf.Tensor[] | null = null; // Σ_t F_t ⊙ θ*_t

  const free = () => { fSum?.forEach((t) => t.dispose()); fTheta?.forEach((t) => t.dispose()); fSum = fTheta = null; };

  return {
    name: "ewc",
    config: { lambda, fisherBatchSize: fisherBatch, fisherSamples: options.fisherSamples ?? "all" },
    afterTask(ctx) {
      const { model, task, stream } = ctx;
      const L = model.W.length;
      // In data order, as Avalanche's DataLoader (shuffle=False) feeds compute_importances.
      const order = Array.from({ length: Math.min(options.fisherSamples ?? task.train.n, task.train.n) }, (_, i) => i);
      const acc: tf.Tensor[] = [];
      for (let l = 0; l < L; l++) acc.push(tf.zerosLike(model.W[l]!), tf.zerosLike(model.b[l]!));
      let batches = 0;
      for (let s = 0; s < order.length; s += fisherBatch) {
        const batch = subsetRows(task.train, order.slice(s, s + fisherBatch));
        const y = tf.tensor1d(batch.y, "int32");
        const mask = headsMask(new Int32Array(batch.n).fill(task.index), stream.tasks.map((t) => t.heads), stream.classes);
        const { grads } = model.gradients(batch, crossEntropyLoss(y, { mask }));
        y.dispose(); mask?.dispose();
        const g = grads.W.flatMap((w, l) => [w, grads.b[l]!]);
        g.forEach((t, k) => { const next = tf.tidy(() => tf.add(acc[k]!, tf.square(t))); acc[k]!.dispose(); acc[k] = next; t.dispose(); });
        batches++;
      }
      const params = model.W.flatMap((w, l) => [w as tf.Tensor, model.b[l]! as tf.Tensor]);
      const F = acc.map((a) => { const f = tf.div(a, batches); a.dispose(); return f; });
      const nextSum = F.map((f, k) => (fSum ? tf.add(fSum[k]!, f) : f.clone()));
      const nextTheta = F.map((f, k) => tf.tidy(() => (fTheta ? tf.add(fTheta[k]!, tf.mul(f, params[k]!)) : tf.mul(f, params[k]!))));
      free(); F.forEach((f) => f.dispose());
      fSum = nextSum; fTheta = nextTheta;
    },
    penaltyGrad(_ctx, params): MlpTensors {
      const L = params.W.length;
      if (!fSum || !fTheta || lambda === 0) return { W: params.W.map((w) => tf.zerosLike(w)), b: params.b.map((b) => tf.zerosLike(b)) };
      const g = (k: number, p: tf.Tensor) => tf.mul(tf.sub(tf.mul(p, fSum![k]!), fTheta![k]!), 2 * lambda);
      return { W: Array.from({ length: L }, (_, l) => g(2 * l, params.W[l]!) as tf.Tensor2D), b: Array.from({ length: L }, (_, l) => g(2 * l + 1, params.b[l]!) as tf.Tensor1D) };
    },
    saveState() {
      return fSum && fTheta ? { fSum: fSum.map((t) => ({ shape: t.shape, v: Array.from(t.dataSync()) })), fTheta: fTheta.map((t) => ({ shape: t.shape, v: Array.from(t.dataSync()) })) } : null;
    },
    loadState(state) {
      free();
      if (!state) return;
      const s = state as { fSum: Array<{ shape: number[]; v: number[] }>; fTheta: Array<{ shape: number[]; v: number[] }> };
      fSum = s.fSum.map((e) => tf.tensor(e.v, e.shape));
      fTheta = s.fTheta.map((e) => tf.tensor(e.v, e.shape));
    },
    dispose: free,
  };
}
