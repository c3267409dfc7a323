import type { Mlp } from "../../models/index.js";
import type { UnlearningSplits } from "../splits.js";
import { crossEntropyLoss, trainEpochs } from "../train.js";
import { timed, type UnlearnResult, type UnlearnOptions } from "./result.js";

/**
 * Fine-tune (FT): continue training a copy of the original model on the retain set with
 * cross-entropy, hoping catastrophic forgetting removes D_f (Warnecke et al. 2023; the "FT"
 * baseline of SalUn and ℓ1-sparse).
 */
export function unlearnFinetune(original: Mlp, splits: UnlearningSplits, options: UnlearnOptions): Promise<UnlearnResult> {
  return timed("FT", () => {
    const m = original.clone();
    trainEpochs(m, splits.retain, crossEntropyLoss, { epochs: options.epochs ?? 3, lr: options.lr ?? 0.1, batchSize: options.batchSize ?? 64, seed: options.seed });
    return m;
  });
}
