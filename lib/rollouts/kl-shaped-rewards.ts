import { require_, requireFinite, requireFiniteArray } from "../core/index.js";
import { klEstimate, type KlEstimator } from "./kl-estimators.js";

/**
 * Rewards with a KL penalty to a reference folded in, as PPO-style RLHF does (Ziegler et al. 2019;
 * TRL's PPO "kl in reward"): r̃_i = r_i − β·k(log π(y_i), log π_ref(y_i)) with k one of Schulman's
 * estimators of KL(π ‖ π_ref) for samples y_i ∼ π (default k1 = log π − log π_ref, per sequence).
 * Feed r̃ to {@link groupAdvantages} for a KL-regularised GRPO/REINFORCE step on a sampled model.
 */
export function klShapedRewards(rewards: ArrayLike<number>, logp: ArrayLike<number>, logpRef: ArrayLike<number>, beta: number, estimator: KlEstimator = "k1"): Float64Array {
  requireFinite("klShapedRewards", "beta", beta);
  require_(beta >= 0, "klShapedRewards", "beta", beta, "is negative", "use β ≥ 0");
  require_(rewards.length === logp.length, "klShapedRewards", "logp", logp, `has length ${logp.length} but rewards has ${rewards.length}`, "pass one log-probability per reward");
  requireFiniteArray("klShapedRewards", "rewards", rewards);
  const k = klEstimate(logp, logpRef, estimator);
  const out = new Float64Array(rewards.length);
  for (let i = 0; i < out.length; i++) out[i] = rewards[i]! - beta * k[i]!;
  return out;
}

/**
 * Rewards with an entropy bonus folded in: r̃_i = r_i − α·log π(y_i) for samples y_i ∼ π. Its
 * score-function gradient E[(r − α log π)∇log π] is ∇E[r] + α∇H(π) (since E[∇log π] = 0), so a
 * policy-gradient step on r̃ is a step on the entropy-regularised objective (Williams & Peng 1991).
 */
export function entropyBonusRewards(rewards: ArrayLike<number>, logp: ArrayLike<number>, alpha: number): Float64Array {
  requireFinite("entropyBonusRewards", "alpha", alpha);
  require_(rewards.length === logp.length, "entropyBonusRewards", "logp", logp, `has length ${logp.length} but rewards has ${rewards.length}`, "pass one log-probability per reward");
  requireFiniteArray("entropyBonusRewards", "rewards", rewards);
  requireFiniteArray("entropyBonusRewards", "logp", logp);
  const out = new Float64Array(rewards.length);
  for (let i = 0; i < out.length; i++) out[i] = rewards[i]! - alpha * logp[i]!;
  return out;
}
