import * as aq from "arquero";
import { ReplabError, describeValue, isArqueroTable, require_, requireInteger, requireFiniteArray } from "../core/index.js";
import { columnOf, groupIndices } from "./metrics/group-rows.js";

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

/** Which columns of a rollout table hold the groups and the rewards. */
export interface RewardColumns {
  /** The column whose value names a sample's group (default "prompt_id"). */
  groupColumn?: string;
  /** The reward column (default "reward"). */
  rewardColumn?: string;
}

/** Rewards laid out group after group: group g is `rewards[offsets[g] .. offsets[g+1])`; `rows[i]` is the table row of position i (table form). */
interface Groups { where: string; rewards: ArrayLike<number>; offsets: Int32Array; rows: Int32Array | null }

/** The flat form: groupSize completions of one prompt, then the next prompt's. */
function flatGroups(where: string, rewards: ArrayLike<number>, groupSize: number): Groups {
  requireInteger(where, "groupSize", groupSize, 2);
  require_(rewards !== null && rewards !== undefined && rewards.length > 0 && rewards.length % groupSize === 0, where, "rewards", rewards, `has length ${rewards?.length}, not a positive multiple of groupSize=${groupSize}`, "pass rewards grouped prompt by prompt, groupSize completions per prompt");
  requireFiniteArray(where, "rewards", rewards);
  const offsets = new Int32Array(rewards.length / groupSize + 1);
  for (let g = 1; g < offsets.length; g++) offsets[g] = g * groupSize;
  return { where, rewards, offsets, rows: null };
}

/** The table form: the rows of each value of the group column, in order of first appearance. */
function tableGroups(where: string, table: aq.ColumnTable, columns: RewardColumns, minSize: number): Groups {
  const groupCol = columns.groupColumn ?? "prompt_id", rewardCol = columns.rewardColumn ?? "reward";
  const keys = columnOf(where, table, groupCol), values = columnOf(where, table, rewardCol);
  require_(keys.length > 0, where, "table", table, "has no rows", "sample some rollouts first");
  const groups = [...groupIndices(keys)];
  const rewards = new Float64Array(keys.length), rows = new Int32Array(keys.length), offsets = new Int32Array(groups.length + 1);
  let at = 0;
  groups.forEach(([key, idx], g) => {
    require_(idx.length >= minSize, where, `group ${groupCol}=${describeValue(key)}`, idx.length, `has fewer than ${minSize} completions`, "sample at least two completions per prompt (a group of one has no baseline)");
    for (const i of idx) {
      const v = values[i];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new ReplabError(`${where}: ${rewardCol}[${i}]=${describeValue(v)} is not a finite reward; score every completion or drop the unscored rows first (TRL leaves a completion no reward function scored out of its group's baseline and gives it advantage 0)`);
      }
      rewards[at] = v; rows[at] = i; at++;
    }
    offsets[g + 1] = at;
  });
  return { where, rewards, offsets, rows };
}

/** Bessel-corrected standard deviation of `x[from..to)` (torch.std default); NaN for fewer than two values. */
export function sampleStd(x: ArrayLike<number>, from = 0, to = x.length): number {
  requireFiniteArray("sampleStd", "x", x);
  return stdUnchecked(x, from, to);
}

function stdUnchecked(x: ArrayLike<number>, from: number, to: number): number {
  const m = to - from;
  if (m < 2) return NaN;
  let mean = 0;
  for (let i = from; i < to; i++) mean += x[i]!;
  mean /= m;
  let ss = 0;
  for (let i = from; i < to; i++) { const d = x[i]! - mean; ss += d * d; }
  return Math.sqrt(ss / (m - 1));
}

