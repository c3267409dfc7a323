import * as aq from "arquero";
import { require_, requireFiniteArray, requireInteger } from "../../core/errors.js";

/** One bin of a reliability diagram. */
export interface CalibrationBin { bin: number; lo: number; hi: number; count: number; confidence: number; accuracy: number }

/**
 * Reliability-diagram bins for scores in [0, 1]: `bins` equal-width bins on [0, 1], a score on
 * an inner edge going to the lower bin — scikit-learn's `calibration_curve(strategy="uniform")`
 * binning (`np.searchsorted(linspace(0, 1, bins+1)[1:-1], score)`). Each bin holds its count,
 * mean score (confidence) and share of positive labels (accuracy); empty bins are dropped, as
 * scikit-learn drops them.
 */
export function calibrationBins(scores: ArrayLike<number>, labels: ArrayLike<boolean | number>, bins = 10): CalibrationBin[] {
  const where = "calibrationBins";
  requireFiniteArray(where, "scores", scores);
  require_(scores.length === labels.length, where, "scores", scores, `has ${scores.length} entries but labels has ${labels.length}`, "pass one label per score");
  require_(scores.length > 0, where, "scores", scores, "is empty", "pass at least one score");
  requireInteger(where, "bins", bins, 1);
  for (let i = 0; i < scores.length; i++) require_(scores[i]! >= 0 && scores[i]! <= 1, where, `scores[${i}]`, scores[i], "is outside [0, 1]", "pass probabilities (e.g. a judge's P(correct))");
  const count = new Array<number>(bins).fill(0), conf = new Array<number>(bins).fill(0), pos = new Array<number>(bins).fill(0);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    // number of inner edges strictly below s = searchsorted(..., side="left")
    let b = Math.ceil(s * bins) - 1;
    if (b < 0) b = 0;
    // compare with the edge values numpy's linspace makes: k·(1/bins)
    const step = 1 / bins;
    while (b > 0 && s <= b * step) b--;
    while (b < bins - 1 && s > (b + 1) * step) b++;
    count[b]!++;
    conf[b]! += s;
    pos[b]! += labels[i] ? 1 : 0;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) if (count[b]! > 0) out.push({ bin: b, lo: b / bins, hi: (b + 1) / bins, count: count[b]!, confidence: conf[b]! / count[b]!, accuracy: pos[b]! / count[b]! });
  return out;
}

/**
 * Expected calibration error (Guo et al. 2017, "On Calibration of Modern Neural Networks"):
 * ECE = Σ_b (n_b / N)·|acc_b − conf_b| over equal-width bins as {@link calibrationBins} makes
 * them (scikit-learn's uniform `calibration_curve` binning), default 10 bins.
 */
export function expectedCalibrationError(scores: ArrayLike<number>, labels: ArrayLike<boolean | number>, bins = 10): number {
  const b = calibrationBins(scores, labels, bins);
  let ece = 0;
  for (const x of b) ece += (x.count / scores.length) * Math.abs(x.accuracy - x.confidence);
  return ece;
}

/** The reliability diagram's data as an arquero table (bin, lo, hi, count, confidence, accuracy). */
export function reliabilityTable(scores: ArrayLike<number>, labels: ArrayLike<boolean | number>, bins = 10): aq.ColumnTable {
  return aq.from(calibrationBins(scores, labels, bins));
}
