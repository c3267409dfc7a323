import { splitTopLevel, splitTopLevelKeep } from "./braces.js";
import { normaliseLatexWithUnits } from "./normalise.js";
import { unitSignature } from "./units.js";

/** One endpoint-delimited interval; `lo`/`hi` are LaTeX scalar strings ("-\infty" allowed). */
export interface MathInterval { lo: string; hi: string; loClosed: boolean; hiClosed: boolean }

/** A relation operator, as written or mirrored. */
export type RelOp = "=" | "<" | "<=" | ">" | ">=" | "!=" | "~";

/**
 * The structure of a final answer, before its scalars are compared. Every kind keeps `source`,
 * the normalised text it was read from; `units`, the known units the answer named and dropped
 * ("cm^2"), where it named only known ones.
 */
export type MathAnswer = { source: string; units?: string } & (
  | { kind: "scalar"; text: string }
  | { kind: "text"; text: string }
  | { kind: "letter"; letter: string }
  | { kind: "set"; items: MathAnswer[]; origin: "braces" | "list" | "plus-minus" | "assignments" }
  | { kind: "tuple"; items: MathAnswer[]; alsoOpenInterval: boolean }
  | { kind: "intervals"; intervals: MathInterval[] }
  | { kind: "relation"; sides: string[]; ops: RelOp[]; variable?: string; intervals?: MathInterval[] }
  | { kind: "labelled"; label: string; value: MathAnswer; chain?: string[] }
);

/** Options of {@link parseMathAnswer}. */
export interface ParseAnswerOptions {
  /** Choice labels: the answer is read as a choice letter when it is one (`true`: A–J). */
  letters?: boolean | readonly string[];
  /** Read `1,22` as 1.22 (a comma between digits that is no thousands separator). */
  decimalComma?: boolean;
}

const REL = /\\(?:leqslant|geqslant|leq|geq|le|ge|lt|gt|neq|ne|approx|in)(?![A-Za-z])|<=|>=|!=|=|<|>/;

function relOp(token: string): RelOp | "in" {
  const t = token.replace(/\s+/g, "");
  if (t === "=") return "=";
  if (t === "\\approx") return "~";
  if (t === "\\in") return "in";
  if (/^(?:\\le|\\leq|\\leqslant|<=)$/.test(t)) return "<=";
  if (/^(?:\\ge|\\geq|\\geqslant|>=)$/.test(t)) return ">=";
  if (/^(?:\\neq|\\ne|!=)$/.test(t)) return "!=";
  if (t === "\\lt" || t === "<") return "<";
  return ">";
}

/** `a < b` read from the other side: `b > a`. */
export function mirror(op: RelOp): RelOp {
  return ({ "<": ">", ">": "<", "<=": ">=", ">=": "<=" } as Record<string, RelOp>)[op] ?? op;
}

const VARIABLE = /^(?:[A-Za-z]|\\(?:alpha|beta|gamma|theta|lambda|mu|phi|varphi|omega|rho|sigma|tau|xi|eta|zeta|psi))(?:_\{?[A-Za-z0-9]+\}?)?(?:\([A-Za-z]\))?$/;

const GREEK_LETTER = /\\(?:alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|vartheta|iota|kappa|lambda|mu|nu|xi|rho|sigma|tau|upsilon|phi|varphi|chi|psi|omega|Gamma|Delta|Theta|Lambda|Xi|Sigma|Upsilon|Phi|Psi|Omega)(?![A-Za-z])/g;
/** Macros that build a name: geometry (`\angle ABC`, `\overline{AB}`), accents, words, fractions of names. */
const NAMING_MACRO = /\\(?:frac|angle|measuredangle|triangle|overline|overrightarrow|overleftrightarrow|overarc|widehat|hat|bar|vec|text|operatorname|prime|gcd|lcm|det|deg)(?![A-Za-z])/g;
/** A function's argument in a label: a (signed) number or fraction, or names and set operations (`P(A \cap B)`). */
const NAME_ARGUMENT = /^\s*(?:-?\s*(?:\d+(?:\.\d+)?(?:\s*\/\s*\d+)?|\\frac\{-?\d+\}\{\d+\})|(?:[A-Za-z\s|]|\\(?:cap|cup|mid|setminus)(?![A-Za-z])|\^c)+)\s*$/;

