import { tf } from "../../core/backend.js";
import type { LabelledData, Mlp } from "../../models/index.js";
import type { UnlearningSplits } from "../splits.js";
import { ceRows, pairedEpochs } from "./paired-batches.js";
import { timed, type UnlearnResult, type UnlearnOptions } from "./result.js";

/** log π(y_i | x_i) of every example under `model`. */
export function labelLogProbs(model: Mlp, data: LabelledData): Float32Array {
  const l = model.lossPerExample(data);
  return l.map((v) => -v);
}

/**
 * Negative Preference Optimization (NPO; Zhang et al. 2024, "Negative Preference Optimization:
 * From Catastrophic Collapse to Effective Unlearning"): minimise
 * L = (2/β)·E_{D_f}[log(1 + (π_θ(y|x)/π_ref(y|x))^β)] = (2/β)·E[softplus(β(log π_θ − log π_ref))],
 * with π_ref the original model (frozen) and β = 0.1 by default. With `retainWeight` w > 0 it adds
 * w·CE(D_r) (open-unlearning's NPO with its retain term); default 0 (plain NPO).
 */
export function unlearnNpo(original: Mlp, splits: UnlearningSplits, options: UnlearnOptions & { beta?: number; retainWeight?: number }): Promise<UnlearnResult> {
  const beta = options.beta ?? 0.1;
  const w = options.retainWeight ?? 0;
  return timed("NPO", () => {
    const ref = labelLogProbs(original, splits.forget);
    const m = original.clone();
    pairedEpochs(m, splits.forget, w > 0 ? splits.retain : { ...splits.retain, n: 0, x: new Float32Array(0), y: new Int32Array(0) },
      { epochs: options.epochs ?? 3, lr: options.lr ?? 0.05, batchSize: options.batchSize ?? 64, seed: options.seed },
      (z, y, rows, nf) => tf.tidy(() => {
        const logp = tf.neg(ceRows(z, y, 0, nf));
        const logRef = tf.tensor1d(Float32Array.from(rows, (i) => ref[i]!));
        const npo = tf.mul(tf.mean(tf.softplus(tf.mul(tf.sub(logp, logRef), beta))), 2 / beta);
        if (w === 0 || z.shape[0] === nf) return npo as tf.Scalar;
        return tf.add(npo, tf.mul(tf.mean(ceRows(z, y, nf, z.shape[0])), w)) as tf.Scalar;
      }));
    return m;
  });
}
