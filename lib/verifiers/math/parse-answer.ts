import { splitTopLevel } from "./braces.js";
import { stripLatexNoise } from "./latex-to-mathjs.js";

/** One endpoint-delimited interval; `lo`/`hi` are LaTeX scalar strings ("-\infty" allowed). */
export interface MathInterval { lo: string; hi: string; loClosed: boolean; hiClosed: boolean }

/** The structure of a final answer, before its scalars are compared. */
export type MathAnswer =
  | { kind: "scalar"; text: string }
  | { kind: "set"; items: MathAnswer[]; origin: "braces" | "list" | "plus-minus" }
  | { kind: "tuple"; items: MathAnswer[]; alsoOpenInterval: boolean }
  | { kind: "intervals"; intervals: MathInterval[]; fromInequality: boolean }
  | { kind: "letter"; letter: string };

const REL = /\\(?:le|leq|leqslant|ge|geq|geqslant|lt|gt)(?![A-Za-z])|<=|>=|≤|≥|<|>/g;

function relOp(token: string): "<" | "<=" | ">" | ">=" {
  if (/^(?:\\le|\\leq|\\leqslant|<=|≤)$/.test(token)) return "<=";
  if (/^(?:\\ge|\\geq|\\geqslant|>=|≥)$/.test(token)) return ">=";
  if (token === "\\lt" || token === "<") return "<";
  return ">";
}

const VARIABLE = /^[A-Za-z](?:_\{?[A-Za-z0-9]+\}?)?$/;

/** `a < x <= b`, `x > 2`, `3 >= x` → an interval; null when it is not one variable's inequality. */
function parseInequality(text: string): MathInterval | null {
  const tokens = [...text.matchAll(REL)];
  if (tokens.length === 0 || tokens.length > 2) return null;
  const parts: string[] = [];
  let last = 0;
  for (const t of tokens) { parts.push(text.slice(last, t.index).trim()); last = t.index! + t[0].length; }
  parts.push(text.slice(last).trim());
  const ops = tokens.map((t) => relOp(t[0]));
  const bound = (op: string, other: string, varOnLeft: boolean): Partial<MathInterval> => {
    const upper = (op === "<" || op === "<=") === varOnLeft;
    const closed = op.endsWith("=");
    return upper ? { hi: other, hiClosed: closed } : { lo: other, loClosed: closed };
  };
  let iv: Partial<MathInterval> = {};
  if (parts.length === 2) {
    if (VARIABLE.test(parts[0]!)) iv = bound(ops[0]!, parts[1]!, true);
    else if (VARIABLE.test(parts[1]!)) iv = bound(ops[0]!, parts[0]!, false);
    else return null;
  } else {
    if (!VARIABLE.test(parts[1]!)) return null;
    iv = { ...bound(ops[0]!, parts[0]!, false), ...bound(ops[1]!, parts[2]!, true) };
  }
  return {
    lo: iv.lo ?? "-\\infty", hi: iv.hi ?? "\\infty",
    loClosed: iv.lo === undefined ? false : iv.loClosed!, hiClosed: iv.hi === undefined ? false : iv.hiClosed!,
  };
}

function parseInterval(text: string): MathInterval | null {
  const m = /^([([])(.*)([)\]])$/s.exec(text);
  if (!m) return null;
  const parts = splitTopLevel(m[2]!, ",");
  if (parts.length !== 2) return null;
  return { lo: parts[0]!.trim(), hi: parts[1]!.trim(), loClosed: m[1] === "[", hiClosed: m[3] === "]" };
}

/**
 * Parses a final answer's structure: a choice letter, `\pm`, an equation `x = …` (its right side),
 * one variable's inequality or a union of them, sets `\{…\}`, intervals (`[a,b)`; `(a,b)` is
 * both a pair and an open interval), tuples, bare comma lists (order-free), else a scalar.
 */
