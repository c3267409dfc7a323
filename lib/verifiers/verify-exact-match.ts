import { require_ } from "../core/errors.js";
import { extractMathAnswer, lastBoxed } from "./math/extract-answer.js";
import type { MathVerification } from "./verify-math.js";

/**
 * A strict string-match checker, the baseline many RL pipelines start from: the same answer
 * extraction as {@link verifyMath}, then `correct` only when the extracted text equals the gold
 * text after trimming spaces and a surrounding `$`. It misses every equivalent format (false
 * negatives) — which is what it is here to show.
 */
export function verifyExactMatch(response: string, gold: string): MathVerification {
  require_(typeof response === "string", "verifyExactMatch", "response", response, "is not a string", "pass the model's response text");
  require_(typeof gold === "string" && gold.trim() !== "", "verifyExactMatch", "gold", gold, "is not a non-empty string", "pass the reference answer");
  const found = extractMathAnswer(response, { choices: /^\s*\(?[A-J]\)?\s*$/.test(gold) });
  if (!found) return { verdict: "invalid", extracted: null, reason: "no final answer found" };
  const norm = (s: string) => s.trim().replace(/^\$+|\$+$/g, "").replace(/\s+/g, "");
  const g = lastBoxed(gold) ?? gold;
  const equal = norm(found.answer) === norm(g);
  return { verdict: equal ? "correct" : "incorrect", extracted: found.answer, reason: `${found.rule}: ${equal ? "same string" : "different string"}` };
}
