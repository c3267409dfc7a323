import type { Mlp } from "../../models/index.js";
import type { UnlearningSplits } from "../splits.js";
import { trainClassifier } from "../train.js";
import { timed, type UnlearnResult, type UnlearnOptions } from "./result.js";

/**
 * Retrain from scratch on the retain set only — exact unlearning, the gold standard every
 * approximate method is compared against (Bourtoule et al. 2021, "Machine Unlearning"; the
 * "Retrain" row of SalUn and ℓ1-sparse). Uses the original model's architecture.
 */
export function unlearnRetrain(original: Mlp, splits: UnlearningSplits, options: UnlearnOptions & { hidden?: number[] }): Promise<UnlearnResult> {
  return timed("Retrain", () => trainClassifier(splits.retain, {
    hidden: options.hidden ?? original.sizes.slice(1, -1),
    classes: original.classes,
    epochs: options.epochs ?? 20,
    lr: options.lr ?? 0.3,
    batchSize: options.batchSize ?? 64,
    seed: options.seed,
  }));
}
