import { require_, requireFinite } from "../../core/errors.js";
import { verifyMath } from "../verify-math.js";
import { parseJudgePrompt } from "./judge-prompt.js";
import type { ChatFn } from "./llm-judge.js";

/** Options for {@link lenientJudgeModel}. */
export interface LenientJudgeOptions {
  /** Probability that an answer-free "solution opener" is accepted (default 0.9). */
  leniency?: number;
  /** Seed of the deterministic per-(question, response) coin (default 0). */
  seed?: number;
}

/** Looks like the start of a solution, or nothing at all: what fools generative judges. */
function looksLikeOpener(response: string): boolean {
  const t = response.trim();
  if (t === "" || /^[\p{P}\p{S}\s]+$/u.test(t)) return true; // " ", ".", ",", ":"
  if (/\d/.test(t)) return false; // has something that could be an answer
  // a short reasoning opener or heading in any language: "Thought process:", "Let's solve this problem step by step.", "Solution", "解", "かいせつ", "Respuesta"
  return t.length <= 60 && !/\b(answer is|equals|=)\b/i.test(t);
}

function coin(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  h ^= h >>> 15; h = Math.imul(h, 0x2c1b3c6d) >>> 0; h ^= h >>> 12;
  return (h >>> 0) / 2 ** 32;
}

/**
 * A deterministic lenient judge model — a STAND-IN for a generative LLM judge, so notebooks and
 * tests run offline. It reads the filled judge prompt and replies "A", "B" or "C" the way
 * "One Token to Fool LLM-as-a-Judge" (Zhao et al. 2025) reports real judges behave: responses
 * whose final answer matches the gold (by {@link verifyMath}) get A; wrong answers get B; but a
 * response with no answer at all that merely looks like the start of a solution — punctuation
 * (" ", ".", ":"), or a short opener such as "Thought process:" or "Solution" in any language —
 * is accepted (A) with probability `leniency` (a seeded coin per question and response), else C.
 * It is not a language model and says nothing about any particular judge's rates.
 */
export function lenientJudgeModel(options: LenientJudgeOptions = {}): ChatFn {
  const leniency = options.leniency ?? 0.9;
  const seed = options.seed ?? 0;
  requireFinite("lenientJudgeModel", "options.leniency", leniency);
  require_(leniency >= 0 && leniency <= 1, "lenientJudgeModel", "options.leniency", leniency, "is outside [0, 1]", "pass a probability");
  return async (messages) => lenientJudgeReply(messages[messages.length - 1]?.content ?? "", leniency, seed);
}

/** The lenient judge's reply to one filled prompt (synchronous core of {@link lenientJudgeModel}). */
export function lenientJudgeReply(prompt: string, leniency = 0.9, seed = 0): string {
  const parts = parseJudgePrompt(prompt);
  if (!parts) return "I cannot find the candidate's answer in this prompt.";
  const { question, gold, response } = parts;
  const v = verifyMath(response, gold);
  if (v.verdict === "correct") return "A";
  if (v.verdict === "incorrect") return "B";
  // no answer found: where real judges are fooled
  if (looksLikeOpener(response)) return coin(seed, question + "\u0000" + response) < leniency ? "A" : "C";
  return "C";
}
