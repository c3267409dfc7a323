import * as aq from "arquero";
import { require_ } from "../../core/index.js";
import { columnOf, groupIndices } from "./group-rows.js";

/** Options for {@link answerDiversity}. */
export interface AnswerDiversityOptions {
  promptColumn?: string;
  answerColumn?: string;
}

/**
 * Shannon entropy (nats) of the empirical distribution given by `counts`: −Σ (c/N) log(c/N)
 * (the plug-in estimator, scipy.stats.entropy of the counts).
 */
export function entropyOfCounts(counts: Iterable<number>): number {
  let total = 0;
  const cs: number[] = [];
  for (const c of counts) { require_(typeof c === "number" && c >= 0 && Number.isFinite(c), "entropyOfCounts", `counts[${cs.length}]`, c, "is not a non-negative finite count", "pass non-negative counts"); cs.push(c); total += c; }
  if (total === 0) return 0;
  let h = 0;
  for (const c of cs) if (c > 0) { const p = c / total; h -= p * Math.log(p); }
  return h;
}

/**
 * Answer-level diversity per prompt: the number of distinct final answers among its samples
 * and the plug-in Shannon entropy (nats) of their empirical distribution (missing answers —
 * null or "" — count as one "no answer" outcome). Returns an arquero table with columns
 * prompt_id, samples, distinct_answers, answer_entropy. Token entropy is the rollout table's
 * own `entropy` column.
 */
export function answerDiversity(table: aq.ColumnTable, options: AnswerDiversityOptions = {}): aq.ColumnTable {
  const prompts = columnOf("answerDiversity", table, options.promptColumn ?? "prompt_id");
  const answers = columnOf("answerDiversity", table, options.answerColumn ?? "answer");
  const ids: unknown[] = [], ns: number[] = [], distinct: number[] = [], ent: number[] = [];
  for (const [id, rows] of groupIndices(prompts)) {
    const tally = new Map<string, number>();
    for (const i of rows) {
      const a = answers[i];
      const key = a === null || a === undefined || a === "" ? "\u0000none" : String(a);
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    ids.push(id); ns.push(rows.length); distinct.push(tally.size); ent.push(entropyOfCounts(tally.values()));
  }
  return aq.table({ prompt_id: ids, samples: ns, distinct_answers: distinct, answer_entropy: ent });
}
