import { create, all, type MathNode, type MathJsInstance } from "mathjs";
import { rng } from "../../core/rng.js";
import { latexToMathjs, UntranslatableLatex } from "./latex-to-mathjs.js";

/** Largest n for which `n!` is computed (2004! is fine; 10^9! would never finish). */
const MAX_FACTORIAL = 20000;
const PRECISION = 64;

let instance: MathJsInstance | null = null;
function mathjs(): MathJsInstance {
  if (instance) return instance;
  const m = create(all, { number: "BigNumber", precision: PRECISION });
  const factorial = m.factorial;
  m.import({
    factorial: (n: unknown) => {
      const v = Number(typeof n === "object" && n !== null ? String(n) : n);
      if (!(v <= MAX_FACTORIAL)) throw new Error(`factorial argument above ${MAX_FACTORIAL}`);
      return factorial(n as number);
    },
  }, { override: true });
  instance = m;
  return m;
}

const ALLOWED_FUNCTIONS = new Set(["sqrt", "nthRoot", "sin", "cos", "tan", "sec", "csc", "cot", "asin", "acos", "atan", "sinh", "cosh", "tanh", "log", "exp", "factorial", "abs"]);
const CONSTANTS = new Set(["pi", "e", "i", "Infinity"]);
const OPERATORS = new Set(["add", "subtract", "multiply", "divide", "pow", "unaryMinus", "unaryPlus", "factorial"]);

/** A translated scalar: its mathjs tree, free variables, and whether it carried a percent sign. */
export interface ParsedScalar { node: MathNode; variables: string[]; percent: boolean; text: string }

/**
 * Parses one scalar (LaTeX or plain) into a mathjs tree that only holds numbers, variables,
 * the constants π, e, i, ∞, arithmetic, powers, factorials and a fixed list of functions —
 * nothing that allocates or loops on the input's say-so (no matrices, ranges, assignments).
 * Multi-letter symbols are products of letters (`ab` = a·b). Throws on anything else.
 */
export function parseScalar(text: string): ParsedScalar {
  let t = text.trim();
  let percent = false;
  if (/\\?%$/.test(t)) { percent = true; t = t.replace(/\\?%$/, "").trim(); }
  if (t === "") throw new UntranslatableLatex("empty");
  const m = mathjs();
  // "2x" → "2*x" (mathjs would read "0x…" as a hexadecimal literal); "1e-9" stays a number
  const expr = latexToMathjs(t).replace(/(\d)(?=(?!e[-+]?\d)[A-Za-z])/g, "$1*");
  let node = m.parse(expr);
  const variables = new Set<string>();
  node = node.transform((n: MathNode) => {
    const any = n as MathNode & { name?: string; fn?: string | { name: string }; op?: string };
    switch (n.type) {
      case "ConstantNode": case "ParenthesisNode": return n;
      case "OperatorNode":
        if (!OPERATORS.has(any.fn as string)) throw new UntranslatableLatex(`operator ${any.op} is not allowed`);
        return n;
      case "FunctionNode": {
        const name = (any.fn as { name: string }).name;
        if (!ALLOWED_FUNCTIONS.has(name)) throw new UntranslatableLatex(`function ${name} is not allowed`);
        return n;
      }
      case "SymbolNode": {
        const name = any.name!;
        if (CONSTANTS.has(name) || ALLOWED_FUNCTIONS.has(name)) return n;
        if (name.length === 1) { variables.add(name); return n; }
        if (!/^[A-Za-z]+$/.test(name)) throw new UntranslatableLatex(`symbol ${name}`);
        for (const ch of name) variables.add(ch);
        return new m.OperatorNode("*", "multiply", [...name].map((ch) => new m.SymbolNode(ch)), true);
      }
      default:
        throw new UntranslatableLatex(`${n.type} is not allowed in an answer`);
    }
  });
  return { node, variables: [...variables].sort(), percent, text: t };
}

type Num = { re: number; im: number; big?: unknown };

function toNum(m: MathJsInstance, v: unknown): Num | null {
  if (typeof v === "number") return { re: v, im: 0 };
  if (m.isBigNumber(v)) return { re: (v as { toNumber(): number }).toNumber(), im: 0, big: v };
  if (m.isComplex(v)) return { re: (v as { re: number }).re, im: (v as { im: number }).im };
  if (m.isFraction(v)) return { re: Number(v), im: 0 };
  return null;
}

