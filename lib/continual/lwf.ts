import { tf } from "../core/backend.js";
import { require_ } from "../core/errors.js";
import { lossWithGradient, type Mlp } from "../models/index.js";
import type { Strategy } from "./strategy.js";

/** Options for {@link learningWithoutForgetting}. */
export interface LwfOptions {
  /** Weight α of the distillation term (default 1). */
  alpha?: number;
  /** Softmax temperature T (default 2). */
  temperature?: number;
}

/**
 * Learning without Forgetting (Li & Hoiem 2016), as Avalanche's `LwF` computes it: after each
 * task the model is copied; while later tasks train, the loss gains
 * α·KL(softmax(z_old/T) ‖ softmax(z/T)) (batch mean) over the output units of the classes seen
 * before the current task (all units in the domain-incremental scenario), z_old being the
 * copy's logits on the same batch.
 */
export function learningWithoutForgetting(options: LwfOptions = {}): Strategy {
  const alpha = options.alpha ?? 1;
  const T = options.temperature ?? 2;
  require_(typeof alpha === "number" && alpha >= 0 && Number.isFinite(alpha), "learningWithoutForgetting", "alpha", alpha, "is not a finite number ≥ 0", "pass e.g. alpha: 1");
  require_(typeof T === "number" && T > 0 && Number.isFinite(T), "learningWithoutForgetting", "temperature", T, "is not a finite number > 0", "pass e.g. temperature: 2");
  let old: Mlp | null = null;
  let units: number[] = [];
  // Selection matrix P [classes, units] (z·P keeps the old classes' logits) and its transpose.
  let P: tf.Tensor2D | null = null, Pt: tf.Tensor2D | null = null;
  const setUnits = (u: number[], classes: number) => {
    P?.dispose(); Pt?.dispose();
    units = u;
    const m = new Float32Array(classes * u.length);
    u.forEach((c, j) => { m[c * u.length + j] = 1; });
    P = tf.tensor2d(m, [classes, u.length]);
    Pt = tf.transpose(P);
  };
  return {
    name: "lwf",
    config: { alpha, temperature: T },
    afterTask(ctx) {
      old?.dispose();
      old = ctx.model.clone();
      const seen = new Set<number>(units);
      if (ctx.stream.scenario === "domain-incremental") for (let c = 0; c < ctx.stream.classes; c++) seen.add(c);
      else for (const c of ctx.task.classes) seen.add(c);
      setUnits([...seen].sort((a, b) => a - b), ctx.model.classes);
    },
    extraLoss(_ctx, x) {
      if (!old || units.length === 0 || alpha === 0) return null;
      const q = tf.softmax(tf.div(tf.matMul(old.logits(x), P!), T));
      const n = x.shape[0];
      // KL(q ‖ p) = Σ q (log q − log p), averaged over the batch (PyTorch kl_div, reduction "batchmean");
      // ∂/∂z = α·(softmax(z_u/T) − q)/(T·n) on the old units, 0 elsewhere.
      return lossWithGradient(
        (z) => tf.mul(tf.div(tf.sum(tf.mul(q, tf.sub(tf.log(tf.add(q, 1e-12)), tf.logSoftmax(tf.div(tf.matMul(z, P!), T))))), n), alpha) as tf.Scalar,
        (z) => tf.matMul(tf.mul(tf.sub(tf.softmax(tf.div(tf.matMul(z, P!), T)), q), alpha / (T * n)), Pt!) as tf.Tensor2D,
      );
    },
    saveState() { return old ? { units, weights: old.getWeights().map((w) => Array.from(w)) } : null; },
    loadState(state, { model }) {
      old?.dispose(); old = null;
      if (!state) return;
      const s = state as { units: number[]; weights: number[][] };
      old = model.clone();
      old.setWeights(s.weights);
      setUnits(s.units, model.classes);
    },
    dispose() { old?.dispose(); old = null; P?.dispose(); Pt?.dispose(); P = Pt = null; },
  };
}
