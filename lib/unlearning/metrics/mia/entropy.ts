import { checkProbabilities } from "./confidence.js";

const xlogx = (p: number): number => (p > 0 ? p * Math.log(p) : 0);

/**
 * Prediction entropy H(p(x)) = −Σ_c p_c log p_c (Salem et al. 2019; Song & Mittal 2021, M_entr).
 * Members score lower. `labels` are accepted for a uniform signature and only checked.
 */
export function miaEntropy(probabilities: ArrayLike<ArrayLike<number>>, labels: ArrayLike<number>): Float64Array {
  checkProbabilities("miaEntropy", probabilities, labels);
  return Float64Array.from({ length: labels.length }, (_, i) => {
    const row = probabilities[i]!;
    let h = 0;
    for (let c = 0; c < row.length; c++) h -= xlogx(row[c]!);
    return h;
  });
}