/**
 * Two numbers are equal when |a − b| ≤ relTol·max(|a|, |b|), or |a − b| ≤ absTol when either is
 * exactly 0. Compared in 64-digit decimals where both are real, so 1/2004! ≠ 1/2006! (they
 * underflow to the same double 0 and fool a float comparison).
 */
function numbersEqual(m: MathJsInstance, a: Num, b: Num, relTol: number, absTol: number): boolean {
  if (a.big !== undefined && b.big !== undefined) {
    const A = a.big as { isFinite(): boolean; isZero(): boolean; eq(x: unknown): boolean; minus(x: unknown): { abs(): { lte(x: unknown): boolean } }; abs(): { gt(x: unknown): boolean } };
    const B = b.big as typeof A;
    if (!A.isFinite() || !B.isFinite()) return A.eq(B);
    const diff = A.minus(B).abs();
    if (A.isZero() || B.isZero()) return diff.lte(m.bignumber(absTol));
    const scale = A.abs().gt(B.abs()) ? A.abs() : B.abs();
    return diff.lte((scale as unknown as { times(x: number): unknown }).times(relTol));
  }
  const close = (x: number, y: number) => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return x === y;
    const d = Math.abs(x - y);
    if (x === 0 || y === 0) return d <= absTol;
    return d <= relTol * Math.max(Math.abs(x), Math.abs(y));
  };
  const scale = Math.hypot(a.re, a.im, b.re, b.im);
  const partClose = (x: number, y: number) => close(x, y) || Math.abs(x - y) <= relTol * scale;
  return partClose(a.re, b.re) && partClose(a.im, b.im);
}

/** Outcome of comparing two scalars. */
export interface ScalarComparison { equal: boolean; how: string }

/**
 * Compares two parsed scalars: numerically when neither has a variable; otherwise by evaluating
 * both at 6 seeded random points (variables drawn in [0.5, 3], where √, log and 1/x are real)
 * — an identity test in the Schwartz–Zippel spirit that mathjs' `simplify` would miss
 * (√(1/n) = 1/√n). Checks `deadline` (a `performance.now()` time) between evaluations.
 */
export function scalarsEqual(a: ParsedScalar, b: ParsedScalar, opts: { relTol: number; absTol: number; deadline: number }): ScalarComparison {
  const m = mathjs();
  const ca = a.node.compile();
  const cb = b.node.compile();
  const variants = (p: ParsedScalar, other: ParsedScalar): Array<{ scale: number; label: string }> =>
    p.percent && !other.percent ? [{ scale: 0.01, label: "percent as a fraction" }, { scale: 1, label: "percent as its number" }] : [{ scale: 1, label: "" }];
  const vars = [...new Set([...a.variables, ...b.variables])].sort();
  const gen = rng(20240601);
  const points: Array<Record<string, unknown>> = vars.length === 0 ? [{}] : Array.from({ length: 6 }, () => Object.fromEntries(vars.map((v) => [v, m.bignumber(0.5 + 2.5 * gen.next())])));
  for (const va of variants(a, b)) {
    for (const vb of variants(b, a)) {
      let allEqual = true;
      let usable = 0;
      for (const scope of points) {
        if (performance.now() > opts.deadline) throw new TimeBudgetExceeded();
        let x: Num | null = null, y: Num | null = null, errA = false, errB = false;
        try { x = toNum(m, ca.evaluate({ ...scope })); } catch { errA = true; }
        try { y = toNum(m, cb.evaluate({ ...scope })); } catch { errB = true; }
        if (errA && errB) continue;
        if (errA || errB || x === null || y === null) { allEqual = false; break; }
        if (va.scale !== 1) x = { re: x.re * va.scale, im: x.im * va.scale, big: x.big === undefined ? undefined : m.multiply(x.big as never, m.bignumber(va.scale) as never) };
        if (vb.scale !== 1) y = { re: y.re * vb.scale, im: y.im * vb.scale, big: y.big === undefined ? undefined : m.multiply(y.big as never, m.bignumber(vb.scale) as never) };
        usable++;
        if (!numbersEqual(m, x, y, opts.relTol, opts.absTol)) { allEqual = false; break; }
      }
      if (allEqual && usable > 0) {
        const how = vars.length === 0 ? "numerically equal" : `equal at ${usable} random points of ${vars.join(", ")}`;
        return { equal: true, how: [how, va.label, vb.label].filter(Boolean).join("; ") };
      }
    }
  }
  return { equal: false, how: vars.length === 0 ? "numbers differ" : `differ at a random point of ${vars.join(", ")}` };
}

/** Thrown inside the math verifier when its time budget runs out. */
export class TimeBudgetExceeded extends Error {}
