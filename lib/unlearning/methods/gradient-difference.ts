import { tf } from "../../core/backend.js";
import type { Mlp } from "../../models/index.js";
import type { UnlearningSplits } from "../splits.js";
import { ceRows, pairedEpochs } from "./paired-batches.js";
import { timed, type UnlearnResult, type UnlearnOptions } from "./result.js";

/**
 * Gradient difference (GradDiff): descend L = −CE(D_f batch) + w·CE(D_r batch), ascending on the
 * forget set while keeping the retain set fit (Liu et al. 2022; the "Grad. Diff." baseline of
 * TOFU, Maini et al. 2024). `retainWeight` w defaults to 1.
 */
export function unlearnGradientDifference(original: Mlp, splits: UnlearningSplits, options: UnlearnOptions & { retainWeight?: number }): Promise<UnlearnResult> {
  const w = options.retainWeight ?? 1;
  return timed("GradDiff", () => {
    const m = original.clone();
    pairedEpochs(m, splits.forget, splits.retain, { epochs: options.epochs ?? 3, lr: options.lr ?? 0.02, batchSize: options.batchSize ?? 64, seed: options.seed },
      (z, y, _rows, nf) => tf.tidy(() => {
        const forgetCe = tf.mean(ceRows(z, y, 0, nf));
        const retainCe = z.shape[0] > nf ? tf.mean(ceRows(z, y, nf, z.shape[0])) : tf.scalar(0);
        return tf.add(tf.neg(forgetCe), tf.mul(retainCe, w)) as tf.Scalar;
      }));
    return m;
  });
}
