import { require_ } from "../../core/errors.js";
import { mean, toAccepted, toLabel } from "./columns.js";

/**
 * Reward inflation: the verifier's mean reward minus the true accuracy of the same responses,
 * mean(r̃) − mean(correct). Positive when the verifier pays for wrong answers (false positives
 * a policy can learn to farm); negative when it withholds reward from right ones.
 * ("Pitfalls of Rule- and Model-based Verifiers", Huang et al. 2025.)
 */
export function rewardInflation(verdicts: readonly unknown[], labels: readonly unknown[]): number {
  require_(verdicts.length === labels.length && verdicts.length > 0, "rewardInflation", "verdicts", verdicts, `has ${verdicts.length} entries against ${labels.length} labels`, "pass one label per verdict, at least one");
  const r = verdicts.map((v, i) => (toAccepted("rewardInflation", "verdicts", v, i) ? 1 : 0));
  const y = labels.map((v, i) => (toLabel("rewardInflation", "labels", v, i) ? 1 : 0));
  return mean(r) - mean(y);
}
