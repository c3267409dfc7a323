import { requireSameLength, sortedByClass, toBinaryLabels, toSample } from "./check-input.js";

/**
 * Area under the ROC curve: the probability that a random positive (label 1) scores higher than
 * a random negative (label 0), ties counted half —
 * AUC = (1/(P·N)) Σ_{i∈pos} Σ_{j∈neg} [s_i > s_j] + ½[s_i = s_j].
 * Matches scikit-learn's `roc_auc_score(labels, scores)` (binary case; Mann–Whitney U / (P·N)).
 * O(n log n): sorts each class with the native typed-array sort and merges.
 *
 * @param scores higher = more likely positive
 * @param labels 1 (or true) = positive, 0 (or false) = negative; both classes must occur
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>): number {
  const s = toSample("rocAuc", "scores", scores);
  requireSameLength("rocAuc", "scores", scores, "labels", labels);
  const y = toBinaryLabels("rocAuc", "labels", labels);
  const { pos, neg } = sortedByClass(s, y);
  // For each positive (ascending), count negatives strictly below and equal to it.
  let below = 0;
  let j = 0;
  let u = 0;
  const nn = neg.length;
  for (let i = 0; i < pos.length; i++) {
    const v = pos[i]!;
    while (j < nn && neg[j]! < v) j++;
    below = j;
    let k = j;
    while (k < nn && neg[k]! === v) k++;
    u += below + 0.5 * (k - j);
  }
  return u / pos.length / nn;
}
