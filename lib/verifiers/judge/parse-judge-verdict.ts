import type { MathVerdict } from "../verify-math.js";

const LONE = /^[\s*(\[]*([ABC])[\s*)\].:]*$/;
const LEADING = /^[\s*(\[]*([ABC])[:.)]\s/;

/**
 * Reads a judge's reply CompassVerifier-style: a boxed letter (`\boxed{A}`); else a reply that
 * is a lone A, B or C (possibly bracketed or bold), starts with one ("A: CORRECT"), or ends with
 * one on its last line; else the words CORRECT / INCORRECT / INVALID (the last said wins).
 * A → "correct", B → "incorrect", C → "invalid"; anything unparseable → "invalid" with parsed false.
 */
export function parseJudgeVerdict(reply: string): { verdict: MathVerdict; parsed: boolean } {
  const fromLetter = (l: string): MathVerdict => (l === "A" ? "correct" : l === "B" ? "incorrect" : "invalid");
  const text = String(reply ?? "").trim();
  const boxed = [...text.matchAll(/\\boxed\{\s*([ABC])\s*\}/g)].pop();
  if (boxed) return { verdict: fromLetter(boxed[1]!), parsed: true };
  const lastLine = text.split("\n").pop() ?? "";
  const letter = LONE.exec(text) ?? LEADING.exec(text) ?? LONE.exec(lastLine);
  if (letter) return { verdict: fromLetter(letter[1]!), parsed: true };
  const words = [...text.toUpperCase().matchAll(/\b(INCORRECT|CORRECT|INVALID)\b/g)].pop();
  if (words) return { verdict: words[1] === "CORRECT" ? "correct" : words[1] === "INCORRECT" ? "incorrect" : "invalid", parsed: true };
  return { verdict: "invalid", parsed: false };
}
