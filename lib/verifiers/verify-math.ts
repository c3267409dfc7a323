import { require_, requireFinite, requireInteger } from "../core/errors.js";
import { DEFAULT_CHOICES, extractMathAnswer, type MathExtraction } from "./math/extract-answer.js";
import { bracesBalanced } from "./math/braces.js";
import { parseMathAnswer, type MathAnswer } from "./math/parse-answer.js";
import { answersEqual } from "./math/answers-equal.js";
import { TimeBudgetExceeded } from "./math/scalar-equal.js";
import { MalformedLatex } from "./math/latex-to-mathjs.js";

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
  /** Compare at this many decimals when either side writes a decimal, instead of relTol (Math-Verify's float_rounding; default off). */
  floatRounding?: number;
  /** Several `\boxed{}`: "joined" (default) reads neighbouring boxes as one set, as Math-Verify; "last" reads only the last box. */
  boxed?: "joined" | "last";
  /** Read a comma between digits that is no thousands separator as a decimal comma (`1,22` = 1.22); default false. */
  decimalComma?: boolean;
  /** false: variables match by position, not name (`f(x)` = `f(y)`), as Math-Verify's strict=False; default true. */
  strictVariables?: boolean;
  /** An inequality answer may match an interval gold (Math-Verify's allow_set_relation_comp); default false. */
  allowSetRelationComparison?: boolean;
  /**
   * An equation answer to a gold that is no equation. "labelled" (default): its last side is the
   * answer only when every other side is a label (`x`, `AB`, `f(2)`, `\frac{NO}{BO}`, `(p, q)`) or
   * equals the last side (`x = 5+5+1 = 11`), so `x + 1 = 5` against 5 is incorrect. "last-side":
   * the last side, always (Math-Verify's reading; it accepts `x + 1 = 5` and `3 = 4` against 4).
   */
  equationAnswer?: "labelled" | "last-side";
  /**
   * A percent against a number without one. "gold" (default): a gold's `10\%` accepts 0.1 and 10
   * (the number of percent), an answer's `10\%` is 0.1 only (so `0.1\%` is not 0.1). "fraction":
   * 10% is 0.1 on either side (Math-Verify's reading). "either": an answer's 10% may also be 10
   * (for golds that drop the sign — it then accepts `0.1\%` for a gold 0.1).
   */
  percent?: "gold" | "fraction" | "either";
  /** Fall back to the last number when no box, answer phrase or math is found (default true). */
  lastNumber?: boolean;
  /** Choice labels a one-letter gold is read against (default A–J). */
  choices?: readonly string[];
  /** Time budget per call in ms (default 1000); checked between steps, no signals. Over it → "invalid". */
  timeoutMs?: number;
  /** Longest response accepted, in characters (default 200 000); longer → "invalid". */
  maxResponseLength?: number;
  /** Longest extracted answer parsed as math, in characters (default 1000); longer → "invalid". */
  maxAnswerLength?: number;
}

