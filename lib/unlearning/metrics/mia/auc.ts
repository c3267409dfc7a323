import { require_, requireFiniteArray } from "../../../core/errors.js";
import { rocAuc } from "../../../stats/index.js";

/** Which way a membership score points. */
export type MembershipDirection = "higher-is-member" | "lower-is-member";

/**
 * Direction of each replab MIA score: confidence is higher for members; LOSS, entropy, modified
 * entropy, Min-K%, zlib and reference scores are lower for members.
 */
export const MIA_SCORE_DIRECTION: Record<string, MembershipDirection> = {
  confidence: "higher-is-member", loss: "lower-is-member", entropy: "lower-is-member",
  modifiedEntropy: "lower-is-member", minK: "lower-is-member", zlib: "lower-is-member", reference: "lower-is-member",
};

/**
 * Membership-inference AUC with **members as the positive class**: the probability that a random
 * member looks more like a member than a random non-member (ties half), via `rocAuc`. 0.5 = the
 * attack cannot tell; 1 = it always can. `direction` says which way the score points.
 * open-unlearning's `mia_auc` labels holdout (non-members) 1 on loss-like scores — the same
 * number; MUSE's eval code takes the holdout set as the positive class and so reports
 * 1 − this (see `privLeak`, which takes this AUC by default).
 */
export function miaAuc(memberScores: ArrayLike<number>, nonMemberScores: ArrayLike<number>, direction: MembershipDirection): number {
  require_(direction === "higher-is-member" || direction === "lower-is-member", "miaAuc", "direction", direction, "is not a direction", 'pass "higher-is-member" or "lower-is-member" (see MIA_SCORE_DIRECTION)');
  require_(memberScores.length > 0, "miaAuc", "memberScores", memberScores, "is empty", "pass at least one member score");
  require_(nonMemberScores.length > 0, "miaAuc", "nonMemberScores", nonMemberScores, "is empty", "pass at least one non-member score");
  requireFiniteArray("miaAuc", "memberScores", memberScores);
  requireFiniteArray("miaAuc", "nonMemberScores", nonMemberScores);
  const sign = direction === "higher-is-member" ? 1 : -1;
  const scores = new Float64Array(memberScores.length + nonMemberScores.length);
  const labels = new Uint8Array(scores.length);
  for (let i = 0; i < memberScores.length; i++) { scores[i] = sign * memberScores[i]!; labels[i] = 1; }
  for (let i = 0; i < nonMemberScores.length; i++) scores[memberScores.length + i] = sign * nonMemberScores[i]!;
  return rocAuc(scores, labels);
}
