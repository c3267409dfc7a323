import { create, all, type MathNode, type MathJsInstance } from "mathjs";
import { rng } from "../../core/rng.js";
import { latexToMathjs, UntranslatableLatex, type TranslationContext } from "./latex-to-mathjs.js";

/** Largest n for which `n!` is computed (2004! is fine; 10^9! would never finish). */
const MAX_FACTORIAL = 20000;
/** Longest range a `\sum` is expanded over, and the most cells a matrix may have. */
const MAX_SUM_TERMS = 2000;
const MAX_MATRIX_CELLS = 400;
const PRECISION = 64;

/** A pseudo-random value in [0.5, 3] for `name` at `index`: an unknown sequence, the same on both sides. */
function sequenceValue(m: MathJsInstance, name: string, index: unknown): unknown {
  const key = `${name}:${m.isBigNumber(index) ? (index as { toSignificantDigits(n: number): { toString(): string } }).toSignificantDigits(12).toString() : String(index)}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  h ^= h >>> 13; h = Math.imul(h, 0x5bd1e995) >>> 0; h ^= h >>> 15;
  return m.bignumber(0.5 + 2.5 * ((h >>> 0) / 2 ** 32));
}

let instance: MathJsInstance | null = null;
function mathjs(): MathJsInstance {
  if (instance) return instance;
  const m = create(all, { number: "BigNumber", precision: PRECISION });
  const factorial = m.factorial;
  const sum_ = (args: MathNode[], math: MathJsInstance, scope: Map<string, unknown>) => {
    const k = (args[0] as MathNode & { name?: string }).name;
    const lo = Number(String(args[1]!.compile().evaluate(scope)));
    const hi = Number(String(args[2]!.compile().evaluate(scope)));
    if (!k || !Number.isInteger(lo) || !Number.isInteger(hi)) throw new Error("sum bounds are not integers");
    if (hi - lo > MAX_SUM_TERMS) throw new Error(`sum of more than ${MAX_SUM_TERMS} terms`);
    const body = args[3]!.compile();
    let total: unknown = math.bignumber(0);
    const inner = new Map(scope); // the sum's index shadows an outer variable only inside the sum
    for (let j = lo; j <= hi; j++) {
      inner.set(k, math.bignumber(j));
      total = math.add(total as never, body.evaluate(inner) as never);
    }
    return total;
  };
  (sum_ as unknown as { rawArgs: boolean }).rawArgs = true;
  m.import({
    factorial: (n: unknown) => {
      const v = Number(typeof n === "object" && n !== null ? String(n) : n);
      if (!(v <= MAX_FACTORIAL)) throw new Error(`factorial argument above ${MAX_FACTORIAL}`);
      return factorial(n as number);
    },
    sum_,
    sub_: (name: string, index: unknown) => sequenceValue(m, name, index),
    fn_: (name: string, ...args: unknown[]) => sequenceValue(m, `${name}()`, args.length === 1 ? args[0] : args.map(String).join(",")),
  }, { override: true });
  instance = m;
  return m;
}

const ALLOWED_FUNCTIONS = new Set(["sqrt", "nthRoot", "sin", "cos", "tan", "sec", "csc", "cot", "asin", "acos", "atan", "asec", "acsc", "acot", "sinh", "cosh", "tanh", "log", "exp", "factorial", "abs", "combinations", "sum_", "sub_", "fn_"]);
const CONSTANTS = new Set(["pi", "e", "i", "Infinity"]);
const OPERATORS = new Set(["add", "subtract", "multiply", "divide", "pow", "unaryMinus", "unaryPlus", "factorial"]);

/** A translated scalar: its mathjs tree, free variables, and what its text showed. */
export interface ParsedScalar {
  node: MathNode;
  variables: string[];
  /** Variables that bound a `\sum`: drawn as integers. */
  integerVariables: string[];
  percent: boolean;
  /** The text wrote a decimal number ("0.333"): what `floatRounding` applies to. */
  decimal: boolean;
  /** The text wrote ∞: only then may a value be infinite. */
  infinity: boolean;
  text: string;
}

/**
 * Parses one scalar (LaTeX or plain) into a mathjs tree that only holds numbers, variables,
 * the constants π, e, i, ∞, arithmetic, powers, factorials, a fixed list of functions and
 * small matrices — nothing that allocates or loops on the input's say-so (no ranges,
 * assignments, or matrices built by a function). Multi-letter symbols are products of letters
 * (`ab` = a·b). Throws on anything else.
 */
export function parseScalar(text: string): ParsedScalar {
  let t = text.trim();
  let percent = false;
  if (/\\?%$/.test(t)) { percent = true; t = t.replace(/\\?%$/, "").trim(); }
  if (t === "") throw new UntranslatableLatex("empty");
  const m = mathjs();
  const ctx: TranslationContext = { integerVariables: new Set() };
  // "2x" → "2*x" (mathjs would read "0x…" as a hexadecimal literal); "1e-9" stays a number
  const expr = latexToMathjs(t, ctx).replace(/(\d)(?=(?!e[-+]?\d)[A-Za-z])/g, "$1*");
  let node: MathNode;
  try { node = m.parse(expr); } catch (e) { throw new UntranslatableLatex(`mathjs cannot parse ${JSON.stringify(expr)}: ${(e as Error).message}`); }
  const variables = new Set<string>();
  let cells = 0;
  const check = (n: MathNode, _path: string, parent: MathNode | null): MathNode => {
    const any = n as MathNode & { name?: string; fn?: string | { name: string }; op?: string; value?: unknown; items?: MathNode[]; args?: MathNode[] };
    switch (n.type) {
      case "ConstantNode": {
        const p = parent as (MathNode & { fn?: { name: string } }) | null;
        if (typeof any.value === "string" && !(p?.type === "FunctionNode" && (p.fn?.name === "sub_" || p.fn?.name === "fn_"))) throw new UntranslatableLatex("a string is not a number");
        return n;
      }
      case "ParenthesisNode": return n;
      case "ArrayNode":
        cells += any.items!.length;
        if (cells > MAX_MATRIX_CELLS) throw new UntranslatableLatex(`a matrix of more than ${MAX_MATRIX_CELLS} cells`);
        return n;
      case "OperatorNode":
        if (!OPERATORS.has(any.fn as string)) throw new UntranslatableLatex(`operator ${any.op} is not allowed`);
        return n;
      case "FunctionNode": {
        const name = (any.fn as { name: string }).name;
        if (ALLOWED_FUNCTIONS.has(name)) return n;
        const args = any.args!.map((a) => a.transform(check));
        // f(x): an unknown function (the same on both sides); x(x+1) and other letters: a product
        if (/^[fghFGHPQW]$/.test(name)) return new m.FunctionNode(new m.SymbolNode("fn_"), [new m.ConstantNode(name), ...args]);
        if (/^[A-Za-z]$/.test(name) && args.length === 1) { variables.add(name); return new m.OperatorNode("*", "multiply", [new m.SymbolNode(name), new m.ParenthesisNode(args[0]!)], true); }
        throw new UntranslatableLatex(`function ${name} is not allowed`);
      }
      case "SymbolNode": {
        const name = any.name!;
        if (CONSTANTS.has(name) || ALLOWED_FUNCTIONS.has(name)) return n;
        if (name.length === 1 || /^greek_[A-Za-z]+$/.test(name)) { variables.add(name); return n; }
        if (!/^[A-Za-z]+$/.test(name)) throw new UntranslatableLatex(`symbol ${name}`);
        for (const ch of name) variables.add(ch);
        return new m.OperatorNode("*", "multiply", [...name].map((ch) => new m.SymbolNode(ch)), true);
      }
      default:
        throw new UntranslatableLatex(`${n.type} is not allowed in an answer`);
    }
  };
  node = node.transform(check);
  return {
    node, variables: [...variables].sort(), integerVariables: [...ctx.integerVariables].filter((v) => variables.has(v)).sort(), percent,
    decimal: /(?:^|[^\d])\d*\.\d/.test(t), infinity: /\\infty|∞|Infinity/.test(t), text: t,
  };
}

type Num = { re: number; im: number; big?: unknown };
type Value = { num: Num } | { cells: Num[]; size: string };

function toNum(m: MathJsInstance, v: unknown): Num | null {
  if (typeof v === "number") return { re: v, im: 0 };
  if (m.isBigNumber(v)) return { re: (v as { toNumber(): number }).toNumber(), im: 0, big: v };
  if (m.isComplex(v)) return { re: (v as { re: number }).re, im: (v as { im: number }).im };
  if (m.isFraction(v)) return { re: Number(v), im: 0 };
  return null;
}

function toValue(m: MathJsInstance, v: unknown): Value | null {
  if (m.isMatrix(v) || Array.isArray(v)) {
    const mat = m.matrix(v as never);
    const cells = (mat.toArray() as unknown[]).flat(Infinity).map((c) => toNum(m, c));
    if (cells.some((c) => c === null)) return null;
    return { cells: cells as Num[], size: JSON.stringify(mat.size()) };
  }
  const n = toNum(m, v);
  return n ? { num: n } : null;
}

const finite = (n: Num) => Number.isFinite(n.re) && Number.isFinite(n.im);

/**
 * Two numbers are equal when |a − b| ≤ relTol·max(|a|, |b|), or |a − b| ≤ absTol when either is
 * exactly 0 — or, with `floatRounding`, when both round to the same number at that many
 * decimals (Math-Verify's float_rounding). An infinity equals only the same infinity: no
 * tolerance applies to it. Reals compare in 64-digit decimals, so 1/2004! ≠ 1/2006! (both
 * underflow to the same double 0 and would fool a float comparison).
 */
function numbersEqual(m: MathJsInstance, a: Num, b: Num, opts: CompareScalarOptions, rounding: number | null): boolean {
  if (!finite(a) || !finite(b)) return a.re === b.re && a.im === b.im;
  if (rounding !== null) {
    const r = (x: unknown) => String(m.round(x as never, rounding));
    const big = (n: Num) => n.big ?? m.bignumber(n.re);
    return r(big(a)) === r(big(b)) && r(m.bignumber(a.im)) === r(m.bignumber(b.im));
  }
  const { relTol, absTol } = opts;
  if (a.big !== undefined && b.big !== undefined) {
    type Big = { isZero(): boolean; minus(x: unknown): Big; abs(): Big; gt(x: unknown): boolean; lte(x: unknown): boolean; times(x: unknown): Big };
    const A = a.big as Big, B = b.big as Big;
    const diff = A.minus(B).abs();
    if (A.isZero() || B.isZero()) return diff.lte(m.bignumber(absTol));
    const scale = A.abs().gt(B.abs()) ? A.abs() : B.abs();
    return diff.lte(scale.times(m.bignumber(relTol)));
  }
  const close = (x: number, y: number) => {
    const d = Math.abs(x - y);
    if (x === 0 || y === 0) return d <= absTol;
    return d <= relTol * Math.max(Math.abs(x), Math.abs(y));
  };
  const scale = Math.hypot(a.re, a.im, b.re, b.im);
  const partClose = (x: number, y: number) => close(x, y) || Math.abs(x - y) <= relTol * scale;
  return partClose(a.re, b.re) && partClose(a.im, b.im);
}

function valuesEqual(m: MathJsInstance, x: Value, y: Value, opts: CompareScalarOptions, rounding: number | null): boolean {
  if ("num" in x && "num" in y) return numbersEqual(m, x.num, y.num, opts, rounding);
  if ("cells" in x && "cells" in y) return x.size === y.size && x.cells.every((c, k) => numbersEqual(m, c, y.cells[k]!, opts, rounding));
  return false;
}

/** Tolerances, time budget and variable policy of one comparison. */
export interface CompareScalarOptions {
  relTol: number;
  absTol: number;
  /** A `performance.now()` time after which {@link TimeBudgetExceeded} is thrown. */
  deadline: number;
  /** Round to this many decimals before comparing when either side wrote a decimal (Math-Verify's float_rounding). */
  floatRounding?: number;
  /** false: variables match by position, not name (`f(x)` = `f(y)`), as Math-Verify's strict=False. */
  strictVariables?: boolean;
  /**
   * A percent against a number without one: "gold" (default) — a gold's 10% is 0.1 or 10, an
   * answer's 10% only 0.1; "fraction" — 10% is 0.1 on either side (Math-Verify); "either" — an
   * answer's 10% may also be 10.
   */
  percent?: "gold" | "fraction" | "either";
}

/** Outcome of comparing two scalars. */
export interface ScalarComparison { equal: boolean; how: string }

/** b's variables renamed onto a's (sorted order) when names may differ and the counts agree. */
function renaming(a: ParsedScalar, b: ParsedScalar, strict: boolean): Map<string, string> {
  const map = new Map<string, string>();
  if (!strict && a.variables.length === b.variables.length && a.variables.join() !== b.variables.join()) b.variables.forEach((v, k) => map.set(v, a.variables[k]!));
  return map;
}

/**
 * The seeded points a pair is evaluated at: none when there are no variables; else 6 points with
 * each variable in [0.5, 3] (where √, log and 1/x are real) — integers in [1, 7] for sum bounds.
 */
function points(m: MathJsInstance, vars: string[], ints: Set<string>): Array<Map<string, unknown>> {
  if (vars.length === 0) return [new Map()];
  const gen = rng(20240601);
  return Array.from({ length: 6 }, () => new Map(vars.map((v) => [v, ints.has(v) ? m.bignumber(1 + Math.floor(7 * gen.next())) : m.bignumber(0.5 + 2.5 * gen.next())] as [string, unknown])));
}

/** Evaluates both scalars at the same seeded points (b's variables renamed per `strictVariables`). */
function* evaluatePairs(a: ParsedScalar, b: ParsedScalar, opts: CompareScalarOptions): Generator<{ x: Value | null; y: Value | null }> {
  const m = mathjs();
  const ca = a.node.compile(), cb = b.node.compile();
  const rename = renaming(a, b, opts.strictVariables ?? true);
  const vars = [...new Set([...a.variables, ...b.variables.map((v) => rename.get(v) ?? v)])].sort();
  const ints = new Set([...a.integerVariables, ...b.integerVariables.map((v) => rename.get(v) ?? v)]);
  const run = (c: typeof ca, p: ParsedScalar, scope: Map<string, unknown>): Value | null => {
    try {
      const v = toValue(m, c.evaluate(scope));
      if (v && !p.infinity && ("num" in v ? !finite(v.num) : v.cells.some((n) => !finite(n)))) return null; // 1/0 is no answer
      return v;
    } catch { return null; }
  };
  for (const scope of points(m, vars, ints)) {
    if (performance.now() > opts.deadline) throw new TimeBudgetExceeded();
    const scopeB = new Map([...b.variables].map((v) => [v, scope.get(rename.get(v) ?? v)]));
    yield { x: run(ca, a, new Map(scope)), y: run(cb, b, scopeB) };
  }
}

/**
 * Compares two parsed scalars: numerically when neither has a variable; otherwise by evaluating
 * both at 6 seeded random points — an identity test in the Schwartz–Zippel spirit that mathjs'
 * `simplify` would miss (√(1/n) = 1/√n). A point where neither side evaluates is skipped; a
 * point where only one does is a difference. `a` is the gold. Percent, against a number without
 * one: 10% is 0.1 (Math-Verify's reading, latex2sympy's `10\%` = 10·1/100); a gold's 10% also
 * accepts 10, the number of percent (`percent: "gold"`, the default; "fraction" is
 * Math-Verify's, "either" lets an answer's 10% be 10 as well).
 * Checks `deadline` (a `performance.now()` time) between evaluations.
 */
export function scalarsEqual(a: ParsedScalar, b: ParsedScalar, opts: CompareScalarOptions): ScalarComparison {
  const m = mathjs();
  const rounding = opts.floatRounding !== undefined && (a.decimal || b.decimal) ? opts.floatRounding : null;
  const policy = opts.percent ?? "gold";
  const variants = (p: ParsedScalar, other: ParsedScalar, gold: boolean): Array<{ scale: number; label: string }> =>
    !p.percent || other.percent ? [{ scale: 1, label: "" }]
      : policy === "either" || (policy === "gold" && gold) ? [{ scale: 0.01, label: "percent as a fraction" }, { scale: 1, label: `${gold ? "the gold's" : "the answer's"} percent as its number` }]
      : [{ scale: 0.01, label: "percent as a fraction" }];
  const scaled = (v: Value, k: number): Value => {
    if (k === 1) return v;
    const s = (n: Num): Num => ({ re: n.re * k, im: n.im * k, big: n.big === undefined ? undefined : m.multiply(n.big as never, m.bignumber(k) as never) });
    return "num" in v ? { num: s(v.num) } : { cells: v.cells.map(s), size: v.size };
  };
  const pairs = [...evaluatePairs(a, b, opts)];
  const vars = [...new Set([...a.variables, ...b.variables])];
  for (const va of variants(a, b, true)) {
    for (const vb of variants(b, a, false)) {
      let usable = 0, allEqual = true;
      for (const { x, y } of pairs) {
        if (x === null && y === null) continue;
        if (x === null || y === null || !valuesEqual(m, scaled(x, va.scale), scaled(y, vb.scale), opts, rounding)) { allEqual = false; break; }
        usable++;
      }
      if (allEqual && usable > 0) {
        const how = vars.length === 0 ? (rounding !== null ? `equal at ${rounding} decimals` : "numerically equal") : `equal at ${usable} random points of ${vars.sort().join(", ")}`;
        return { equal: true, how: [how, va.label, vb.label].filter(Boolean).join("; ") };
      }
    }
  }
  return { equal: false, how: vars.length === 0 ? "numbers differ" : `differ at a random point of ${vars.sort().join(", ")}` };
}

/**
 * Whether a = c·b for one constant c ≠ 0 at every seeded point (both have variables): the sign
 * of c, or null. Used for relations: `2x + 4y − 3 = 0` and `y = −x/2 + 3/4` are the same line
 * (c = 4); `x < 1` and `−x > −1` the same inequality (c = −1, the relation mirrored).
 */
export function proportional(a: ParsedScalar, b: ParsedScalar, opts: CompareScalarOptions): 1 | -1 | null {
  if (a.variables.length === 0 && b.variables.length === 0) return null;
  let ratio: number | null = null, usable = 0;
  for (const { x, y } of evaluatePairs(a, b, opts)) {
    if (x === null || y === null || !("num" in x) || !("num" in y) || x.num.im !== 0 || y.num.im !== 0) return null;
    const [p, q] = [x.num.re, y.num.re];
    if (Math.abs(p) < 1e-12 && Math.abs(q) < 1e-12) continue;
    if (Math.abs(p) < 1e-12 || Math.abs(q) < 1e-12) return null;
    const r = p / q;
    if (ratio === null) ratio = r;
    else if (Math.abs(r - ratio) > opts.relTol * Math.max(1, Math.abs(ratio)) * 10) return null;
    usable++;
  }
  return ratio === null || usable < 2 ? null : ratio > 0 ? 1 : -1;
}

/** Thrown inside the math verifier when its time budget runs out. */
export class TimeBudgetExceeded extends Error {}