/** Braces `{}` balance (escaped `\\{ \\}` aside) and every `\\begin` has its `\\end`. */
function balanced(text: string): boolean {
  return bracesBalanced(text, "skip") && (text.match(/\\begin\{/g) ?? []).length === (text.match(/\\end\{/g) ?? []).length;
}

/** One or several extracted parts as one answer (several parts are a set). */
function parseParts(x: MathExtraction, parse: (s: string) => MathAnswer): MathAnswer {
  if (x.parts.length === 1) return parse(x.parts[0]!);
  const items = x.parts.map(parse).flatMap((p) => (p.kind === "set" && p.origin !== "plus-minus" && p.origin !== "assignments" ? p.items : [p]));
  return { kind: "set", items, origin: "list", source: x.parts.join(", ") };
}

/**
 * The rule-based math verifier. Extracts the response's final answer (`\boxed{}` — neighbouring
 * boxes as one set — or "final answer is", "the answer is", "Answer:", a choice letter when the
 * gold is one, a bare expression, else the rightmost math span or number; none → "invalid"),
 * extracts the gold the same way (a bare gold is its own answer), and compares them: integers,
 * decimals, thousands separators, fractions, percents (an answer's 10% is 0.1; a gold's 10% is
 * 0.1 or 10), `\sqrt`, π,
 * e, powers, factorials, trig (`\sec`, `\sin^2 x`), `\log_b`, `\binom`, `|x|`, sums with bounds,
 * matrices, units, degrees, currency; labels (`x = 2`, `AB = 4`, `f(x) = 1`); an equation
 * against a value by its last side only when its other sides are labels or equal to it
 * (`x = 5+5+1 = 11`, not `x + 1 = 5`); relations and inequalities (`x < 1` = `−x > −1`, equations up to a constant
 * factor), one variable's inequality as intervals; tuples; sets (order-free); intervals
 * (open ≠ closed); ±; symbolic equality (mathjs trees in 64-digit decimals, at seeded random
 * points when there are variables); numbers within 1e-6 relative (1e-9 absolute at 0); an
 * infinity only equals the same infinity; words and choice letters compare as text.
 * Reproduces huggingface/Math-Verify's own test suite except where README names the
 * convention. Never hangs: size limits, a whitelist of mathjs node types, a cap on factorials,
 * sums and matrices, and a time budget checked between evaluations. Malformed input gives
 * "invalid" with a reason; only a wrong argument type throws.
 */
export function verifyMath(response: string, gold: string, options: VerifyMathOptions = {}): MathVerification {
  require_(typeof response === "string", "verifyMath", "response", response, "is not a string", "pass the model's response text");
  require_(typeof gold === "string" && gold.trim() !== "", "verifyMath", "gold", gold, "is not a non-empty string", "pass the reference answer, e.g. \"\\\\frac{1}{2}\"");
  require_(options !== null && typeof options === "object", "verifyMath", "options", options, "is not an object", "pass { relTol, boxed, … } or nothing");
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
  if (options.floatRounding !== undefined) requireInteger("verifyMath", "options.floatRounding", options.floatRounding, 0);
  require_(options.boxed === undefined || options.boxed === "joined" || options.boxed === "last", "verifyMath", "options.boxed", options.boxed, "is not \"joined\" or \"last\"", "pass boxed: \"joined\" (Math-Verify's reading) or \"last\"");
  require_(options.equationAnswer === undefined || options.equationAnswer === "labelled" || options.equationAnswer === "last-side", "verifyMath", "options.equationAnswer", options.equationAnswer, "is not \"labelled\" or \"last-side\"", "pass equationAnswer: \"labelled\" (the default) or \"last-side\" (Math-Verify's reading)");
  require_(options.percent === undefined || ["gold", "fraction", "either"].includes(options.percent), "verifyMath", "options.percent", options.percent, "is not \"gold\", \"fraction\" or \"either\"", "pass percent: \"gold\" (the default), \"fraction\" (Math-Verify's: 10% is 0.1) or \"either\"");
  const choices = options.choices ?? DEFAULT_CHOICES;
  require_(Array.isArray(choices) && choices.length > 0 && choices.every((c) => typeof c === "string" && c.length > 0), "verifyMath", "options.choices", choices, "is not a list of labels", "pass e.g. [\"A\", \"B\", \"C\", \"D\"]");
  if (response.length > maxResponseLength) {
    return { verdict: "invalid", extracted: null, reason: `response of ${response.length} characters exceeds maxResponseLength=${maxResponseLength}` };
  }
  const deadline = performance.now() + timeoutMs;
  const extractOpts = { boxed: options.boxed ?? "joined", decimalComma: options.decimalComma ?? false, lastNumber: options.lastNumber ?? true } as const;
  // a bare gold (no box, no math delimiters, no answer phrase) is its own answer; else it is read like a response
  const wholeGold: MathExtraction = { answer: gold.trim(), parts: [gold.trim()], rule: "whole-response" };
  const bareGold = !/\\boxed|\\fbox|\$|\\\(|\\\[|answer/i.test(gold);
  const goldFound = bareGold ? wholeGold : extractMathAnswer(gold, { ...extractOpts, lastNumber: true, unclosedBox: "to-end" }) ?? wholeGold;
  const goldLetter = goldFound.parts.length === 1 && /^\s*\(?\s*(?:\\text\{\s*\(?\s*([A-Za-z])\s*\)?\s*\}|([A-Za-z]))\s*\)?\s*$/.exec(goldFound.parts[0]!.replace(/^\$+|\$+$/g, ""));
  const letter = goldLetter ? (goldLetter[1] ?? goldLetter[2])! : null;
  const letters = letter !== null && (choices.includes(letter) || choices.includes(letter.toUpperCase())) ? choices : null;
  const found = extractMathAnswer(response, { ...extractOpts, choices: letters ?? false });
  if (!found) return { verdict: "invalid", extracted: null, reason: letters ? "no choice letter found" : "no final answer found" };
  if (found.answer.length > maxAnswerLength) {
    return { verdict: "invalid", extracted: found.answer.slice(0, 80), reason: `extracted answer of ${found.answer.length} characters exceeds maxAnswerLength=${maxAnswerLength}` };
  }
  const broken = found.parts.find((p) => !balanced(p));
  if (broken !== undefined) return { verdict: "invalid", extracted: found.answer, reason: `${found.rule}: malformed LaTeX in the answer (unbalanced braces or \\begin/\\end): ${JSON.stringify(broken.slice(0, 40))}` };
  try {
    const parse = (s: string) => parseMathAnswer(s, { letters: letters ?? undefined, decimalComma: options.decimalComma });
    const g = parseParts(goldFound, parse);
    const a = parseParts(found, parse);
    const cmp = answersEqual(g, a, {
      relTol, absTol, deadline, floatRounding: options.floatRounding,
      strictVariables: options.strictVariables ?? true, allowSetRelationComparison: options.allowSetRelationComparison ?? false,
      equationAnswer: options.equationAnswer ?? "labelled", percent: options.percent ?? "gold",
    });
    return { verdict: cmp.equal ? "correct" : "incorrect", extracted: found.answer, reason: `${found.rule}: ${cmp.reason}` };
  } catch (e) {
    if (e instanceof TimeBudgetExceeded) return { verdict: "invalid", extracted: found.answer, reason: `time budget of ${timeoutMs} ms exceeded` };
    if (e instanceof MalformedLatex) return { verdict: "invalid", extracted: found.answer, reason: `${found.rule}: malformed LaTeX in the answer: ${e.message}` };
    return { verdict: "invalid", extracted: found.answer, reason: `the answer could not be read: ${(e as Error).message ?? String(e)}` };
  }
}
