import { requireFinite, require_ } from "../../core/errors.js";

/**
 * PrivLeak (MUSE, Shi et al. 2024, §3): (AUC_unlearn − AUC_retrain) / AUC_retrain × 100, where each
 * AUC is a membership attack's (Min-K%) AUC separating D_forget from D_holdout. ≈ 0 is good;
 * ≪ 0 = over-unlearning, ≫ 0 = under-unlearning.
 *
 * Conventions (name one): `"muse"` (default) uses the AUCs as given. `"open-unlearning"` is
 * open-unlearning's `privleak`, which receives AUCs computed with the holdout set as positive class
 * and flips them: ((1 − u) − (1 − r)) / ((1 − r) + 1e-10) × 100.
 */
export function privLeak(aucUnlearn: number, aucRetrain: number, convention: "muse" | "open-unlearning" = "muse"): number {
  requireFinite("privLeak", "aucUnlearn", aucUnlearn);
  requireFinite("privLeak", "aucRetrain", aucRetrain);
  require_(aucUnlearn >= 0 && aucUnlearn <= 1, "privLeak", "aucUnlearn", aucUnlearn, "is not an AUC in [0, 1]", "pass an AUC");
  require_(aucRetrain >= 0 && aucRetrain <= 1, "privLeak", "aucRetrain", aucRetrain, "is not an AUC in [0, 1]", "pass an AUC");
  require_(convention === "muse" || convention === "open-unlearning", "privLeak", "convention", convention, "is not a convention", 'pass "muse" or "open-unlearning"');
  if (convention === "open-unlearning") return ((1 - aucUnlearn) - (1 - aucRetrain)) / ((1 - aucRetrain) + 1e-10) * 100;
  require_(aucRetrain > 0, "privLeak", "aucRetrain", aucRetrain, "is 0, so the relative difference is undefined", "check the retrained model's AUC");
  return ((aucUnlearn - aucRetrain) / aucRetrain) * 100;
}
