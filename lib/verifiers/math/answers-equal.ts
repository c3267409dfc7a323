import { isLabel, mirror, parseMathAnswer, type MathAnswer, type MathInterval, type RelOp } from "./parse-answer.js";
import { parseScalar, proportional, scalarsEqual, type CompareScalarOptions, type ParsedScalar } from "./scalar-equal.js";
import { MalformedLatex } from "./latex-to-mathjs.js";

/** Tolerances, deadline and policies of one comparison. */
export interface CompareOptions extends CompareScalarOptions {
  /** An inequality answer may match an interval gold (Math-Verify's allow_set_relation_comp). */
  allowSetRelationComparison?: boolean;
  /**
   * An equation answer to a gold that is no equation: "labelled" (default) reads it as its last
   * side only when every other side is a label or equals the last side; "last-side" always reads
   * the last side, as Math-Verify does.
   */
  equationAnswer?: "labelled" | "last-side";
}

/** Whether two answers are equivalent, and why (a short human-readable reason). */
export interface AnswerComparison { equal: boolean; reason: string }

const yes = (reason: string): AnswerComparison => ({ equal: true, reason });
const no = (reason: string): AnswerComparison => ({ equal: false, reason });

/** Words compare lower-cased, without `\text{}`, spaces, and punctuation at either end. */
const plainText = (s: string) => s.replace(/\\text\{([^{}]*)\}/g, "$1").replace(/\s+/g, "").replace(/^[.,;:!?'"]+|[.,;:!?'"]+$/g, "").toLowerCase();

/** The scalar, or null when it is not math; a broken answer (`\frac{1}`) throws, to be judged invalid. */
function tryParse(text: string, answerSide: boolean): ParsedScalar | null {
  try { return parseScalar(text); } catch (e) { if (answerSide && e instanceof MalformedLatex) throw e; return null; }
}

/** Two scalar texts: the same text, else equal values (`scalarsEqual`); untranslatable text only by text. */
function scalarTextsEqual(gold: string, answer: string, opts: CompareOptions): AnswerComparison {
  if (gold.replace(/\s+/g, "") === answer.replace(/\s+/g, "")) return yes("same text");
  const g = tryParse(gold, false), a = tryParse(answer, true);
  if (!g || !a) return no("different text (not parsed as math)");
  const r = scalarsEqual(g, a, opts);
  return { equal: r.equal, reason: r.how };
}

function intervalsEqual(g: MathInterval, a: MathInterval, opts: CompareOptions): boolean {
  return g.loClosed === a.loClosed && g.hiClosed === a.hiClosed && scalarTextsEqual(g.lo, a.lo, opts).equal && scalarTextsEqual(g.hi, a.hi, opts).equal;
}

/**
 * Set equality: every gold item has an equal answer item and every answer item an equal gold item
 * (repeats collapse). Each pair is compared at most once (a lazily filled gold × answer matrix),
 * since one comparison can be a full algebraic check.
 */
function sameSet<T>(g: readonly T[], a: readonly T[], eq: (x: T, y: T) => boolean): boolean {
  const known = new Int8Array(g.length * a.length); // 0 not compared, 1 equal, -1 different
  const equal = (i: number, j: number): boolean => {
    const k = i * a.length + j;
    if (known[k] === 0) known[k] = eq(g[i]!, a[j]!) ? 1 : -1;
    return known[k] === 1;
  };
  return g.every((_, i) => a.some((_y, j) => equal(i, j))) && a.every((_, j) => g.some((_x, i) => equal(i, j)));
}

function asIntervals(t: MathAnswer): MathInterval[] | null {
  if (t.kind === "intervals") return t.intervals;
  if (t.kind === "tuple" && t.alsoOpenInterval && t.items.every((x) => x.kind === "scalar")) {
    return [{ lo: (t.items[0] as { text: string }).text, hi: (t.items[1] as { text: string }).text, loClosed: false, hiClosed: false }];
  }
  return null;
}

/** `L op R` as the scalar L − R. */
const difference = (l: string, r: string) => `(${l})-(${r})`;

/**
 * Two relations: the same variable's intervals when both are one variable's bounds; else side
 * by side, each `L op R` against `L' op' R'` with L − R = c·(L' − R') for a constant c — c > 0
 * and the same operator, or c < 0 and the mirrored one (`x < 1` = `−x > −1`); an equation or
 * `≠` takes any c ≠ 0 (`2x + 4y − 3 = 0` = `y = −x/2 + 3/4`). Without variables, side by side.
 */
function relationsEqual(g: Extract<MathAnswer, { kind: "relation" }>, a: Extract<MathAnswer, { kind: "relation" }>, opts: CompareOptions): AnswerComparison {
  if (g.intervals && a.intervals && g.variable === a.variable && sameSet(g.intervals, a.intervals, (x, y) => intervalsEqual(x, y, opts))) return yes("same intervals of " + g.variable);
  if (g.ops.length !== a.ops.length) return no("relations of different lengths");
  for (let k = 0; k < g.ops.length; k++) {
    const [gl, gr, go] = [g.sides[k]!, g.sides[k + 1]!, g.ops[k]!];
    const [al, ar, ao] = [a.sides[k]!, a.sides[k + 1]!, a.ops[k]!];
    const dg = tryParse(difference(gl, gr), false), da = tryParse(difference(al, ar), true);
    const c = dg && da ? proportional(dg, da, opts) : null;
    const symmetric = go === "=" || go === "!=";
    if (c !== null && (symmetric ? go === ao : c > 0 ? go === ao : mirror(go) === ao)) continue;
    const sideBySide = go === ao && scalarTextsEqual(gl, al, opts).equal && scalarTextsEqual(gr, ar, opts).equal;
    const swapped = mirror(go) === ao && scalarTextsEqual(gl, ar, opts).equal && scalarTextsEqual(gr, al, opts).equal;
    if (!sideBySide && !swapped) return no(`relations differ (${gl} ${go} ${gr} vs ${al} ${ao} ${ar})`);
  }
  return yes("equivalent relations");
}

/**
 * Why an equation's last side cannot stand for it, or null when it can: every other side must
 * be a label or equal the last side (`x = 5+5+1 = 11`, `2 + 3 = 5`), else the equation says
 * something else (`x + 1 = 5` says x = 4; `3 = 4` is false). Under `equationAnswer: "last-side"`
 * (Math-Verify's reading) it always can.
 */
function lastSideRefused(sides: readonly string[], last: MathAnswer, opts: CompareOptions): string | null {
  if (opts.equationAnswer === "last-side") return null;
  const bad = sides.find((s) => !isLabel(s) && !answersEqual(parseMathAnswer(s), last, opts).equal);
  return bad === undefined ? null : `the equation's side ${bad} is neither a label nor equal to its last side ${last.source}, so ${last.source} is not its answer (equationAnswer: "last-side" reads it as ${last.source}, as Math-Verify)`;
}

/** `x = v` read as the equation x − v = 0, to compare with a gold equation. */
function asRelation(t: Extract<MathAnswer, { kind: "labelled" }>): Extract<MathAnswer, { kind: "relation" }> {
  return { kind: "relation", sides: [t.label.replace(/\(\)/g, ""), (t.value as { text: string }).text], ops: ["=" as RelOp], source: t.source };
}

/**
 * Compares a gold answer with a candidate's, structure first: two answers naming different known
 * units differ (`5 m` ≠ `5 cm`); the same normalised text is equal;
 * words (`\text{}`, bare words) and choice letters compare as text, never as algebra; labels
 * (`x =`, `f(x) =`, `AB =`) must agree when both sides have one and are dropped when only one
 * does; relations as {@link relationsEqual}; an equation answer to a gold that is no equation
 * is read by its last side when the other sides allow it ({@link lastSideRefused}); sets order-free (a one-element set equals its element); tuples in order, against a
 * list as written; intervals by endpoints and open/closed ends; `(a, b)` as a pair or an open
 * interval; scalars by {@link scalarsEqual}. Asymmetric as Math-Verify: a gold inequality accepts
 * an equal interval answer; an inequality answer to an interval gold only with
 * `allowSetRelationComparison`.
 */
export function answersEqual(gold: MathAnswer, answer: MathAnswer, opts: CompareOptions): AnswerComparison {
  if (gold.units !== undefined && answer.units !== undefined && gold.units !== answer.units) return no(`different units (${gold.units} and ${answer.units})`);
  if (gold.source.replace(/\s+/g, "") === answer.source.replace(/\s+/g, "") && gold.source !== "") return yes("same text");
  if (gold.kind === "letter" || answer.kind === "letter") {
    const equal = gold.kind === "letter" && answer.kind === "letter" && gold.letter === answer.letter;
    return equal ? yes("same choice letter") : no("different choice");
  }
  if (gold.kind === "text" || answer.kind === "text") {
    const equal = plainText(gold.source) === plainText(answer.source);
    return equal ? yes("same text after normalisation") : no("different text (text compares as text, not algebra)");
  }
  if (gold.kind === "labelled" && answer.kind === "labelled") {
    if (gold.label !== answer.label) return no(`different labels ${gold.label} and ${answer.label}`);
    return answersEqual(gold.value, answer.value, opts);
  }
  // x ∈ [−2, 7] against −2 ≤ x ≤ 7: the membership's set, for the same variable
  if (gold.kind === "labelled" && answer.kind === "relation") {
    if (gold.value.kind !== "scalar") return answer.variable === undefined || answer.variable === gold.label ? answersEqual(gold.value, answer, opts) : no("different variables");
    return answersEqual(asRelation(gold)!, answer, opts);
  }
  if (answer.kind === "labelled" && gold.kind === "relation") {
    if (answer.value.kind !== "scalar") return gold.variable === undefined || gold.variable === answer.label ? answersEqual(gold, answer.value, opts) : no("different variables");
    return answersEqual(gold, asRelation(answer)!, opts);
  }
  if (gold.kind === "labelled") return answersEqual(gold.value, answer, opts);
  if (answer.kind === "labelled") {
    const refused = answer.chain ? lastSideRefused(answer.chain, answer.value, opts) : null;
    return refused ? no(refused) : answersEqual(gold, answer.value, opts);
  }
  if (gold.kind === "relation" && answer.kind === "relation") return relationsEqual(gold, answer, opts);
  if (gold.kind === "relation") {
    // a gold chain (`1 = \zzz = x = 0`) is trusted: its last side is the answer
    if (gold.sides.length >= 3 && gold.ops.every((o) => o === "=")) return answersEqual(parseMathAnswer(gold.sides[gold.sides.length - 1]!), answer, opts);
    const ai = asIntervals(answer);
    if (gold.intervals && ai) return sameSet(gold.intervals, ai, (x, y) => intervalsEqual(x, y, opts)) ? yes("the gold inequality's intervals") : no("intervals differ from the gold inequality");
    return no(`a relation gold against a ${answer.kind} answer`);
  }
  if (answer.kind === "relation") {
    const gi = asIntervals(gold);
    if (answer.intervals && gi) {
      if (!opts.allowSetRelationComparison) return no("an inequality answer to an interval gold (asymmetric, as Math-Verify; allowSetRelationComparison accepts it)");
      return sameSet(gi, answer.intervals, (x, y) => intervalsEqual(x, y, opts)) ? yes("same intervals") : no("intervals differ");
    }
    if (answer.ops.every((o) => o === "=")) {
      const last = parseMathAnswer(answer.sides[answer.sides.length - 1]!);
      const refused = lastSideRefused(answer.sides.slice(0, -1), last, opts);
      if (refused) return no(refused);
      const r = answersEqual(gold, last, opts);
      return { equal: r.equal, reason: `the equation's last side: ${r.reason}` };
    }
    return no(`a ${gold.kind} gold against a relation answer`);
  }
  if (gold.kind === "scalar" && answer.kind === "scalar") return scalarTextsEqual(gold.text, answer.text, opts);
  if (gold.kind === "set" && gold.items.length === 1 && answer.kind !== "set") return answersEqual(gold.items[0]!, answer, opts);
  if (answer.kind === "set" && answer.items.length === 1 && gold.kind !== "set") return answersEqual(gold, answer.items[0]!, opts);
  if (gold.kind === "set" && answer.kind === "set") {
    return sameSet(gold.items, answer.items, (x, y) => answersEqual(x, y, opts).equal) ? yes("same set (order-free)") : no(`sets differ (${gold.items.length} and ${answer.items.length} elements)`);
  }
  const ordered = (x: MathAnswer): MathAnswer[] | null => (x.kind === "tuple" ? x.items : x.kind === "set" && x.origin !== "plus-minus" ? x.items : null);
  if (gold.kind === "tuple" || answer.kind === "tuple") {
    const gi = asIntervals(gold), ai = asIntervals(answer);
    if (gi && ai && (gold.kind === "intervals" || answer.kind === "intervals")) return sameSet(gi, ai, (x, y) => intervalsEqual(x, y, opts)) ? yes("same intervals") : no("intervals differ (endpoints or open/closed ends)");
    const g = ordered(gold), a = ordered(answer);
    if (g && a) {
      if (g.length !== a.length) return no(`${g.length} and ${a.length} entries`);
      return g.every((x, k) => answersEqual(x, a[k]!, opts).equal) ? yes("same entries in order") : no("entries differ");
    }
  }
  if (gold.kind === "intervals" && answer.kind === "intervals") {
    return sameSet(gold.intervals, answer.intervals, (x, y) => intervalsEqual(x, y, opts)) ? yes("same intervals") : no("intervals differ (endpoints or open/closed ends)");
  }
  return no(`a ${gold.kind} gold against a ${answer.kind} answer`);
}
