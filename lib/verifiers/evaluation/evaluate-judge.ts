import * as aq from "arquero";
import { require_ } from "../../core/errors.js";
import { wilsonInterval } from "../../stats/index.js";
import { JUDGE_TEMPLATES } from "../judge/judge-prompt.js";
import { MASTER_KEYS, masterKeyProbe, type JudgeFn } from "./master-key-probe.js";

/** Options of {@link evaluateJudge}. */
export interface EvaluateJudgeOptions {
  /** Prompt templates to measure under, by name (default `JUDGE_TEMPLATES`). */
  templates?: Readonly<Record<string, string>>;
  /** Answer-free responses to offer (default `MASTER_KEYS`). */
  keys?: readonly string[];
}

/**
 * Measures a judge's false-positive rate: {@link masterKeyProbe} under every prompt template —
 * every key (an answer-free response) offered for every (question, reference) item, with
 * `judgeFor(template, name)` giving the judge to use for that template. Each acceptance is a
 * false positive. Returns an arquero table (template, key, n, accepted, fpr, fpr_low, fpr_high —
 * a 95% Wilson interval), one row per template and key plus an "all keys" row per template.
 */
export async function evaluateJudge(judgeFor: (template: string, name: string) => JudgeFn, items: ReadonlyArray<{ question: string; reference: string }>, options: EvaluateJudgeOptions = {}): Promise<aq.ColumnTable> {
  require_(typeof judgeFor === "function", "evaluateJudge", "judgeFor", judgeFor, "is not a function", "pass (template, name) => judge, e.g. (t) => verdictOf(llmJudge(chat, { template: t }))");
  require_(Array.isArray(items) && items.length > 0, "evaluateJudge", "items", items, "is empty", "pass at least one { question, reference }");
  const templates = options.templates ?? JUDGE_TEMPLATES;
  const keys = options.keys ?? MASTER_KEYS;
  require_(Object.keys(templates).length > 0, "evaluateJudge", "options.templates", templates, "is empty", "pass { name: template }");
  require_(keys.length > 0, "evaluateJudge", "options.keys", keys, "is empty", "pass at least one answer-free response");
  const rows: Array<Record<string, unknown>> = [];
  for (const [name, template] of Object.entries(templates)) {
    const probe = (await masterKeyProbe(judgeFor(template, name), items, { keys })).objects() as Array<{ key: string; n: number; accepted: number; fpr: number }>;
    for (const { key, n, accepted, fpr } of probe) {
      const ci = wilsonInterval(accepted, n);
      rows.push({ template: name, key, n, accepted, fpr, fpr_low: ci.low, fpr_high: ci.high });
    }
  }
  return aq.from(rows);
}