export function parseMathAnswer(raw: string, options: { letters?: boolean } = {}): MathAnswer {
  let text = stripLatexNoise(raw);
  text = text.replace(/^\\(?:text|mathrm|textbf)\{(.*)\}$/s, "$1").trim();
  if (options.letters) {
    const m = /^\(?([A-Ja-j])\)?(?:[.:)]|\s|$)/.exec(text);
    if (m) return { kind: "letter", letter: m[1]!.toUpperCase() };
  }
  // x = 3 → 3 ; "x = 1, y = 2" → (1, 2)
  const pieces = splitTopLevel(text, ",");
  if (pieces.length > 1 && pieces.every((p) => /^\s*[A-Za-z](?:_\{?\w+\}?)?\s*=[^=]/.test(p))) {
    return { kind: "tuple", items: pieces.map((p) => parseMathAnswer(p.slice(p.indexOf("=") + 1))), alsoOpenInterval: false };
  }
  const eq = splitTopLevel(text, "=");
  if (eq.length >= 2 && eq.slice(0, -1).every((lhs) => /^\s*[A-Za-z](?:_\{?\w+\}?)?(?:\([A-Za-z]\))?\s*$/.test(lhs) || /^\s*[A-Za-z]\s*\\in\s*$/.test(lhs))) {
    return parseMathAnswer(eq[eq.length - 1]!, options);
  }
  const member = /^\s*[A-Za-z]\s*\\in\s*(.+)$/s.exec(text);
  if (member) return parseMathAnswer(member[1]!, options);
  // unions of intervals or inequalities
  const unionParts = text.split(/\\cup|∪|\\text\{\s*or\s*\}|\bor\b/).map((p) => p.trim());
  const asInequalities = unionParts.map(parseInequality);
  if (asInequalities.every((x) => x !== null)) return { kind: "intervals", intervals: asInequalities as MathInterval[], fromInequality: true };
  if (unionParts.length > 1) {
    const ivs = unionParts.map(parseInterval);
    if (ivs.every((x) => x !== null)) return { kind: "intervals", intervals: ivs as MathInterval[], fromInequality: false };
  }
  // ± : "\pm 3" → {3, -3}; "1 \pm \sqrt2" → {1+√2, 1−√2}
  const pm = /\\pm|±|\\mp|∓/.exec(text);
  if (pm) {
    const before = text.slice(0, pm.index).trim();
    const after = text.slice(pm.index + pm[0].length).trim();
    const plus = before === "" ? after : `${before}+(${after})`;
    const minus = before === "" ? `-(${after})` : `${before}-(${after})`;
    return { kind: "set", items: [{ kind: "scalar", text: plus }, { kind: "scalar", text: minus }], origin: "plus-minus" };
  }
  const braces = /^\\\{(.*)\\\}$/s.exec(text) ?? /^\{(.*)\}$/s.exec(text);
  if (braces && /^\\\{/.test(text) || (braces && splitTopLevel(braces[1]!, ",").length > 1)) {
    const inner = braces![1]!;
    return { kind: "set", items: splitTopLevel(inner, ",").map((p) => parseMathAnswer(p)), origin: "braces" };
  }
  const bracket = /^([([])(.*)([)\]])$/s.exec(text);
  if (bracket) {
    const parts = splitTopLevel(bracket[2]!, ",");
    if (parts.length >= 2) {
      const interval = parseInterval(text);
      if (interval && !(bracket[1] === "(" && bracket[3] === ")")) return { kind: "intervals", intervals: [interval], fromInequality: false };
      return { kind: "tuple", items: parts.map((p) => parseMathAnswer(p)), alsoOpenInterval: parts.length === 2 && bracket[1] === "(" && bracket[3] === ")" };
    }
  }
  if (pieces.length > 1) return { kind: "set", items: pieces.map((p) => parseMathAnswer(p)), origin: "list" };
  return { kind: "scalar", text };
}
