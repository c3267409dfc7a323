import { checkProbabilities } from "./confidence.js";

/**
 * Modified entropy (Song & Mittal 2021, "Systematic Evaluation of Privacy Risks of Machine
 * Learning Models", eq. 5): Mentr(p, y) = −(1 − p_y) log p_y − Σ_{c≠y} p_c log(1 − p_c).
 * Members score lower. Logs are clamped at 1e-30 as the authors' code does.
 */
export function miaModifiedEntropy(probabilities: ArrayLike<ArrayLike<number>>, labels: ArrayLike<number>): Float64Array {
  checkProbabilities("miaModifiedEntropy", probabilities, labels);
  const log = (v: number) => Math.log(Math.max(v, 1e-30));
  return Float64Array.from({ length: labels.length }, (_, i) => {
    const row = probabilities[i]!;
    const y = labels[i]!;
    let m = -(1 - row[y]!) * log(row[y]!);
    for (let c = 0; c < row.length; c++) if (c !== y) m -= row[c]! * log(1 - row[c]!);
    return m;
  });
}
