import { requireFinite, require_ } from "../../core/errors.js";

/** Whose PrivLeak: MUSE's eval code, or open-unlearning's `privleak` metric. */
export type PrivLeakConvention = "muse" | "open-unlearning";

/** Options for {@link privLeak}. */
export interface PrivLeakOptions {
  /**
   * Which set the AUCs take as the positive class. "forget" (default): the forget set, i.e. the
   * members — what `miaAuc(forget, holdout, direction)` returns, and what open-unlearning's
   * `mia_*` metrics report (they label the holdout 1 on loss-like scores: the same number).
   * "holdout": MUSE's AUC (metrics/privleak.py labels the holdout texts 1 on −score), which is
   * 1 − the forget-positive AUC — pass it when the AUCs come from MUSE (its auc.json, or the
   * retrained model's `AUC_RETRAIN` constants).
   */
  positive?: "forget" | "holdout";
}

/**
 * PrivLeak (MUSE, Shi et al. 2024, §3): how much more (or less) a membership attack tells the
 * forget set from the holdout set on the unlearned model than on the retrained one, relative to
 * the retrained one, in percent. `aucUnlearn` and `aucRetrain` are the two models' AUCs of the
 * same attack (MUSE: Min-40%) separating the forget set from the holdout set.
 *
 * - `"muse"` (default), swj0419/muse_bench eval.py: with A the AUC taking the *holdout* set as
 *   the positive class (MUSE's own), (A_unlearn − A_retrain) / A_retrain × 100.
 * - `"open-unlearning"`, locuslab/open-unlearning src/evals/metrics/privacy.py `privleak`: with u
 *   and r the AUCs taking the *forget* set as positive, ((1 − u) − (1 − r)) / ((1 − r) + 1e-10) × 100
 *   — MUSE's number, up to the 1e-10.
 *
 * Sign, in both: retraining gives ≈ 0; under-unlearning — the forget set still looks more like
 * training data than the never-seen holdout, forget-positive AUC above the retrained model's —
 * gives a negative PrivLeak (down to −100; MUSE's target models score about −100); over-unlearning
 * — the forget set looks less like training data than unseen data — a positive one.
 *
 * By default the AUCs are forget-positive, as `miaAuc` gives them, so `miaMinK` → `miaAuc` →
 * `privLeak(u, r)` reproduces MUSE's evaluation from the scores to the number; pass
 * `{ positive: "holdout" }` for AUCs in MUSE's orientation.
 */
export function privLeak(aucUnlearn: number, aucRetrain: number, convention: PrivLeakConvention = "muse", options: PrivLeakOptions = {}): number {
  requireFinite("privLeak", "aucUnlearn", aucUnlearn);
  requireFinite("privLeak", "aucRetrain", aucRetrain);
  require_(aucUnlearn >= 0 && aucUnlearn <= 1, "privLeak", "aucUnlearn", aucUnlearn, "is not an AUC in [0, 1]", "pass an AUC");
  require_(aucRetrain >= 0 && aucRetrain <= 1, "privLeak", "aucRetrain", aucRetrain, "is not an AUC in [0, 1]", "pass an AUC");
  require_(convention === "muse" || convention === "open-unlearning", "privLeak", "convention", convention, "is not a convention", 'pass "muse" or "open-unlearning"');
  const positive = options.positive ?? "forget";
  require_(positive === "forget" || positive === "holdout", "privLeak", "positive", positive, "is not a set", 'pass "forget" (as miaAuc gives the AUC) or "holdout" (MUSE\'s AUC)');
  // forget-positive AUCs u, r; MUSE's holdout-positive AUCs are 1 − u, 1 − r
  const [u, r] = positive === "forget" ? [aucUnlearn, aucRetrain] : [1 - aucUnlearn, 1 - aucRetrain];
  if (convention === "open-unlearning") return ((1 - u) - (1 - r)) / ((1 - r) + 1e-10) * 100;
  const museRetrain = 1 - r;
  require_(museRetrain > 0, "privLeak", "aucRetrain", aucRetrain, "leaves MUSE's holdout-positive AUC of the retrained model at 0, so the relative difference is undefined", "check the retrained model's AUC and the positive class");
  return ((1 - u) - museRetrain) / museRetrain * 100;
}