function advantages(gs: Groups, options: GroupAdvantageOptions): Float64Array {
  const { where, rewards, offsets } = gs;
  const estimator = options.estimator ?? "grpo";
  require_(estimator === "grpo" || estimator === "rloo", where, "estimator", estimator, "is not a known estimator", `use "grpo" or "rloo"`);
  const scale = options.scale ?? (estimator === "grpo" ? "group" : "none");
  require_(scale === "group" || scale === "batch" || scale === "none", where, "scale", scale, "is not a known scaling", `use "group", "batch" or "none"`);
  const eps = options.epsilon ?? 1e-4;
  const out = new Float64Array(rewards.length);
  const rloo = estimator === "rloo";
  for (let g = 0; g + 1 < offsets.length; g++) {
    const start = offsets[g]!, end = offsets[g + 1]!, size = end - start;
    let sum = 0;
    for (let i = start; i < end; i++) sum += rewards[i]!;
    const mean = sum / size;
    let ss = 0;
    for (let i = start; i < end; i++) { const d = rewards[i]! - mean; ss += d * d; out[i] = rloo ? (size * d) / (size - 1) : d; }
    if (scale === "group") {
      const inv = 1 / (Math.sqrt(ss / (size - 1)) + eps);
      for (let i = start; i < end; i++) out[i]! *= inv;
    }
  }
  if (scale === "batch") {
    const inv = 1 / (stdUnchecked(rewards, 0, rewards.length) + eps);
    for (let i = 0; i < out.length; i++) out[i]! *= inv;
  }
  return out;
}

/**
 * Group-relative advantages, as TRL's `GRPOTrainer._generate_and_score_completions` computes
 * them: A = r − mean_group(r), divided by (std + 1e-4) where std is the Bessel-corrected std of the
 * group (`scale: "group"`), of the whole batch (`"batch"`), or not divided (`"none"`, Dr. GRPO).
 * With `estimator: "rloo"`: A_i = r_i − mean_{j≠i} r_j (Ahmadian et al. 2024, RLOO), then the same
 * optional scaling.
 *
 * Table first: pass the rollout table and get it back with an `advantage` column, the groups
 * named by `groupColumn` (default "prompt_id", any number ≥ 2 of completions each) and the
 * rewards by `rewardColumn` (default "reward"). For inner loops, pass the rewards laid out group
 * by group (groupSize completions of one prompt, then the next prompt's) and get a Float64Array.
 * A reward that is null, NaN or infinite is a ReplabError naming its row: TRL excludes
 * completions no reward function scored, and an unscored completion must never count as 0.
 */
export function groupAdvantages(table: aq.ColumnTable, options?: GroupAdvantageOptions & RewardColumns & { advantageColumn?: string }): aq.ColumnTable;
export function groupAdvantages(rewards: ArrayLike<number>, groupSize: number, options?: GroupAdvantageOptions): Float64Array;
export function groupAdvantages(input: aq.ColumnTable | ArrayLike<number>, sizeOrOptions?: number | (GroupAdvantageOptions & RewardColumns & { advantageColumn?: string }), maybeOptions: GroupAdvantageOptions = {}): aq.ColumnTable | Float64Array {
  const where = "groupAdvantages";
  if (!isArqueroTable(input)) return advantages(flatGroups(where, input, sizeOrOptions as number), maybeOptions);
  const options = (sizeOrOptions ?? {}) as GroupAdvantageOptions & RewardColumns & { advantageColumn?: string };
  const gs = tableGroups(where, input, options, 2);
  const a = advantages(gs, options);
  const byRow = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) byRow[gs.rows![i]!] = a[i]!;
  return input.assign({ [options.advantageColumn ?? "advantage"]: byRow });
}

function groupsOf(where: string, input: aq.ColumnTable | ArrayLike<number>, sizeOrColumns: number | RewardColumns | undefined): Groups {
  return isArqueroTable(input) ? tableGroups(where, input, (sizeOrColumns ?? {}) as RewardColumns, 2) : flatGroups(where, input, sizeOrColumns as number);
}

