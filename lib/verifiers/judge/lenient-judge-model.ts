import { require_, requireFinite, requireInteger } from "../../core/errors.js";
import { verifyMath } from "../verify-math.js";
import { MASTER_KEYS } from "../evaluation/master-key-probe.js";
import { parseJudgePrompt } from "./judge-prompt.js";
import type { ChatFn } from "./llm-judge.js";

/** Options for {@link lenientJudgeModel}, the simulated lenient judge. */
export interface LenientJudgeOptions {
  /** Probability that an answer-free response it is fooled by is accepted (default 0.9). */
  leniency?: number;
  /**
   * The answer-free responses it is fooled by: a number n (the first n of `MASTER_KEYS`), a list
   * of strings, or — by default — any short "solution opener" (punctuation, or up to 60
   * characters with no digit and no "answer is"/"=").
   */
  keys?: number | readonly string[];
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

/** Which answer-free responses fool the simulated judge, from its `keys` option. */
function foolsWith(keys: LenientJudgeOptions["keys"]): (response: string) => boolean {
  if (keys === undefined) return looksLikeOpener;
  const list = typeof keys === "number" ? MASTER_KEYS.slice(0, keys) : keys;
  const set = new Set(list);
  return (response) => set.has(response);
}

function checkOptions(where: string, o: LenientJudgeOptions): { leniency: number; seed: number; fooled: (r: string) => boolean } {
  const leniency = o.leniency ?? 0.9;
  const seed = o.seed ?? 0;
  requireFinite(where, "options.leniency", leniency);
  require_(leniency >= 0 && leniency <= 1, where, "options.leniency", leniency, "is outside [0, 1]", "pass a probability");
  requireInteger(where, "options.seed", seed, 0);
  if (typeof o.keys === "number") {
    requireInteger(where, "options.keys", o.keys, 0);
    require_(o.keys <= MASTER_KEYS.length, where, "options.keys", o.keys, `is above the ${MASTER_KEYS.length} MASTER_KEYS`, `pass 0–${MASTER_KEYS.length}, or the strings themselves`);
  } else require_(o.keys === undefined || (Array.isArray(o.keys) && o.keys.every((k) => typeof k === "string")), where, "options.keys", o.keys, "is not a number or a list of strings", `pass how many of MASTER_KEYS fool it (0–${MASTER_KEYS.length}) or the strings themselves`);
  return { leniency, seed, fooled: foolsWith(o.keys) };
}

/**
 * The SIMULATED lenient judge — a deterministic stand-in for a generative LLM judge, so notebooks
 * and tests run offline; it is not a language model and says nothing about any real judge's
 * rates. It reads the filled judge prompt (any of `JUDGE_TEMPLATES`; the wording does not change
 * what it does) and replies "A", "B" or "C" the way "One Token to Fool LLM-as-a-Judge" (Zhao et
 * al. 2025) reports real judges behave: a response whose final answer matches the gold (by
 * {@link verifyMath}) gets A, a wrong answer B; a response with no answer that is one of the
 * answer-free `keys` it is fooled by gets A with probability `leniency` (a seeded coin per
 * question and response), else C — so its false-positive rate on master keys is about
 * leniency × (share of keys that fool it), which `evaluateJudge` measures.
 */
export function lenientJudgeModel(options: LenientJudgeOptions = {}): ChatFn {
  const answer = lenientJudgeReplier(options, "lenientJudgeModel");
  return async (messages) => answer(messages[messages.length - 1]?.content ?? "");
}

/** The simulated lenient judge's reply to one filled prompt (synchronous core of {@link lenientJudgeModel}). */
export function lenientJudgeReply(prompt: string, leniency = 0.9, seed = 0, keys?: LenientJudgeOptions["keys"]): string {
  return lenientJudgeReplier({ leniency, seed, keys }, "lenientJudgeReply")(prompt);
}

/**
 * The simulated lenient judge as a synchronous prompt → reply function, its options checked
 * once here (errors name `where`) rather than on every reply.
 */
export function lenientJudgeReplier(options: LenientJudgeOptions, where: string): (prompt: string) => string {
  const { leniency, seed, fooled } = checkOptions(where, options);
  return (prompt) => reply(prompt, leniency, seed, fooled);
}

function reply(prompt: string, leniency: number, seed: number, fooled: (r: string) => boolean): string {
  const parts = parseJudgePrompt(prompt);
  if (!parts) return "I cannot find the candidate's answer in this prompt.";
  const { question, gold, response } = parts;
  const v = verifyMath(response, gold);
  if (v.verdict === "correct") return "A";
  if (v.verdict === "incorrect") return "B";
  // no answer found: where real judges are fooled
  if (fooled(response)) return coin(seed, question + "\u0000" + response) < leniency ? "A" : "C";
  return "C";
}
