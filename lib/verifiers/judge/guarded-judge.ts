import { require_ } from "../../core/errors.js";
import { verifyMath, type MathVerification } from "../verify-math.js";
import { MASTER_KEYS } from "../evaluation/master-key-probe.js";
import type { JudgeVerifier } from "./llm-judge.js";

/** Options of {@link guardedJudge}. */
export interface GuardedJudgeOptions {
  /** The rule verifier asked first (default `verifyMath`). */
  rule?: (response: string, gold: string) => MathVerification;
  /** Known answer-free openers, rejected without asking the judge (default `MASTER_KEYS`). */
  openers?: readonly string[];
  /** Ask the judge about answer-free variants of a response it accepted, and distrust it when it accepts them too (default true). */
  augmentedNegatives?: boolean;
}

const normalise = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();

/** No digit, no math, no box, short: nothing in it could be a final answer. */
function answerFree(response: string, gold: string): boolean {
  const t = response.trim();
  if (t === "" || /^[\p{P}\p{S}\s]+$/u.test(t)) return true;
  if (normalise(t).includes(normalise(gold))) return false; // it names the reference answer: let the judge decide
  return t.length <= 80 && !/[\d$\\=]/.test(t);
}

/**
 * The answer-free variants of a response ("augmented negatives", after the training data of
 * Master-RM in Zhao et al. 2025, *One Token to Fool LLM-as-a-Judge*): its first sentence, and
 * the response with the rule's extracted answer cut out. A judge that accepts these is not
 * judging the answer.
 */
export function augmentedNegatives(response: string, extracted: string | null): string[] {
  const out = new Set<string>();
  const first = /^[\s\S]*?(?:[.!?:。：](?=\s|$)|\n)/.exec(response.trim())?.[0]?.trim();
  if (first && first.length < response.trim().length) out.add(first);
  if (extracted) {
    const at = response.lastIndexOf(extracted);
    if (at >= 0) out.add((response.slice(0, at) + response.slice(at + extracted.length)).replace(/\\boxed\{\s*\}/g, "").trim());
  }
  out.delete(response.trim());
  out.delete("");
  return [...out];
}

/**
 * A judge with guards in front and behind: (1) the rule verifier first — its "correct" stands
 * without asking the judge; (2) a response that is a known answer-free opener (`openers`), or
 * that has nothing in it that could be an answer (no digit, math or box, at most 80 characters,
 * not naming the gold), is "invalid" without asking; (3) when the judge accepts a response the
 * rule did not, it is asked again about the response's {@link augmentedNegatives}, and if it
 * accepts any of them its verdict is overruled to "invalid". `evaluateJudge` measures how much
 * lower its false-positive rate is than the judge's own.
 */
export function guardedJudge(judge: JudgeVerifier, options: GuardedJudgeOptions = {}): JudgeVerifier {
  require_(typeof judge === "function", "guardedJudge", "judge", judge, "is not a function", "pass llmJudge(chat)");
  const rule = options.rule ?? ((response: string, gold: string) => verifyMath(response, gold));
  const openers = new Set((options.openers ?? MASTER_KEYS).map(normalise));
  const augment = options.augmentedNegatives ?? true;
  return async (question, gold, response) => {
    const r = rule(response, gold);
    if (r.verdict === "correct") return { verdict: "correct", raw: "", reason: `rule: ${r.reason}` };
    if (r.verdict === "invalid" && (openers.has(normalise(response)) || answerFree(response, gold))) {
      return { verdict: "invalid", raw: "", reason: "guard: an answer-free response (a known opener, or nothing that could be an answer)" };
    }
    const j = await judge(question, gold, response);
    if (j.verdict !== "correct" || !augment) return j;
    for (const negative of augmentedNegatives(response, r.extracted)) {
      const n = await judge(question, gold, negative);
      if (n.verdict === "correct") return { verdict: "invalid", raw: j.raw, reason: `guard: the judge also accepts the answer-free ${JSON.stringify(negative.slice(0, 40))}, so its acceptance is no evidence` };
    }
    return { ...j, reason: `judge (rule said ${r.verdict}): ${j.reason}` };
  };
}
