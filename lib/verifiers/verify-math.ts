import { require_, requireFinite, requireInteger } from "../core/errors.js";
import { extractMathAnswer, lastBoxed } from "./math/extract-answer.js";
import { parseMathAnswer } from "./math/parse-answer.js";
import { answersEqual } from "./math/answers-equal.js";
import { TimeBudgetExceeded } from "./math/scalar-equal.js";

/** A verifier's verdict on one response (docs/ARCHITECTURE.md, how data flows). */
export type MathVerdict = "correct" | "incorrect" | "invalid";

/** What {@link verifyMath} returns. */
export interface MathVerification {
  verdict: MathVerdict;
  /** The final answer found in the response, or null when none was. */
  extracted: string | null;
  /** Why: the extraction rule and the comparison that decided. */
  reason: string;
}

/** Options for {@link verifyMath}. */
export interface VerifyMathOptions {
  /** Relative tolerance for numbers (default 1e-6). */
  relTol?: number;
  /** Absolute tolerance, used only when one side is exactly 0 (default 1e-9). */
  absTol?: number;
  /** Time budget per call in ms (default 1000); checked between steps, no signals. Over it → "invalid". */
  timeoutMs?: number;
  /** Longest response accepted, in characters (default 200 000); longer → "invalid". */
  maxResponseLength?: number;
  /** Longest extracted answer parsed as math, in characters (default 1000); longer → "invalid". */
  maxAnswerLength?: number;
}

/**
 * The rule-based math verifier. Extracts the response's final answer (last `\boxed{}`,
 * "the answer is", "Answer:", a choice letter when the gold is one, else the last number; none
 * → "invalid") and compares it with `gold`: integers, decimals, thousands separators, fractions
 * (`\frac \dfrac \tfrac \frac12 a/b`), percents (10% equals 0.1 and also 10 — the policy most
 * graders use), `\sqrt`, π, e, powers, factorials, units and `\text{}`, degrees, currency,
 * `x = 2` against `2`, tuples, sets (order-free), intervals (open ≠ closed), ±, and symbolic
 * equality (mathjs trees evaluated in 64-digit decimals, and at random points when there are
 * variables), numbers equal within 1e-6 relative (absolute 1e-9 when one side is 0).
 * Modelled on huggingface/Math-Verify (including its asymmetry: a gold inequality accepts an
 * interval answer, not the reverse) and fixes its published failures (issues #14, #41, #64, #67).
 * Never hangs: a size limit, a whitelist of mathjs node types (no matrices or loops), a cap on
 * factorials, and a time budget checked between evaluations.
 */
export function verifyMath(response: string, gold: string, options: VerifyMathOptions = {}): MathVerification {
  require_(typeof response === "string", "verifyMath", "response", response, "is not a string", "pass the model's response text");
  require_(typeof gold === "string" && gold.trim() !== "", "verifyMath", "gold", gold, "is not a non-empty string", "pass the reference answer, e.g. \"\\\\frac{1}{2}\"");
  const relTol = options.relTol ?? 1e-6;
  const absTol = options.absTol ?? 1e-9;
  const timeoutMs = options.timeoutMs ?? 1000;
  const maxResponseLength = options.maxResponseLength ?? 200_000;
  const maxAnswerLength = options.maxAnswerLength ?? 1000;
  requireFinite("verifyMath", "options.relTol", relTol);
  requireFinite("verifyMath", "options.absTol", absTol);
  requireFinite("verifyMath", "options.timeoutMs", timeoutMs);
  require_(relTol >= 0 && absTol >= 0, "verifyMath", "options.relTol/absTol", `${relTol}/${absTol}`, "is negative", "use tolerances ≥ 0");
  require_(timeoutMs > 0, "verifyMath", "options.timeoutMs", timeoutMs, "is not positive", "give a budget in milliseconds, e.g. 1000");
  requireInteger("verifyMath", "options.maxResponseLength", maxResponseLength, 1);
  requireInteger("verifyMath", "options.maxAnswerLength", maxAnswerLength, 1);
  if (response.length > maxResponseLength) {
    return { verdict: "invalid", extracted: null, reason: `response of ${response.length} characters exceeds maxResponseLength=${maxResponseLength}` };
  }
  const deadline = performance.now() + timeoutMs;
  const goldText = lastBoxed(gold) ?? gold;
  const letters = /^\s*\(?[A-Ja-j]\)?\s*$/.test(goldText.replace(/\\text\{(.*)\}/, "$1"));
  const found = extractMathAnswer(response, { choices: letters });
  if (!found) return { verdict: "invalid", extracted: null, reason: letters ? "no choice letter found" : "no final answer found" };
  if (found.answer.length > maxAnswerLength) {
    return { verdict: "invalid", extracted: found.answer.slice(0, 80), reason: `extracted answer of ${found.answer.length} characters exceeds maxAnswerLength=${maxAnswerLength}` };
  }
  try {
    const g = parseMathAnswer(goldText, { letters });
    const a = parseMathAnswer(found.answer, { letters });
    const cmp = answersEqual(g, a, { relTol, absTol, deadline });
    return { verdict: cmp.equal ? "correct" : "incorrect", extracted: found.answer, reason: `${found.rule}: ${cmp.reason}` };
  } catch (e) {
    if (e instanceof TimeBudgetExceeded) return { verdict: "invalid", extracted: found.answer, reason: `time budget of ${timeoutMs} ms exceeded` };
    throw e;
  }
}
