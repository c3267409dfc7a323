import * as aq from "arquero";
import { require_, requireInteger, rng } from "../../core/index.js";
import { columnOf, correctColumn, groupIndices } from "./group-rows.js";

/** Options for {@link majAtK}. */
export interface MajAtKOptions {
  promptColumn?: string;
  /** The extracted final answer (default "answer"); null/empty answers never win the vote. */
  answerColumn?: string;
  correctColumn?: string;
  /** Random subsets of size k drawn per prompt when k < n (default 200). */
  subsets?: number;
  seed?: number;
}

/**
 * maj@k (self-consistency, Wang et al. 2022): the chance that the most frequent answer among k
 * samples of a prompt is correct, averaged over prompts. With k = n it is the vote over all n
 * samples; with k < n it is estimated over `subsets` random k-subsets (seeded). Ties between answers
 * count fractionally (the expected result of breaking the tie uniformly at random).
 */
export function majAtK(table: aq.ColumnTable, k: number, options: MajAtKOptions = {}): number {
  requireInteger("majAtK", "k", k, 1);
  const prompts = columnOf("majAtK", table, options.promptColumn ?? "prompt_id");
  const answers = columnOf("majAtK", table, options.answerColumn ?? "answer");
  const correct = correctColumn("majAtK", table, options.correctColumn ?? "reward");
  const subsets = options.subsets ?? 200;
  requireInteger("majAtK", "subsets", subsets, 1);
  const r = rng(options.seed ?? 0);
  const groups = [...groupIndices(prompts).values()];
  require_(groups.length > 0, "majAtK", "table", table, "has no rows", "sample some rollouts first");
  let total = 0;
  for (const rows of groups) {
    require_(k <= rows.length, "majAtK", "k", k, `exceeds n=${rows.length} samples of prompt ${String(prompts[rows[0]!])}`, "use k ≤ the number of samples per prompt");
    const vote = (pick: number[]): number => {
      const tally = new Map<string, { count: number; correct: boolean }>();
      for (const i of pick) {
        const a = answers[i];
        if (a === null || a === undefined || a === "") continue;
        const key = String(a);
        const t = tally.get(key) ?? { count: 0, correct: correct[i]! };
        t.count++;
        tally.set(key, t);
      }
      let best = 0, winners = 0, good = 0;
      for (const t of tally.values()) {
        if (t.count > best) { best = t.count; winners = 0; good = 0; }
        if (t.count === best) { winners++; if (t.correct) good++; }
      }
      return winners === 0 ? 0 : good / winners;
    };
    if (k === rows.length) total += vote(rows);
    else {
      let s = 0;
      for (let t = 0; t < subsets; t++) s += vote(r.shuffle(rows).slice(0, k));
      total += s / subsets;
    }
  }
  return total / groups.length;
}
