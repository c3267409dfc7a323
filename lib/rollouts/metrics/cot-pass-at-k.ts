import * as aq from "arquero";
import { correctColumn } from "./group-rows.js";
import { passAtKCurve } from "./pass-at-k-curve.js";

/** Options for {@link cotPassAtKCurve}. */
export interface CotPassAtKOptions {
  promptColumn?: string;
  /** Whether the final answer is correct (default "reward"). */
  answerCorrectColumn?: string;
  /** Whether the reasoning (chain of thought) is correct (default "reasoning_correct"). */
  reasoningCorrectColumn?: string;
  ks?: readonly number[];
  policy?: string;
}

/**
 * CoT-pass@k (Wen et al. 2025, "Reinforcement Learning with Verifiable Rewards Implicitly
 * Incentivizes Correct Reasoning in Base LLMs"): the unbiased pass@k estimator where a sample
 * counts as correct only when both its final answer and its reasoning are judged correct.
 * Returns the same table as {@link passAtKCurve} (k, pass_at_k).
 */
export function cotPassAtKCurve(table: aq.ColumnTable, options: CotPassAtKOptions = {}): aq.ColumnTable {
  const ans = correctColumn("cotPassAtKCurve", table, options.answerCorrectColumn ?? "reward");
  const cot = correctColumn("cotPassAtKCurve", table, options.reasoningCorrectColumn ?? "reasoning_correct");
  const both = ans.map((a, i) => a && cot[i]!);
  const t = table.assign({ __cot_correct: both });
  return passAtKCurve(t, { promptColumn: options.promptColumn, correctColumn: "__cot_correct", ks: options.ks, policy: options.policy });
}