/**
 * A label names what an answer is, so the value after `=` is the answer: a variable or symbol
 * with subscripts and primes (`x`, `a_{37}`, `x'`, `\theta`), a product of letters naming an
 * object (`AB`, `\angle ABC`, `\overline{AB}`, `|AB|`, `[ABC]`, `A:B`), a function of a name at
 * a number or a name (`f(2)`, `P(x)`, `f(-1/2)`, `\gcd(4, 6)`), a fraction of labels (`\frac{NO}{BO}`, `x/y`),
 * a tuple of labels (`(p, q)`), a word (`\text{Area}`). Not a label: anything with a number
 * outside a subscript or an argument, an operator (`x+1`, `2x`, `x^2`, `x(x+1)`), a function or
 * constant (`\sqrt{x}`, `\sin x`, `\pi`, `\infty`).
 */
export function isLabel(text: string): boolean {
  let t = text.trim();
  if (t === "" || t.length > 40) return false;
  t = t.replace(/_\{[^{}]*\}|_[A-Za-z0-9]/g, "").replace(/\^\{?\\prime\}?|'/g, "");
  t = t.replace(/([A-Za-z}])\(([^()]*)\)/g, (m, name: string, args: string) => (args.split(",").every((a) => NAME_ARGUMENT.test(a)) ? name : m));
  t = t.replace(NAMING_MACRO, "x").replace(GREEK_LETTER, "x");
  if (/\\/.test(t)) return false;
  t = t.replace(/[{}()[\]|:,\s/]/g, "");
  return /^[A-Za-z]+$/.test(t);
}

/** Labels compare as normalised text; a function's argument names do not matter (`W(n)` = `W(x)`). */
export function normaliseLabel(text: string): string {
  return text.replace(/\s+/g, "").replace(/_\{([A-Za-z0-9])\}/g, "_$1").replace(/([A-Za-z])\([A-Za-z]\)/g, "$1()");
}

/** A closed bracket pair wraps the whole text: `(…)`, `[…)`, with the first bracket closing last. */
function wrapped(text: string): { open: string; inner: string; close: string } | null {
  if (!/^[([]/.test(text) || !/[)\]]$/.test(text)) return null;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\" && (text[i + 1] === "{" || text[i + 1] === "}")) { i++; continue; }
    if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) { depth--; if (depth === 0 && i < text.length - 1) return null; }
  }
  return depth === 0 ? { open: text[0]!, inner: text.slice(1, -1), close: text[text.length - 1]! } : null;
}

function innerParts(inner: string): string[] {
  const byComma = splitTopLevel(inner, ",");
  return byComma.length > 1 ? byComma : splitTopLevel(inner, ";");
}

function parseInterval(text: string): MathInterval | null {
  const w = wrapped(text.trim());
  if (!w || w.open === "{") return null;
  const parts = innerParts(w.inner);
  if (parts.length !== 2) return null;
  return { lo: parts[0]!.trim(), hi: parts[1]!.trim(), loClosed: w.open === "[", hiClosed: w.close === "]" };
}

/** `\{a, b\}` inside a union: each element as a one-point interval [a, a]. */
function pointIntervals(text: string): MathInterval[] | null {
  const m = /^\\\{(.*)\\\}$/s.exec(text.trim());
  if (!m) return null;
  return splitTopLevel(m[1]!, ",").map((p) => ({ lo: p.trim(), hi: p.trim(), loClosed: true, hiClosed: true }));
}

const neg = (s: string) => (s === "\\infty" ? "-\\infty" : s === "-\\infty" ? "\\infty" : `-(${s})`);

