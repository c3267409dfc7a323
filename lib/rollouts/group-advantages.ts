import { require_, requireInteger, requireFiniteArray } from "../core/index.js";

/** How {@link groupAdvantages} scales the centred rewards. */
export type AdvantageScale = "group" | "batch" | "none";
/** Which baseline {@link groupAdvantages} subtracts. */
export type AdvantageEstimator = "grpo" | "rloo";

/** Options for {@link groupAdvantages}. */
export interface GroupAdvantageOptions {
  /** "grpo" (default): r − mean of the group; "rloo": r − mean of the *other* members of the group. */
  estimator?: AdvantageEstimator;
  /**
   * "group" (default for grpo): divide by (std of the group + 1e-4); "batch": by (std of the whole
   * batch + 1e-4); "none" (Dr. GRPO; default for rloo): no division. Stds are Bessel-corrected.
   */
  scale?: AdvantageScale;
  /** Added to the std before dividing (TRL: 1e-4). */
  epsilon?: number;
}

function checkGroups(where: string, rewards: ArrayLike<number>, groupSize: number): void {
  requireInteger(where, "groupSize", groupSize, 2);
  require_(rewards.length > 0 && rewards.length % groupSize === 0, where, "rewards", rewards, `has length ${rewards.length}, not a positive multiple of groupSize=${groupSize}`, "pass rewards grouped prompt by prompt, groupSize completions per prompt");
  requireFiniteArray(where, "rewards", rewards);
}

/** Bessel-corrected standard deviation of `x[from..to)` (torch.std default). */
export function sampleStd(x: ArrayLike<number>, from = 0, to = x.length): number {
  const m = to - from;
  if (m < 2) return NaN;
  let mean = 0;
  for (let i = from; i < to; i++) mean += x[i]!;
  mean /= m;
  let ss = 0;
  for (let i = from; i < to; i++) { const d = x[i]! - mean; ss += d * d; }
  return Math.sqrt(ss / (m - 1));
}

/**
 * Group-relative advantages for rewards laid out group by group (groupSize completions of one
 * prompt, then the next prompt's), as TRL's `GRPOTrainer._generate_and_score_completions` computes
 * them: A = r − mean_group(r), divided by (std + 1e-4) where std is the Bessel-corrected std of the
 * group (`scale: "group"`), of the whole batch (`"batch"`), or not divided (`"none"`, Dr. GRPO).
 * With `estimator: "rloo"`: A_i = r_i − mean_{j≠i} r_j (Ahmadian et al. 2024, RLOO), then the same
 * optional scaling. Errors when the length is not a multiple of groupSize, groupSize < 2, or a
 * reward is not finite.
 */
export function groupAdvantages(rewards: ArrayLike<number>, groupSize: number, options: GroupAdvantageOptions = {}): Float64Array {
  const where = "groupAdvantages";
  requireInteger(where, "groupSize", groupSize, 2);
  require_(rewards.length > 0 && rewards.length % groupSize === 0, where, "rewards", rewards, `has length ${rewards.length}, not a positive multiple of groupSize=${groupSize}`, "pass rewards grouped prompt by prompt, groupSize completions per prompt");
  const estimator = options.estimator ?? "grpo";
  require_(estimator === "grpo" || estimator === "rloo", where, "estimator", estimator, "is not a known estimator", `use "grpo" or "rloo"`);
  const scale = options.scale ?? (estimator === "grpo" ? "group" : "none");
  require_(scale === "group" || scale === "batch" || scale === "none", where, "scale", scale, "is not a known scaling", `use "group", "batch" or "none"`);
  const eps = options.epsilon ?? 1e-4;
  const n = rewards.length;
  const out = new Float64Array(n);
  const g = groupSize;
  const rloo = estimator === "rloo";
  // the finiteness check rides along the first pass over each group (NaN/±Infinity fail x − x === 0)
  for (let start = 0; start < n; start += g) {
    let sum = 0;
    for (let i = start; i < start + g; i++) {
      const x = rewards[i]!;
      if (!(x - x === 0)) requireFiniteArray(where, "rewards", rewards);
      sum += x;
    }
    const mean = sum / g;
    let ss = 0;
    for (let i = start; i < start + g; i++) { const d = rewards[i]! - mean; ss += d * d; out[i] = rloo ? (g * d) / (g - 1) : d; }
    if (scale === "group") {
      const inv = 1 / (Math.sqrt(ss / (g - 1)) + eps);
      for (let i = start; i < start + g; i++) out[i]! *= inv;
    }
  }
  if (scale === "batch") {
    const inv = 1 / (sampleStd(rewards) + eps);
    for (let i = 0; i < n; i++) out[i]! *= inv;
  }
  return out;
}

/**
 * Per-group Bessel-corrected reward std (one value per group), as TRL logs before averaging.
 */
export function groupRewardStd(rewards: ArrayLike<number>, groupSize: number): Float64Array {
  checkGroups("groupRewardStd", rewards, groupSize);
  const out = new Float64Array(rewards.length / groupSize);
  for (let gi = 0; gi < out.length; gi++) out[gi] = sampleStd(rewards, gi * groupSize, (gi + 1) * groupSize);
  return out;
}

/**
 * TRL's `frac_reward_zero_std`: the share of groups whose reward std is zero — groups where every
 * completion got the same reward, so GRPO's advantage (and gradient) vanishes. A std counts as
 * zero as `torch.isclose(std, 0)` decides it (|std| ≤ 1e-8).
 */
export function fracRewardZeroStd(rewards: ArrayLike<number>, groupSize: number): number {
  const std = groupRewardStd(rewards, groupSize);
  let zero = 0;
  for (let i = 0; i < std.length; i++) if (Math.abs(std[i]!) <= 1e-8) zero++;
  return zero / std.length;
}
