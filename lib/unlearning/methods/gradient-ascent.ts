import { tf } from "../../core/backend.js";
import type { Mlp } from "../../models/index.js";
import type { UnlearningSplits } from "../splits.js";
import { crossEntropyLoss, trainEpochs } from "../train.js";
import { timed, type UnlearnResult, type UnlearnOptions } from "./result.js";

/**
 * Gradient ascent (GA): maximise the cross-entropy on the forget set, i.e. SGD on −CE(D_f)
 * (Thudi et al. 2022; Jang et al. 2023; the "GA" baseline of TOFU and SalUn).
 */
export function unlearnGradientAscent(original: Mlp, splits: UnlearningSplits, options: UnlearnOptions): Promise<UnlearnResult> {
  return timed("GA", () => {
    const m = original.clone();
    trainEpochs(m, splits.forget, (z, b) => tf.neg(crossEntropyLoss(z, b)), { epochs: options.epochs ?? 3, lr: options.lr ?? 0.02, batchSize: options.batchSize ?? 64, seed: options.seed });
    return m;
  });
}
