import { tf } from "../../core/backend.js";
import type { Mlp } from "../../models/index.js";
import type { UnlearningSplits } from "../splits.js";
import { crossEntropyLoss, trainEpochs } from "../train.js";
import { timed, type UnlearnResult, type UnlearnOptions } from "./result.js";

/**
 * ℓ1-sparse unlearning (Jia et al. 2023, "Model Sparsity Can Simplify Machine Unlearning",
 * NeurIPS, eq. 3): fine-tune on the retain set minimising CE(D_r) + γ_t‖θ‖₁, with the
 * (sub)gradient γ_t·sign(θ) added to each step and γ_t decaying linearly from `gamma` (default
 * 5e-4) to 0 over the epochs, as the paper's schedule.
 */
export function unlearnL1Sparse(original: Mlp, splits: UnlearningSplits, options: UnlearnOptions & { gamma?: number }): Promise<UnlearnResult> {
  const gamma = options.gamma ?? 5e-4;
  const epochs = options.epochs ?? 3;
  return timed("l1-sparse", () => {
    const m = original.clone();
    trainEpochs(m, splits.retain, crossEntropyLoss, {
      epochs, lr: options.lr ?? 0.1, batchSize: options.batchSize ?? 64, seed: options.seed,
      penaltyGrad: (e) => {
        const g = gamma * (1 - e / epochs);
        return (p) => ({ W: p.W.map((w) => tf.mul(tf.sign(w), g) as tf.Tensor2D), b: p.b.map((b) => tf.mul(tf.sign(b), g) as tf.Tensor1D) });
      },
    });
    return m;
  });
}
