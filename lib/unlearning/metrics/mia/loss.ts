import { checkProbabilities } from "./confidence.js";
import { requireFiniteArray } from "../../../core/errors.js";

/**
 * LOSS score (Yeom et al. 2018): the cross-entropy −log p_y(x) of each example. Members score
 * lower. For sequences, pass each sample's mean token negative log-likelihood to
 * {@link miaSequenceLoss} instead (open-unlearning's LOSSAttack: the average loss).
 */
export function miaLoss(probabilities: ArrayLike<ArrayLike<number>>, labels: ArrayLike<number>): Float64Array {
  checkProbabilities("miaLoss", probabilities, labels);
  return Float64Array.from({ length: labels.length }, (_, i) => -Math.log(Math.max(probabilities[i]![labels[i]!]!, 1e-300)));
}

/** LOSS score of token sequences: the mean negative log-likelihood of each sample's tokens (open-unlearning LOSSAttack `avg_loss`). Members score lower. */
export function miaSequenceLoss(tokenLogProbs: ArrayLike<ArrayLike<number>>): Float64Array {
  return Float64Array.from({ length: tokenLogProbs.length }, (_, i) => {
    const lp = tokenLogProbs[i]!;
    requireFiniteArray("miaSequenceLoss", `tokenLogProbs[${i}]`, lp);
    if (lp.length === 0) return 0;
    let s = 0;
    for (let k = 0; k < lp.length; k++) s -= lp[k]!;
    return s / lp.length;
  });
}
