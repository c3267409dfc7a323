import * as aq from "arquero";
import { require_, requireInteger } from "../../core/index.js";
import { bootstrapCiMany } from "../../stats/index.js";
import { passAtKUnchecked } from "./pass-at-k.js";
import { problemCounts } from "./group-rows.js";

/** Options for {@link passAtKCurve}. */
export interface PassAtKCurveOptions {
  /** Column naming the prompt (default "prompt_id"). */
  promptColumn?: string;
  /** Column saying whether a sample is correct: a boolean, a finite number (> 0 is correct) or a verdict "correct" | "incorrect" | "invalid" (default "reward"). */
  correctColumn?: string;
  /** The k values (default 1…n, with n the smallest number of samples of any prompt). */
  ks?: readonly number[];
  /** A label added as a `policy` column, to overlay several curves. */
  policy?: string;
  /** Adds ci_low and ci_high: a percentile bootstrap interval at this level (e.g. 0.95) over problems. */
  ci?: number;
  /** Bootstrap resamples for `ci` (default 2000). */
  resamples?: number;
  /** Seed of the bootstrap resamples (default 0). */
  seed?: number;
}

/**
 * pass@k curve over a rollout table: for each k, the mean over prompts of the unbiased estimator
 * 1 − C(n−c,k)/C(n,k) (Chen et al. 2021, human-eval), with n and c counted per prompt.
 * Returns an arquero table with columns k, pass_at_k (and policy when given). With `ci`, also
 * ci_low and ci_high: the percentile bootstrap interval of that mean when the *problems* are
 * resampled with replacement (`bootstrapCiMany`; the same seeded resamples for every k, so the band
 * is one curve per resample) — the uncertainty from which problems were drawn, which is what
 * separates two policies on a benchmark of a few hundred problems.
 * Errors when a k exceeds a prompt's number of samples, and on an unscored sample (null reward).
 */
export function passAtKCurve(table: aq.ColumnTable, options: PassAtKCurveOptions = {}): aq.ColumnTable {
  const counts = problemCounts("passAtKCurve", table, options.promptColumn ?? "prompt_id", options.correctColumn ?? "reward");
  const nMin = Math.min(...counts.map((p) => p.n));
  const ks = options.ks ?? Array.from({ length: nMin }, (_, i) => i + 1);
  for (const k of ks) {
    requireInteger("passAtKCurve", "k", k, 1);
    require_(k <= nMin, "passAtKCurve", "k", k, `exceeds n=${nMin} samples of the smallest prompt group`, "use k ≤ the number of samples per prompt");
  }
  if (options.ci !== undefined) require_(typeof options.ci === "number" && options.ci > 0 && options.ci < 1, "passAtKCurve", "ci", options.ci, "is not a level in (0, 1)", "pass a confidence level such as 0.95");
  const perProblem = ks.map((k) => Float64Array.from(counts, (p) => passAtKUnchecked(p.n, p.c, k)));
  const cols: Record<string, unknown[]> = { k: ks.slice(), pass_at_k: perProblem.map((v) => v.reduce((s, x) => s + x, 0) / v.length) };
  if (options.ci !== undefined) {
    // one index draw per resample for every k: the intervals of bootstrapCi(perProblem[k]) with the same seed
    const bands = bootstrapCiMany(perProblem, { level: options.ci, resamples: options.resamples, seed: options.seed }, "bootstrapCi");
    cols.ci_low = bands.map((b) => b.low);
    cols.ci_high = bands.map((b) => b.high);
  }
  if (options.policy !== undefined) cols.policy = ks.map(() => options.policy);
  return aq.table(cols);
}