/** Per-group Bessel-corrected reward std (one value per group, in group order), as TRL logs before averaging. A rollout table (see {@link groupAdvantages}) or rewards laid out group by group. */
export function groupRewardStd(table: aq.ColumnTable, columns?: RewardColumns): Float64Array;
export function groupRewardStd(rewards: ArrayLike<number>, groupSize: number): Float64Array;
export function groupRewardStd(input: aq.ColumnTable | ArrayLike<number>, sizeOrColumns?: number | RewardColumns): Float64Array {
  const { rewards, offsets } = groupsOf("groupRewardStd", input, sizeOrColumns);
  return Float64Array.from({ length: offsets.length - 1 }, (_, g) => stdUnchecked(rewards, offsets[g]!, offsets[g + 1]!));
}

/**
 * TRL's `frac_reward_zero_std`: the share of groups whose reward std is zero — groups where every
 * completion got the same reward, so GRPO's advantage (and gradient) vanishes. A std counts as
 * zero as `torch.isclose(std, 0)` decides it (|std| ≤ 1e-8). A rollout table or flat rewards.
 */
export function fracRewardZeroStd(table: aq.ColumnTable, columns?: RewardColumns): number;
export function fracRewardZeroStd(rewards: ArrayLike<number>, groupSize: number): number;
export function fracRewardZeroStd(input: aq.ColumnTable | ArrayLike<number>, sizeOrColumns?: number | RewardColumns): number {
  return groupMetrics("fracRewardZeroStd", input, sizeOrColumns).frac_reward_zero_std;
}

/** The batch-level reward metrics of a GRPO step, named as TRL logs them. */
export interface RewardGroupMetrics {
  /** TRL `reward`: the mean reward. */
  reward: number;
  /** TRL `reward_std`: the Bessel-corrected std of all rewards (NaN for a single reward). */
  reward_std: number;
  /** TRL `frac_reward_zero_std`: the share of groups whose rewards all agree (no GRPO signal). */
  frac_reward_zero_std: number;
  /** The share of groups whose rewards are all 0 — every completion failed (too hard for the policy). */
  frac_reward_all_zero: number;
  /** The share of groups whose rewards are all 1 — every completion passed (already solved). */
  frac_reward_all_one: number;
  /** Number of groups. */
  groups: number;
}

/**
 * The reward metrics TRL's GRPOTrainer logs per step — `reward`, `reward_std`,
 * `frac_reward_zero_std` — and beside the last the two kinds of zero-std group under a 0/1
 * verifiable reward: `frac_reward_all_zero` and `frac_reward_all_one` (replab's names in TRL's
 * style: TRL logs only `frac_reward_zero_std`, which counts both, and any other group whose
 * rewards all agree). A rollout table (see {@link groupAdvantages}) or rewards laid out group by
 * group.
 */
export function rewardGroupMetrics(table: aq.ColumnTable, columns?: RewardColumns): RewardGroupMetrics;
export function rewardGroupMetrics(rewards: ArrayLike<number>, groupSize: number): RewardGroupMetrics;
export function rewardGroupMetrics(input: aq.ColumnTable | ArrayLike<number>, sizeOrColumns?: number | RewardColumns): RewardGroupMetrics {
  return groupMetrics("rewardGroupMetrics", input, sizeOrColumns);
}

function groupMetrics(where: string, input: aq.ColumnTable | ArrayLike<number>, sizeOrColumns: number | RewardColumns | undefined): RewardGroupMetrics {
  const { rewards, offsets } = groupsOf(where, input, sizeOrColumns);
  const G = offsets.length - 1;
  let zeroStd = 0, allZero = 0, allOne = 0, sum = 0;
  for (let g = 0; g < G; g++) {
    const start = offsets[g]!, end = offsets[g + 1]!;
    if (Math.abs(stdUnchecked(rewards, start, end)) <= 1e-8) zeroStd++;
    let zeros = 0, ones = 0;
    for (let i = start; i < end; i++) { const r = rewards[i]!; sum += r; if (r === 0) zeros++; else if (r === 1) ones++; }
    if (zeros === end - start) allZero++;
    if (ones === end - start) allOne++;
  }
  return { reward: sum / rewards.length, reward_std: stdUnchecked(rewards, 0, rewards.length), frac_reward_zero_std: zeroStd / G, frac_reward_all_zero: allZero / G, frac_reward_all_one: allOne / G, groups: G };
}
