import { require_, requireFinite } from "../../core/errors.js";
import { toAccepted, toLabel } from "./columns.js";

/** A verifier's noise rates: ρ0 = P(reward 1 | wrong) (false positives), ρ1 = P(reward 0 | right) (false negatives). */
export interface VerifierNoiseRates { rho0: number; rho1: number }

function checkRates(where: string, rho0: number, rho1: number): void {
  requireFinite(where, "rho0", rho0);
  requireFinite(where, "rho1", rho1);
  require_(rho0 >= 0 && rho0 < 1, where, "rho0", rho0, "is outside [0, 1)", "pass the false-positive rate P(reward 1 | wrong)");
  require_(rho1 >= 0 && rho1 < 1, where, "rho1", rho1, "is outside [0, 1)", "pass the false-negative rate P(reward 0 | right)");
  require_(rho0 + rho1 < 1, where, "rho0 + rho1", rho0 + rho1, "is 1 or more (the verifier carries no signal, or is inverted)", "flip the verifier's output or re-estimate the rates");
}

/**
 * Backward-corrected reward for a verifier with known noise rates (Natarajan et al. 2013,
 * "Learning with Noisy Labels"; applied to RLVR in "RL with Verifiable yet Noisy Rewards"):
 * r̂ = (r̃ − ρ0)/(1 − ρ0 − ρ1), with ρ0 = P(r̃ = 1 | wrong) and ρ1 = P(r̃ = 0 | right). It is
 * unbiased: E[r̂ | right] = (1 − ρ1 − ρ0)/(1 − ρ0 − ρ1) = 1 and E[r̂ | wrong] = (ρ0 − ρ0)/… = 0.
 * Works on one reward or an array; r̃ must be 0 or 1 (or in [0, 1] for averaged rewards).
 */
export function noiseCorrectedReward(observed: number, rho0: number, rho1: number): number;
export function noiseCorrectedReward(observed: ArrayLike<number>, rho0: number, rho1: number): Float64Array;
export function noiseCorrectedReward(observed: number | ArrayLike<number>, rho0: number, rho1: number): number | Float64Array {
  const where = "noiseCorrectedReward";
  checkRates(where, rho0, rho1);
  const one = (r: number, i: number | null) => {
    require_(Number.isFinite(r) && r >= 0 && r <= 1, where, i === null ? "observed" : `observed[${i}]`, r, "is not a reward in [0, 1]", "pass the verifier's 0/1 reward");
    return (r - rho0) / (1 - rho0 - rho1);
  };
  if (typeof observed === "number") return one(observed, null);
  const out = new Float64Array(observed.length);
  for (let i = 0; i < observed.length; i++) out[i] = one(observed[i]!, i);
  return out;
}

/**
 * Estimates ρ0 = P(accepted | wrong) and ρ1 = P(rejected | right) from a labelled calibration
 * set (verdicts as in verifierConfusion, labels true when right) — FPR and FNR.
 */
export function estimateNoiseRates(verdicts: readonly unknown[], labels: readonly unknown[]): VerifierNoiseRates {
  const where = "estimateNoiseRates";
  require_(verdicts.length === labels.length, where, "verdicts", verdicts, `has ${verdicts.length} entries but labels has ${labels.length}`, "pass one label per verdict");
  let fp = 0, neg = 0, fn = 0, pos = 0;
  verdicts.forEach((v, i) => {
    const a = toAccepted(where, "verdicts", v, i), y = toLabel(where, "labels", labels[i], i);
    if (y) { pos++; if (!a) fn++; } else { neg++; if (a) fp++; }
  });
  require_(pos > 0 && neg > 0, where, "labels", labels, "lack a right or a wrong example", "label both right and wrong responses");
  return { rho0: fp / neg, rho1: fn / pos };
}
