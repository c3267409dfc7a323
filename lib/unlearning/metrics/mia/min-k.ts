import { require_, requireFiniteArray } from "../../../core/errors.js";

/**
 * Min-K% Prob (Shi et al. 2024, "Detecting Pretraining Data from Large Language Models"), as
 * open-unlearning's MinKProbAttack: −mean of the ⌊k·T⌋ (at least 1) lowest token log-probabilities
 * of each sample; k = 0.4 by default (MUSE). Members score lower. An empty sample scores 0.
 */
export function miaMinK(tokenLogProbs: ArrayLike<ArrayLike<number>>, k = 0.4): Float64Array {
  require_(k > 0 && k <= 1, "miaMinK", "k", k, "is not in (0, 1]", "pass a share of tokens such as 0.4");
  return Float64Array.from({ length: tokenLogProbs.length }, (_, i) => {
    const lp = tokenLogProbs[i]!;
    requireFiniteArray("miaMinK", `tokenLogProbs[${i}]`, lp);
    if (lp.length === 0) return 0;
    const sorted = Float64Array.from(lp).sort();
    const num = Math.max(1, Math.floor(lp.length * k));
    let s = 0;
    for (let j = 0; j < num; j++) s += sorted[j]!;
    return -s / num;
  });
}
