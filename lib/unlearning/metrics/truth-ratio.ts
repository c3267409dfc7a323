import { require_, requireFiniteArray } from "../../core/errors.js";

/**
 * open-unlearning's truth-ratio aggregators (src/evals/metrics/memorization.py `truth_ratio`):
 * `closer_to_1_better` (TOFU's forget set), `true_better` (TOFU's other sets) and the newer
 * `prob_mean` (the OpenUnlearning paper's "extent of knowledge"), which also changes the ratio.
 */
export type TruthRatioAggregator = "closer_to_1_better" | "true_better" | "prob_mean";

const AGGREGATORS: readonly string[] = ["closer_to_1_better", "true_better", "prob_mean"];

/**
 * TOFU truth ratio per question (Maini et al. 2024, eq. 1; open-unlearning `truth_ratio`):
 * R = P̄(perturbed) / (P̄(paraphrased) + 1e-10), where P̄ = exp(−mean token loss) is the
 * length-normalised answer probability and P̄(perturbed) = exp(−mean over the perturbed answers
 * of their mean token losses) (a geometric mean). The 1e-10 is open-unlearning's.
 * With `aggregator: "prob_mean"`, open-unlearning's newer definition instead:
 * R = P̄(paraphrased) / (P̄(paraphrased) + P̄(perturbed) + 1e-10), the probability mass on the
 * true answer (higher = knows more); the other aggregators keep TOFU's ratio.
 *
 * @param paraphrasedAvgLoss one mean token loss per question (the paraphrased true answer)
 * @param perturbedAvgLosses per question, the mean token losses of its perturbed (false) answers
 */
export function truthRatio(paraphrasedAvgLoss: ArrayLike<number>, perturbedAvgLosses: ArrayLike<ArrayLike<number>>, aggregator: TruthRatioAggregator = "closer_to_1_better"): Float64Array {
  requireFiniteArray("truthRatio", "paraphrasedAvgLoss", paraphrasedAvgLoss);
  require_(AGGREGATORS.includes(aggregator), "truthRatio", "aggregator", aggregator, "is not an aggregator", 'pass "closer_to_1_better", "true_better" or "prob_mean"');
  require_(paraphrasedAvgLoss.length === perturbedAvgLosses.length, "truthRatio", "perturbedAvgLosses.length", perturbedAvgLosses.length, `is not the ${paraphrasedAvgLoss.length} questions`, "pass one list of perturbed losses per question");
  return Float64Array.from({ length: paraphrasedAvgLoss.length }, (_, i) => {
    const pert = perturbedAvgLosses[i]!;
    require_(pert.length > 0, "truthRatio", `perturbedAvgLosses[${i}]`, pert, "is empty", "give each question at least one perturbed answer");
    requireFiniteArray("truthRatio", `perturbedAvgLosses[${i}]`, pert);
    let m = 0;
    for (let k = 0; k < pert.length; k++) m += pert[k]!;
    m /= pert.length;
    const wrong = Math.exp(-m), correct = Math.exp(-paraphrasedAvgLoss[i]!);
    return aggregator === "prob_mean" ? correct / (correct + wrong + 1e-10) : wrong / (correct + 1e-10);
  });
}

/**
 * Aggregate of truth ratios as open-unlearning reports it: `closer_to_1_better` (TOFU's forget
 * set) mean(min(R, 1/(R + 1e-10))); `true_better` (the other sets) mean(max(0, 1 − R));
 * `prob_mean` mean(R) of the ratios {@link truthRatio} computes with `"prob_mean"`.
 */
export function truthRatioScore(ratios: ArrayLike<number>, aggregator: TruthRatioAggregator): number {
  requireFiniteArray("truthRatioScore", "ratios", ratios);
  require_(ratios.length > 0, "truthRatioScore", "ratios", ratios, "is empty", "pass at least one truth ratio");
  require_(AGGREGATORS.includes(aggregator), "truthRatioScore", "aggregator", aggregator, "is not an aggregator", 'pass "closer_to_1_better" (forget set), "true_better" (retain set) or "prob_mean"');
  let s = 0;
  for (let i = 0; i < ratios.length; i++) {
    const r = ratios[i]!;
    s += aggregator === "closer_to_1_better" ? Math.min(r, 1 / (r + 1e-10)) : aggregator === "true_better" ? Math.max(0, 1 - r) : r;
  }
  return s / ratios.length;
}
