import { matchingBrace } from "./braces.js";

/** Which rule found the final answer in a response. */
export type MathExtractionRule = "boxed" | "the-answer-is" | "answer-colon" | "choice-letter" | "whole-response" | "last-number";

/** The answer pulled out of a response, and the rule that found it. */
export interface MathExtraction {
  answer: string;
  rule: MathExtractionRule;
}

/** The contents of the last `\boxed{…}` (or `\fbox{…}`) with nested braces, or null. */
export function lastBoxed(text: string): string | null {
  const re = /\\(?:boxed|fbox)\s*\{/g;
  let found: string | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const open = m.index + m[0].length - 1;
    const close = matchingBrace(text, open);
    if (close < 0) continue; // truncated: an unclosed box is no answer
    found = text.slice(open + 1, close);
    re.lastIndex = close + 1;
  }
  // `\boxed 5` without braces
  if (found === null) {
    const bare = [...text.matchAll(/\\boxed\s+([^\s$]+)/g)].pop();
    if (bare) found = bare[1]!;
  }
  return found;
}

/** Cuts a phrase-marked answer at the end of its sentence: "$\frac12$." → "\frac12". */
function sentenceAnswer(rest: string): string {
  let s = rest.trim();
  // the answer runs to a line break, or to a full stop followed by space/end (not a decimal point)
  const nl = s.indexOf("\n");
  if (nl >= 0) s = s.slice(0, nl);
  const mathSpan = /^\$+([^$]+)\$+/.exec(s) ?? /^\\\((.+?)\\\)/.exec(s) ?? /^\\\[(.+?)\\\]/.exec(s);
  if (mathSpan) return mathSpan[1]!.trim();
  const stop = /\.(\s|$)/.exec(s);
  if (stop) s = s.slice(0, stop.index);
  return s.replace(/[.;!]+$/, "").trim();
}

// a number not glued to letters before it ("AZYUK2A" holds no answer); units after it are fine ("5cm")
const NUMBER_RE = /(?<![A-Za-z\d.])(?:-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?(?:\s*\/\s*\d+(?:\.\d+)?)?|-?\.\d+)/g;

/** The whole response is a bare math answer ("$-\frac{10}{9}$", "[0, 1)"): no words outside LaTeX commands and \text{}. */
function wholeResponseAnswer(response: string): string | null {
  const t = response.trim().replace(/^(?:\$\$|\$|\\\(|\\\[)\s*/, "").replace(/\s*(?:\$\$|\$|\\\)|\\\])\.?$/, "").trim();
  if (t === "" || t.length > 200 || /\\(?:boxed|fbox)/.test(t)) return null;
  let depth = 0;
  for (const c of t) { if (c === "{") depth++; else if (c === "}" && --depth < 0) return null; }
  if (depth !== 0) return null; // unbalanced: a truncated expression
  const words = t.replace(/\\(?:text|mathrm|textbf|mbox)\s*\{[^{}]*\}/g, "").replace(/\\[A-Za-z]+/g, "");
  if (/[A-Za-z]{3,}/.test(words) || t.includes("\n")) return null;
  return /[\dA-Za-z]/.test(t) ? t : null;
}

/**
 * Finds the final answer in a model response, trying in order: the last `\boxed{}` (nested
 * braces; an unclosed one does not count), the last "the answer is …", the last "Answer: …",
 * a multiple-choice letter (only when `choices` is set), the whole response when it is a bare
 * math expression (no words outside LaTeX commands), else the last number in the text.
 * Returns null when none is found (the verdict is then "invalid").
 */
export function extractMathAnswer(response: string, options: { choices?: boolean } = {}): MathExtraction | null {
  const boxed = lastBoxed(response);
  if (boxed !== null && boxed.trim() !== "") return { answer: boxed.trim(), rule: "boxed" };
  const phrase = [...response.matchAll(/the (?:final )?answer is[:\s]*/gi)].pop();
  if (phrase) {
    const a = sentenceAnswer(response.slice(phrase.index! + phrase[0].length));
    if (a !== "") return { answer: a, rule: "the-answer-is" };
  }
  const colon = [...response.matchAll(/(?:^|\n|\s)\**(?:final answer|answer)\**\s*(?:[:：]\s*|(?=\$|\\\(|\\\[))/gi)].pop();
  if (colon) {
    const a = sentenceAnswer(response.slice(colon.index! + colon[0].length));
    if (a !== "") return { answer: a, rule: "answer-colon" };
  }
  if (options.choices) {
    const letter = [...response.matchAll(/\(([A-J])\)|\b(?:option|choice)\s+([A-J])\b/g)].pop();
    if (letter) return { answer: letter[1] ?? letter[2]!, rule: "choice-letter" };
    return null;
  }
  const whole = wholeResponseAnswer(response);
  if (whole !== null) return { answer: whole, rule: "whole-response" };
  const numbers = [...response.matchAll(NUMBER_RE)];
  const last = numbers.pop();
  if (last) return { answer: last[0].replace(/\s+/g, ""), rule: "last-number" };
  return null;
}
