import type * as aq from "arquero";
import { require_, requireInteger } from "../../core/index.js";
import { problemCounts } from "./group-rows.js";
import { passHatKUnchecked } from "./pass-hat-k.js";

/** Options for {@link expectedFracRewardZeroStd}. */
export interface ExpectedZeroStdOptions {
  /** The column naming each sample's prompt (default "prompt_id"). */
  promptColumn?: string;
  /** The correctness column (default "reward"; a reward > 0, true or "correct" counts as right). */
  correctColumn?: string;
  /**
   * "unbiased" (default): [C(c, G) + C(n − c, G)] / C(n, G), the chance that G of the prompt's n
   * samples drawn without replacement agree — an unbiased estimate of p^G + (1 − p)^G, as Chen
   * et al.'s estimator is of pass@k (needs n ≥ G). "plug-in": p̂^G + (1 − p̂)^G with p̂ = c/n,
   * biased upward (Jensen; never below the unbiased value).
   */
  estimator?: "unbiased" | "plug-in";
}

/**
 * The share of zero-std groups (TRL's `frac_reward_zero_std`) that fresh GRPO groups of size G
 * should show, predicted from *other* samples of the same prompts: a prompt solved with
 * probability p gives a group of G independent 0/1 rewards that all agree with probability
 * p^G + (1 − p)^G (all right or all wrong: no advantage, no gradient — the signal DAPO's dynamic
 * sampling, Yu et al. 2025, arXiv 2503.14476, filters for). Returns the mean over the prompts of
 * the rollout table `heldOut` (n samples and c correct per prompt, as {@link solveRates} counts
 * them) of that probability's estimate: unbiased [C(c, G) + C(n − c, G)] / C(n, G) (= pass^G of
 * the right answers plus pass^G of the wrong ones, {@link passHatK}), or the plug-in
 * p̂^G + (1 − p̂)^G. Compare it with `fracRewardZeroStd` on groups sampled afresh: the samples
 * that estimate p must not be the ones whose share is predicted.
 *
 * Errors (ReplabError) on a groupSize below 2, an unknown estimator, a prompt with fewer than G
 * held-out samples under "unbiased", and an unscored sample (see `solveRates`).
 */
export function expectedFracRewardZeroStd(heldOut: aq.ColumnTable, groupSize: number, options: ExpectedZeroStdOptions = {}): number {
  const where = "expectedFracRewardZeroStd";
  requireInteger(where, "groupSize", groupSize, 2);
  const estimator = options.estimator ?? "unbiased";
  require_(estimator === "unbiased" || estimator === "plug-in", where, "estimator", estimator, "is not a known estimator", `use "unbiased" or "plug-in"`);
  const counts = problemCounts(where, heldOut, options.promptColumn ?? "prompt_id", options.correctColumn ?? "reward");
  const G = groupSize;
  let sum = 0;
  for (const { id, n, c } of counts) {
    if (estimator === "plug-in") { const p = c / n; sum += p ** G + (1 - p) ** G; continue; }
    require_(n >= G, where, `samples of prompt ${JSON.stringify(id)}`, n, `are fewer than groupSize=${G}`, `sample at least ${G} held-out completions per prompt, or pass estimator: "plug-in"`);
    sum += passHatKUnchecked(n, c, G) + passHatKUnchecked(n, n - c, G);
  }
  return sum / counts.length;
}
