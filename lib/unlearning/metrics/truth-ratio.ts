import { require_, requireFiniteArray } from "../../core/errors.js";

/**
 * TOFU truth ratio per question (Maini et al. 2024, eq. 1; open-unlearning `truth_ratio`):
 * R = P̄(perturbed) / (P̄(paraphrased) + 1e-10), where P̄ = exp(−mean token loss) is the
 * length-normalised answer probability and P̄(perturbed) = exp(−mean over the perturbed answers
 * of their mean token losses) (a geometric mean). The 1e-10 is open-unlearning's.
 *
 * @param paraphrasedAvgLoss one mean token loss per question (the paraphrased true answer)
 * @param perturbedAvgLosses per question, the mean token losses of its perturbed (false) answers
 */
export function truthRatio(paraphrasedAvgLoss: ArrayLike<number>, perturbedAvgLosses: ArrayLike<ArrayLike<number>>): Float64Array {
  requireFiniteArray("truthRatio", "paraphrasedAvgLoss", paraphrasedAvgLoss);
  require_(paraphrasedAvgLoss.length === perturbedAvgLosses.length, "truthRatio", "perturbedAvgLosses.length", perturbedAvgLosses.length, `is not the ${paraphrasedAvgLoss.length} questions`, "pass one list of perturbed losses per question");
  return Float64Array.from({ length: paraphrasedAvgLoss.length }, (_, i) => {
    const pert = perturbedAvgLosses[i]!;
    require_(pert.length > 0, "truthRatio", `perturbedAvgLosses[${i}]`, pert, "is empty", "give each question at least one perturbed answer");
    requireFiniteArray("truthRatio", `perturbedAvgLosses[${i}]`, pert);
    let m = 0;
    for (let k = 0; k < pert.length; k++) m += pert[k]!;
    m /= pert.length;
    return Math.exp(-m) / (Math.exp(-paraphrasedAvgLoss[i]!) + 1e-10);
  });
}

/**
 * Aggregate of truth ratios as TOFU reports it: on the forget set "closer to 1 is better",
 * mean(min(R, 1/(R + 1e-10))); elsewhere "true is better", mean(max(0, 1 − R))
 * (open-unlearning `closer_to_1_better` / `true_better`).
 */
export function truthRatioScore(ratios: ArrayLike<number>, aggregator: "closer_to_1_better" | "true_better"): number {
  requireFiniteArray("truthRatioScore", "ratios", ratios);
  require_(ratios.length > 0, "truthRatioScore", "ratios", ratios, "is empty", "pass at least one truth ratio");
  require_(aggregator === "closer_to_1_better" || aggregator === "true_better", "truthRatioScore", "aggregator", aggregator, "is not an aggregator", 'pass "closer_to_1_better" (forget set) or "true_better" (retain set)');
  let s = 0;
  for (let i = 0; i < ratios.length; i++) {
    const r = ratios[i]!;
    s += aggregator === "closer_to_1_better" ? Math.min(r, 1 / (r + 1e-10)) : Math.max(0, 1 - r);
  }
  return s / ratios.length;
}
