import { requireSameLength, toBinaryLabels, toSample } from "./check-input.js";

/** Points of an ROC curve, one per threshold, as scikit-learn's `roc_curve` returns them. */
export interface RocCurve {
  /** False-positive rate at each threshold (ascending). */
  fpr: number[];
  /** True-positive rate at each threshold (ascending). */
  tpr: number[];
  /** Score thresholds (descending); a sample is predicted positive when score ≥ threshold. The first is +Infinity. */
  thresholds: number[];
}

/**
 * The ROC curve: for each distinct score t (descending), FPR(t) = #{neg: s ≥ t}/N and
 * TPR(t) = #{pos: s ≥ t}/P, starting at (0, 0) with threshold +∞. Like scikit-learn's
 * `roc_curve(labels, scores, drop_intermediate=True)`, collinear points are dropped unless
 * `dropIntermediate` is false. (scikit-learn < 1.3 writes max(score)+1 for the first
 * threshold; replab writes +Infinity as scikit-learn ≥ 1.3 does.)
 */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>, options: { dropIntermediate?: boolean } = {}): RocCurve {
  const s = toSample("rocCurve", "scores", scores);
  requireSameLength("rocCurve", "scores", scores, "labels", labels);
  const y = toBinaryLabels("rocCurve", "labels", labels);
  const order = Array.from({ length: s.length }, (_, i) => i).sort((a, b) => s[b]! - s[a]!);
  // Cumulative counts at the last index of each distinct score (descending).
  const fps: number[] = [];
  const tps: number[] = [];
  const thr: number[] = [];
  let tp = 0, fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (y[i]) tp++; else fp++;
    if (k === order.length - 1 || s[order[k + 1]!]! !== s[i]!) {
      fps.push(fp); tps.push(tp); thr.push(s[i]!);
    }
  }
  let keep: number[] = fps.map((_, i) => i);
  if (options.dropIntermediate ?? true) {
    // scikit-learn: keep i where the second difference of fps or tps is non-zero, plus the ends.
    keep = [];
    for (let i = 0; i < fps.length; i++) {
      if (i === 0 || i === fps.length - 1) { keep.push(i); continue; }
      const d2f = fps[i + 1]! - 2 * fps[i]! + fps[i - 1]!;
      const d2t = tps[i + 1]! - 2 * tps[i]! + tps[i - 1]!;
      if (d2f !== 0 || d2t !== 0) keep.push(i);
    }
  }
  const P = tp, N = fp;
  return {
    fpr: [0, ...keep.map((i) => fps[i]! / N)],
    tpr: [0, ...keep.map((i) => tps[i]! / P)],
    thresholds: [Infinity, ...keep.map((i) => thr[i]!)],
  };
}
