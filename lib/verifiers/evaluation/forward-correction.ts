import { require_, requireFinite } from "../../core/errors.js";

/**
 * Forward-corrected score-function weight for a verifier with false-negative rate ρ1
 * (Cai, Wang, Liu, Liu, Niu & Sugiyama 2025, "Reinforcement Learning with Verifiable yet Noisy
 * Rewards under Imperfect Verifiers", arXiv 2510.00915): the policy gradient weights each
 * sample's ∇log π(y) by w1 = ρ1 when the verifier accepted it (r̃ = 1) and by w0 = ρ1 − 1 when it
 * rejected it (r̃ = 0), i.e. w = r̃ − (1 − ρ1). Only ρ1 = P(r̃ = 0 | right) is needed.
 *
 * Why it works: with ρ0 = P(r̃ = 1 | wrong), E[w | right] = (1 − ρ1)·ρ1 + ρ1·(ρ1 − 1) = 0 and
 * E[w | wrong] = ρ0·ρ1 + (1 − ρ0)·(ρ1 − 1) = −(1 − ρ0 − ρ1), so E[w | R*] = (1 − ρ0 − ρ1)·(R* − 1)
 * and, since E[∇log π] = 0, E[w·∇log π] = (1 − ρ0 − ρ1)·∇E[R*]: the clean gradient's direction,
 * scaled by 1 − ρ0 − ρ1 (the same scale as the uncorrected r̃·∇log π, whose baseline it shifts).
 * Because w is r̃ minus a constant, a group-mean baseline or GRPO's normalisation removes the
 * difference: there it changes nothing. Works on one reward or an array; r̃ must lie in [0, 1]
 * (the weight is linear in it).
 */
export function forwardCorrectionWeight(observed: number, rho1: number): number;
export function forwardCorrectionWeight(observed: ArrayLike<number>, rho1: number): Float64Array;
export function forwardCorrectionWeight(observed: number | ArrayLike<number>, rho1: number): number | Float64Array {
  const where = "forwardCorrectionWeight";
  requireFinite(where, "rho1", rho1);
  require_(rho1 >= 0 && rho1 < 1, where, "rho1", rho1, "is outside [0, 1)", "pass the false-negative rate P(reward 0 | right), e.g. from estimateNoiseRates");
  const one = (r: number, i: number | null) => {
    require_(Number.isFinite(r) && r >= 0 && r <= 1, where, i === null ? "observed" : `observed[${i}]`, r, "is not a reward in [0, 1]", "pass the verifier's 0/1 reward");
    return r - (1 - rho1);
  };
  if (typeof observed === "number") return one(observed, null);
  const out = new Float64Array(observed.length);
  for (let i = 0; i < observed.length; i++) out[i] = one(observed[i]!, i);
  return out;
}
