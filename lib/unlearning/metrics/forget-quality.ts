import { requireFiniteArray } from "../../core/errors.js";
import { ks2samp } from "../../stats/index.js";

/**
 * TOFU Forget Quality (Maini et al. 2024, §2.5; open-unlearning `ks_test`): the two-sided
 * Kolmogorov–Smirnov p-value (scipy `ks_2samp` defaults, replab's `ks2samp`) between the
 * forget-set truth ratios of the unlearned model and of the model trained on the retain set only.
 * High (≥ 0.05) = indistinguishable from never having seen the forget set.
 */
export function forgetQuality(unlearnedTruthRatios: ArrayLike<number>, retainTruthRatios: ArrayLike<number>): number {
  requireFiniteArray("forgetQuality", "unlearnedTruthRatios", unlearnedTruthRatios);
  requireFiniteArray("forgetQuality", "retainTruthRatios", retainTruthRatios);
  return ks2samp(unlearnedTruthRatios, retainTruthRatios).pvalue;
}