/**
 * One variable's inequality as intervals: `x > 2`, `3 >= x`, `a < x <= b`, `x \neq 3`, and
 * `|x|` bounds (`1 \le |z| \le 2` → [-2, -1] ∪ [1, 2]); null for anything else.
 */
function inequalityIntervals(sides: string[], ops: RelOp[]): { variable: string; intervals: MathInterval[] } | null {
  const bound = (op: RelOp, other: string, varOnLeft: boolean): Partial<MathInterval> => {
    const upper = (op === "<" || op === "<=") === varOnLeft;
    const closed = op.endsWith("=");
    return upper ? { hi: other, hiClosed: closed } : { lo: other, loClosed: closed };
  };
  const absOf = (s: string) => /^\|(.+)\|$/.exec(s.trim())?.[1]?.trim() ?? null;
  const isVar = (s: string) => VARIABLE.test(s.replace(/\s+/g, ""));
  let v: string, iv: Partial<MathInterval>;
  if (sides.length === 2 && ops[0] === "!=") {
    const [l, r] = [sides[0]!.trim(), sides[1]!.trim()];
    const [x, c] = isVar(l) && !isVar(r) ? [l, r] : isVar(r) && !isVar(l) ? [r, l] : [null, null];
    if (x === null) return null;
    return { variable: x.replace(/\s+/g, ""), intervals: [{ lo: "-\\infty", hi: c!, loClosed: false, hiClosed: false }, { lo: c!, hi: "\\infty", loClosed: false, hiClosed: false }] };
  }
  if (ops.some((o) => o === "=" || o === "!=" || o === "~")) return null;
  let abs = false;
  const varLike = (s: string) => isVar(s) || (absOf(s) !== null && isVar(absOf(s)!));
  if (sides.length === 2) {
    const [l, r] = [sides[0]!.trim(), sides[1]!.trim()];
    if (varLike(l) && !varLike(r)) { v = l; iv = bound(ops[0]!, r, true); }
    else if (varLike(r) && !varLike(l)) { v = r; iv = bound(ops[0]!, l, false); }
    else return null;
  } else if (sides.length === 3) {
    const dir = (o: RelOp) => (o === "<" || o === "<=" ? 1 : -1);
    if (!varLike(sides[1]!.trim()) || dir(ops[0]!) !== dir(ops[1]!) || varLike(sides[0]!) || varLike(sides[2]!)) return null;
    v = sides[1]!.trim();
    iv = { ...bound(ops[0]!, sides[0]!.trim(), false), ...bound(ops[1]!, sides[2]!.trim(), true) };
  } else return null;
  const lo = iv.lo ?? "-\\infty", hi = iv.hi ?? "\\infty";
  const loClosed = iv.lo === undefined ? false : iv.loClosed!, hiClosed = iv.hi === undefined ? false : iv.hiClosed!;
  if (absOf(v) !== null) { abs = true; v = absOf(v)!; }
  const variable = v.replace(/\s+/g, "");
  if (!abs) return { variable, intervals: [{ lo, hi, loClosed, hiClosed }] };
  // |x| between lo and hi: x in [-hi, -lo] ∪ [lo, hi]; without a lower bound, (-hi, hi)
  if (iv.lo === undefined) return { variable, intervals: [{ lo: neg(hi), hi, loClosed: hiClosed, hiClosed }] };
  const upper = { lo, hi, loClosed, hiClosed };
  const lower = { lo: neg(hi), hi: neg(lo), loClosed: hiClosed, hiClosed: loClosed };
  return { variable, intervals: [lower, upper] };
}

function set(items: MathAnswer[], origin: "braces" | "list" | "plus-minus", source: string): MathAnswer {
  const flat = items.flatMap((x) => (x.kind === "set" && x.origin !== "plus-minus" && x.origin !== "assignments" ? x.items : [x]));
  return { kind: "set", items: flat, origin, source };
}

function thousands(parts: string[]): string | null {
  if (parts.length < 2 || !/^-?[1-9]\d{0,2}$/.test(parts[0]!)) return null;
  for (let i = 1; i < parts.length; i++) if (!(i === parts.length - 1 ? /^\d{3}(?:\.\d+)?$/ : /^\d{3}$/).test(parts[i]!)) return null;
  return parts.join("");
}

