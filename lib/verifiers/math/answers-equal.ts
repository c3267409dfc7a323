import type { MathAnswer, MathInterval } from "./parse-answer.js";
import { parseScalar, scalarsEqual, type ParsedScalar } from "./scalar-equal.js";
import { stripLatexNoise } from "./latex-to-mathjs.js";

/** Tolerances and deadline for one comparison. */
export interface CompareOptions { relTol: number; absTol: number; deadline: number }

/** Whether two answers are equivalent, and why (a short human-readable reason). */
export interface AnswerComparison { equal: boolean; reason: string }

const normalise = (s: string) => stripLatexNoise(s).replace(/\s+/g, "").replace(/\\(?:d|t)frac/g, "\\frac");

function compareScalarText(gold: string, answer: string, opts: CompareOptions): AnswerComparison {
  let g: ParsedScalar, a: ParsedScalar;
  try {
    g = parseScalar(gold);
    a = parseScalar(answer);
  } catch {
    // Not translatable (words, unusual notation): fall back to normalised text.
    const equal = normalise(gold).toLowerCase() === normalise(answer).toLowerCase();
    return { equal, reason: equal ? "same text after normalisation" : "different text (not parsed as math)" };
  }
  const r = scalarsEqual(g, a, opts);
  return { equal: r.equal, reason: r.how };
}

function intervalsEqual(g: MathInterval, a: MathInterval, opts: CompareOptions): boolean {
  return g.loClosed === a.loClosed && g.hiClosed === a.hiClosed && compareScalarText(g.lo, a.lo, opts).equal && compareScalarText(g.hi, a.hi, opts).equal;
}

/** Order-free matching: every gold item pairs with a distinct equal answer item. */
function sameMultiset(g: MathAnswer[], a: MathAnswer[], opts: CompareOptions): boolean {
  if (g.length !== a.length) return false;
  const used = new Array<boolean>(a.length).fill(false);
  for (const gi of g) {
    const j = a.findIndex((ai, k) => !used[k] && answersEqual(gi, ai, opts).equal);
    if (j < 0) return false;
    used[j] = true;
  }
  return true;
}

function sameIntervals(g: MathInterval[], a: MathInterval[], opts: CompareOptions): boolean {
  if (g.length !== a.length) return false;
  const used = new Array<boolean>(a.length).fill(false);
  for (const gi of g) {
    const j = a.findIndex((ai, k) => !used[k] && intervalsEqual(gi, ai, opts));
    if (j < 0) return false;
    used[j] = true;
  }
  return true;
}

/**
 * Compares a gold answer with a candidate's, structure first: letters by letter; sets order-free
 * (a one-element set equals its element); tuples in order; intervals by endpoints and
 * open/closed ends; `(a, b)` as a pair or an open interval. Asymmetric as Math-Verify: a gold
 * inequality accepts an equal interval answer, but an inequality answer to an interval gold is
 * rejected (the question asked for interval notation).
 */
export function answersEqual(gold: MathAnswer, answer: MathAnswer, opts: CompareOptions): AnswerComparison {
  if (gold.kind === "letter" || answer.kind === "letter") {
    const equal = gold.kind === "letter" && answer.kind === "letter" && gold.letter === answer.letter;
    return { equal, reason: equal ? "same choice letter" : "different choice" };
  }
  if (gold.kind === "scalar" && answer.kind === "scalar") return compareScalarText(gold.text, answer.text, opts);
  if (gold.kind === "set" && answer.kind === "set") {
    const equal = sameMultiset(gold.items, answer.items, opts);
    return { equal, reason: equal ? "same set (order-free)" : gold.items.length !== answer.items.length ? `sets of ${gold.items.length} and ${answer.items.length} elements` : "sets differ" };
  }
  if (gold.kind === "set" && gold.items.length === 1 && answer.kind !== "set") return answersEqual(gold.items[0]!, answer, opts);
  if (answer.kind === "set" && answer.items.length === 1 && gold.kind !== "set") return answersEqual(gold, answer.items[0]!, opts);
  if (gold.kind === "set" && answer.kind === "tuple" && gold.origin !== "plus-minus") {
    const equal = sameMultiset(gold.items, answer.items, opts);
    return { equal, reason: equal ? "same elements (order-free)" : "elements differ" };
  }
  if (gold.kind === "tuple" && answer.kind === "tuple") {
    if (gold.items.length !== answer.items.length) return { equal: false, reason: `tuples of ${gold.items.length} and ${answer.items.length} entries` };
    const equal = gold.items.every((g, i) => answersEqual(g, answer.items[i]!, opts).equal);
    return { equal, reason: equal ? "same tuple" : "tuples differ" };
  }
  const asOpen = (t: MathAnswer): MathInterval[] | null =>
    t.kind === "tuple" && t.alsoOpenInterval && t.items.every((x) => x.kind === "scalar")
      ? [{ lo: (t.items[0] as { text: string }).text, hi: (t.items[1] as { text: string }).text, loClosed: false, hiClosed: false }]
      : null;
  const gi = gold.kind === "intervals" ? gold.intervals : asOpen(gold);
  const ai = answer.kind === "intervals" ? answer.intervals : asOpen(answer);
  if (gi && ai) {
    if (answer.kind === "intervals" && answer.fromInequality && !(gold.kind === "intervals" && gold.fromInequality)) {
      return { equal: false, reason: "an inequality answer to an interval gold (asymmetric, as Math-Verify)" };
    }
    const equal = sameIntervals(gi, ai, opts);
    return { equal, reason: equal ? "same intervals" : "intervals differ (endpoints or open/closed ends)" };
  }
  return { equal: false, reason: `a ${gold.kind} gold against a ${answer.kind} answer` };
}
