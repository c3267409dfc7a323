import type { Mlp } from "../../models/index.js";
import type { UnlearningSplits } from "../splits.js";

/** UA, RA and TA of a model on an unlearning split. */
export interface UnlearningAccuracies {
  /** Unlearning accuracy UA = 1 − accuracy on the forget set. */
  UA: number;
  /** Remaining accuracy RA = accuracy on the retain set. */
  RA: number;
  /** Testing accuracy TA = accuracy on the test set (kept classes). */
  TA: number;
}

/**
 * UA = 1 − Acc(D_f), RA = Acc(D_r), TA = Acc(D_test) — the accuracy metrics of ℓ1-sparse
 * (Jia et al. 2023, §5) and SalUn (Fan et al. 2024, §5). Accuracy = share of argmax predictions
 * equal to the label.
 */
export function unlearningAccuracies(model: Mlp, splits: UnlearningSplits): UnlearningAccuracies {
  return { UA: 1 - model.accuracy(splits.forget), RA: model.accuracy(splits.retain), TA: model.accuracy(splits.test) };
}