const CONNECTOR = /\s*,?\s*(?<![A-Za-z\\])(?:and|or)(?![a-z])\s*/;

/**
 * Parses a final answer's structure. In order: a choice letter (with `letters`); a word or
 * phrase in `\text{}` or bare letters (text); `;`-, "and"/"or"- and comma-separated lists (a
 * set; `1,000` is a thousands separator, `1,5` a decimal comma with `decimalComma`); unions of
 * intervals; relations — an equation whose first side is a label ({@link isLabel}) is that
 * label with its last side as the value (`x = 3`, `f(2) = 7`; `x = 5+5+1 = 11` keeps its middle
 * sides as `chain`), `\approx` keeps the exact side, one variable's inequality is also read as
 * intervals, other equations (`x + 1 = 5`) and inequalities stay relations; `\pm`; `\{…\}` sets;
 * intervals (`[a,b)`; `(a,b)` is both a pair and an open interval); tuples; else a scalar.
 */
export function parseMathAnswer(raw: string, options: ParseAnswerOptions = {}): MathAnswer {
  const { text, units } = normaliseLatexWithUnits(raw);
  const answer = parseNormalised(text, options);
  const signature = unitSignature(units);
  return signature === null ? answer : { ...answer, units: signature };
}

function parseNormalised(text: string, options: ParseAnswerOptions): MathAnswer {
  const t = text.trim();
  const source = t;
  const again = (s: string) => parseNormalised(s, options);
  if (options.letters) {
    const labels = options.letters === true ? "ABCDEFGHIJ" : options.letters.join("");
    const m = /^\(?\s*(?:\\text\{\s*\(?\s*([A-Za-z])\s*\)?\s*\}|([A-Za-z]))\s*\)?[.:)]?$/.exec(t);
    const letter = m ? (m[1] ?? m[2])! : null;
    if (letter && (labels.includes(letter) || labels.includes(letter.toUpperCase()))) return { kind: "letter", letter: labels.includes(letter) ? letter : letter.toUpperCase(), source };
  }
  const textOnly = /^\\text\{([^{}]*)\}$/.exec(t);
  if (textOnly && /[A-Za-z]{2,}/.test(textOnly[1]!) && !/\d/.test(textOnly[1]!)) return { kind: "text", text: textOnly[1]!.trim(), source };
  if (textOnly) return again(textOnly[1]!);
  for (const sep of [";", CONNECTOR]) {
    const parts = splitTopLevel(t, sep).map((p) => p.trim()).filter((p) => p !== "");
    if (parts.length > 1) return set(parts.map(again), "list", source);
  }
  const commas = splitTopLevel(t, ",").map((p) => p.trim());
  if (commas.length > 1) {
    const number = /,\s/.test(t) ? null : thousands(commas);
    if (number !== null) return { kind: "scalar", text: number, source };
    if (options.decimalComma && commas.length === 2 && /^-?\d+$/.test(commas[0]!) && /^\d+$/.test(commas[1]!) && !/\s/.test(t)) return { kind: "scalar", text: `${commas[0]}.${commas[1]}`, source };
    const items = commas.filter((p) => p !== "").map(again);
    // "p = 5, q = 2": one solution written as assignments, compared like a tuple against a tuple
    if (items.length > 1 && items.every((x) => x.kind === "labelled")) return { kind: "set", items, origin: "assignments", source };
    return set(items, "list", source);
  }
  const union = splitTopLevel(t, /\\cup(?![A-Za-z])/);
  if (union.length > 1) {
    const ivs = union.map((p) => pointIntervals(p) ?? (parseInterval(p) ? [parseInterval(p)!] : null));
    if (ivs.every((x) => x !== null)) return { kind: "intervals", intervals: ivs.flat() as MathInterval[], source };
  }
  const { parts: sides, seps } = splitTopLevelKeep(t, REL);
  if (seps.length > 0 && sides.every((s) => s.trim() !== "")) {
    const ops = seps.map(relOp);
    if (ops.length === 1 && ops[0] === "in") return isLabel(sides[0]!) ? { kind: "labelled", label: normaliseLabel(sides[0]!), value: again(sides[1]!), source } : again(sides[1]!);
    if (!ops.includes("in")) return parseRelation(sides.map((s) => s.trim()), ops as RelOp[], source, again);
  }
  const pm = /\\pm|\\mp/.exec(t);
  if (pm) {
    const before = t.slice(0, pm.index).trim();
    const after = t.slice(pm.index + pm[0].length).trim();
    const plus = before === "" ? after : `${before}+(${after})`;
    const minus = before === "" ? `-(${after})` : `${before}-(${after})`;
    return { kind: "set", items: [{ kind: "scalar", text: plus, source: plus }, { kind: "scalar", text: minus, source: minus }], origin: "plus-minus", source };
  }
  const braces = /^\\\{(.*)\\\}$/s.exec(t);
  if (braces) {
    const items = braces[1]!.trim() === "" ? [] : splitTopLevel(braces[1]!, ",").map((p) => again(p));
    return set(items, "braces", source);
  }
  const group = /^\{(.*)\}$/s.exec(t);
  if (group && wrappedBraces(t)) return again(group[1]!);
  const w = wrapped(t);
  if (w && w.open !== "{") {
    const parts = innerParts(w.inner).map((p) => p.trim());
    if (parts.length >= 2) {
      const interval = parseInterval(t);
      if (interval && !(w.open === "(" && w.close === ")")) return { kind: "intervals", intervals: [interval], source };
      return { kind: "tuple", items: parts.map(again), alsoOpenInterval: parts.length === 2 && w.open === "(" && w.close === ")", source };
    }
  }
  const env = /^[([]\s*(\\begin\{([A-Za-z]+)\}.*\\end\{\2\})\s*[)\]]$/s.exec(t);
  if (env) return again(env[1]!);
  if (/^[A-Za-z][A-Za-z' -]*[A-Za-z]$/.test(t) && /[A-Za-z]{2}/.test(t)) return { kind: "text", text: t, source };
  const spaced = /^-?\d{1,3}(?: \d{3})+(?:\.\d+)?$/.test(t) ? t.replace(/ /g, "") : t;
  return { kind: "scalar", text: spaced, source };
}

/** `{…}` whose first brace closes at the end (grouping braces around the whole answer). */
function wrappedBraces(t: string): boolean {
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    if (t[i] === "\\") { i++; continue; }
    if (t[i] === "{") depth++;
    else if (t[i] === "}") { depth--; if (depth === 0 && i < t.length - 1) return false; }
  }
  return depth === 0;
}

function parseRelation(sides: string[], ops: RelOp[], source: string, again: (s: string) => MathAnswer): MathAnswer {
  if (ops.every((o) => o === "=" || o === "~")) {
    // \approx keeps the exact side: cut the chain at the first ≈, unless only a label would be left
    let s = sides, o = ops;
    const k = ops.indexOf("~");
    if (k >= 0) { const keep = k === 0 && isLabel(sides[0]!) ? 2 : k + 1; s = sides.slice(0, keep); o = ops.slice(0, keep - 1); }
    if (s.length === 1) return again(s[0]!);
    const value = s[s.length - 1]!;
    if (isLabel(s[0]!)) {
      const chain = s.slice(1, -1);
      return { kind: "labelled", label: normaliseLabel(s[0]!), value: again(value), ...(chain.length > 0 ? { chain } : {}), source };
    }
    return { kind: "relation", sides: s, ops: o.map(() => "=" as RelOp), source };
  }
  if (ops.includes("~")) return { kind: "scalar", text: source, source };
  const iv = inequalityIntervals(sides, ops);
  return iv ? { kind: "relation", sides, ops, variable: iv.variable, intervals: iv.intervals, source } : { kind: "relation", sides, ops, source };
}
