import * as aq from "arquero";
import { problemCounts } from "./group-rows.js";

/**
 * Per-problem solve rates of a rollout table: one row per prompt (in order of first appearance)
 * with prompt_id, n (samples), c (correct samples) and solve_rate = c/n. Problems at 0 (never
 * solved) and at 1 (always solved) give GRPO no signal; the histogram of solve_rate
 * (`solveRateFigure` in replab/plots) shows how many there are.
 */
export function solveRates(table: aq.ColumnTable, options: { promptColumn?: string; correctColumn?: string } = {}): aq.ColumnTable {
  const pc = problemCounts("solveRates", table, options.promptColumn ?? "prompt_id", options.correctColumn ?? "reward");
  return aq.table({ prompt_id: pc.map((p) => p.id), n: pc.map((p) => p.n), c: pc.map((p) => p.c), solve_rate: pc.map((p) => p.c / p.n) });
}
