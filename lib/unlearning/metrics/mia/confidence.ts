import { require_ } from "../../../core/errors.js";

/** Checks rows of class probabilities against labels; shared by the classification MIA scores. */
export function checkProbabilities(where: string, probabilities: ArrayLike<ArrayLike<number>>, labels: ArrayLike<number>): void {
  require_(probabilities.length === labels.length, where, "labels.length", labels.length, `is not the ${probabilities.length} rows of probabilities`, "pass one label per row");
  require_(probabilities.length > 0, where, "probabilities", probabilities, "is empty", "pass at least one row");
  for (let i = 0; i < probabilities.length; i++) {
    const row = probabilities[i]!;
    const y = labels[i]!;
    require_(Number.isInteger(y) && y >= 0 && y < row.length, where, `labels[${i}]`, y, `is not a class 0…${row.length - 1}`, "pass integer class labels");
    for (let c = 0; c < row.length; c++) require_(typeof row[c] === "number" && row[c]! >= 0 && row[c]! <= 1, where, `probabilities[${i}][${c}]`, row[c], "is not a probability", "pass softmax outputs");
  }
}

/**
 * Confidence score p_y(x), the model's probability of the true label (Yeom et al. 2018; Song &
 * Mittal 2021, "Systematic Evaluation of Privacy Risks", M_conf). Members score higher.
 */
export function miaConfidence(probabilities: ArrayLike<ArrayLike<number>>, labels: ArrayLike<number>): Float64Array {
  checkProbabilities("miaConfidence", probabilities, labels);
  return Float64Array.from({ length: labels.length }, (_, i) => probabilities[i]![labels[i]!]!);
}
