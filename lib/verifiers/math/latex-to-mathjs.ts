import { matchingBrace, readArgument, splitTopLevel } from "./braces.js";

/** Thrown when a LaTeX fragment uses something replab's math verifier does not translate. */
export class UntranslatableLatex extends Error {}

/** Thrown when a LaTeX fragment is broken: a macro without its arguments, an unclosed environment, an unmatched `|`. */
export class MalformedLatex extends UntranslatableLatex {}

const FUNCTIONS: Record<string, string> = {
  sin: "sin", cos: "cos", tan: "tan", sec: "sec", csc: "csc", cot: "cot",
  arcsin: "asin", arccos: "acos", arctan: "atan", sinh: "sinh", cosh: "cosh", tanh: "tanh",
  ln: "log", log: "log", exp: "exp",
};
const INVERSE: Record<string, string> = { sin: "asin", cos: "acos", tan: "atan", sec: "asec", csc: "acsc", cot: "acot" };
const GREEK = new Set(["alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Sigma", "Phi", "Psi", "Omega"]);
const MATRIX_ENVS = new Set(["pmatrix", "bmatrix", "Bmatrix", "matrix", "smallmatrix", "array"]);

/** What a translation found besides the expression: variables used as sum bounds (drawn as integers). */
export interface TranslationContext { integerVariables: Set<string> }

/** A function's argument when written without braces or parentheses: `\sin x`, `\sin 2\pi`. */
function bareArgument(s: string, i: number): { arg: string; end: number } | null {
  const m = /^\s*(?:\\pi|\d+(?:\.\d+)?|[A-Za-z])+/.exec(s.slice(i));
  return m ? { arg: m[0], end: i + m[0].length } : null;
}

/** Reads `(…)` or `{…}` or a bare argument at `i`: the function argument of `\sin`, `\log` … */
function functionArgument(s: string, i: number): { arg: string; end: number } | null {
  let j = i;
  while (s[j] === " ") j++;
  if (s[j] === "(") { const close = matchingBrace(s, j, "(", ")"); if (close < 0) return null; return { arg: s.slice(j + 1, close), end: close + 1 }; }
  if (s[j] === "{") return readArgument(s, j);
  return bareArgument(s, j);
}

/** A matrix environment's body → mathjs `[[a, b], [c, d]]`; empty trailing rows dropped. */
function matrix(body: string, ctx: TranslationContext): string {
  const rows = splitTopLevel(body, "\\\\").map((r) => r.trim()).filter((r) => r !== "");
  if (rows.length === 0) throw new MalformedLatex("empty matrix");
  const cells = rows.map((r) => splitTopLevel(r, "&").map((c) => translate(c.trim(), ctx)));
  const width = cells[0]!.length;
  if (cells.some((r) => r.length !== width || r.some((c) => c.trim() === ""))) throw new MalformedLatex("ragged matrix");
  return `[${cells.map((r) => `[${r.join(", ")}]`).join(", ")}]`;
}

/** The end of a `\sum` body: the next top-level `+`, `-`, `=` or the end of the text. */
function sumBodyEnd(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const c = s[j]!;
    if ("({[".includes(c)) depth++;
    else if (")}]".includes(c)) { if (depth === 0) return j; depth--; }
    else if (depth === 0 && (c === "+" || c === "-" || c === "=") && j > i) return j;
  }
  return s.length;
}

/**
 * Translates a LaTeX (or plain) math expression to mathjs syntax: `\frac` (also `\frac12`),
 * `\sqrt{}`/`\sqrt[n]{}`, `\pi`, `\infty`, `\cdot \times \div`, powers `^{…}`, `\sin`…`\ln`
 * (also `\sin^2 x`, `\sin^{-1}`), `\log_b`, `\binom`, `|x|`, `n!`, subscripts (`a_{n-1}`, read
 * as the value of an unknown sequence `a` at n−1), `\sum_{k=a}^{b}`, matrices (`pmatrix`,
 * `bmatrix`, `array`), Greek letters, Unicode `π √ − × ÷ ∞`. Throws {@link UntranslatableLatex}
 * on anything else that starts with a backslash.
 */
export function latexToMathjs(input: string, ctx: TranslationContext = { integerVariables: new Set() }): string {
  return translate(input, ctx);
}

function translate(input: string, ctx: TranslationContext): string {
  const s = input
    .replace(/π/g, "\\pi ").replace(/∞/g, "\\infty ").replace(/−|–/g, "-").replace(/×|·/g, "*").replace(/÷/g, "/")
    .replace(/√\s*(\d+|[A-Za-z]|\([^()]*\))/g, "\\sqrt{$1}");
  let out = "";
  let i = 0;
  let pipeOpen = false;
  while (i < s.length) {
    const c = s[i]!;
    if (c === "\\") {
      const m = /^\\([A-Za-z]+)/.exec(s.slice(i));
      if (!m) {
        if (s[i + 1] === "{" || s[i + 1] === "}") { out += s[i + 1] === "{" ? "(" : ")"; i += 2; continue; }
        if (s[i + 1] === "%") { out += "%"; i += 2; continue; }
        if (s[i + 1] === "|") { out += pipeOpen ? ")" : "abs("; pipeOpen = !pipeOpen; i += 2; continue; }
        throw new UntranslatableLatex(`unknown escape ${s.slice(i, i + 2)}`);
      }
      const name = m[1]!;
      i += m[0].length;
      if (name === "frac") {
        const a = readArgument(s, i);
        const b = a && readArgument(s, a.end);
        if (!a || !b) throw new MalformedLatex("\\frac without two arguments");
        out += `((${translate(a.arg, ctx)})/(${translate(b.arg, ctx)}))`;
        i = b.end;
      } else if (name === "binom") {
        const a = readArgument(s, i);
        const b = a && readArgument(s, a.end);
        if (!a || !b) throw new MalformedLatex("\\binom without two arguments");
        out += `combinations(${translate(a.arg, ctx)}, ${translate(b.arg, ctx)})`;
        i = b.end;
      } else if (name === "sqrt") {
        let index: string | null = null;
        while (s[i] === " ") i++;
        if (s[i] === "[") {
          const close = s.indexOf("]", i);
          if (close < 0) throw new MalformedLatex("\\sqrt[ without ]");
          index = s.slice(i + 1, close);
          i = close + 1;
        }
        const a = readArgument(s, i);
        if (!a) throw new MalformedLatex("\\sqrt without argument");
        out += index === null ? `sqrt(${translate(a.arg, ctx)})` : `nthRoot(${translate(a.arg, ctx)}, ${translate(index, ctx)})`;
        i = a.end;
      } else if (name === "begin") {
        const env = readArgument(s, i);
        if (!env || !MATRIX_ENVS.has(env.arg)) throw new UntranslatableLatex(`\\begin{${env?.arg}} is not translated`);
        let j = env.end;
        if (env.arg === "array") { const spec = readArgument(s, j); if (spec) j = spec.end; }
        const endTag = `\\end{${env.arg}}`;
        const close = s.indexOf(endTag, j);
        if (close < 0) throw new MalformedLatex(`\\begin{${env.arg}} without \\end`);
        // two matrices side by side are a product
        if (out.trimEnd().endsWith("]")) out += "*";
        out += matrix(s.slice(j, close), ctx);
        i = close + endTag.length;
      } else if (name === "sum") {
        const sub = /^\s*_\s*\{\s*([A-Za-z])\s*=([^{}]*)\}\s*\^\s*/.exec(s.slice(i));
        if (!sub) throw new UntranslatableLatex("\\sum without _{k=a}^{b}");
        i += sub[0].length;
        const hi = readArgument(s, i);
        if (!hi) throw new MalformedLatex("\\sum without an upper bound");
        const bodyEnd = sumBodyEnd(s, hi.end);
        const lo = translate(sub[2]!, ctx), top = translate(hi.arg, ctx);
        for (const v of `${lo} ${top}`.match(/[A-Za-z]+/g) ?? []) for (const ch of v) ctx.integerVariables.add(ch);
        out += `sum_(${sub[1]}, ${lo}, ${top}, (${translate(s.slice(hi.end, bodyEnd), ctx)}))`;
        i = bodyEnd;
      } else if (name === "pi") out += " pi ";
      else if (name === "infty" || name === "infinity") out += " Infinity ";
      else if (name === "cdot" || name === "times" || name === "ast") out += "*";
      else if (name === "div") out += "/";
      else if (GREEK.has(name)) out += ` greek_${name} `;
      else if (name === "text" || name === "operatorname") {
        const a = readArgument(s, i);
        if (!a) throw new MalformedLatex(`\\${name} without argument`);
        const word = a.arg.trim();
        if (name === "operatorname" && word in FUNCTIONS) { i = a.end; out += FUNCTIONS[word]!; continue; }
        if (!/^[A-Za-z]$/.test(word) && word !== "") throw new UntranslatableLatex(`the word ${JSON.stringify(word)} is not math`);
        out += ` ${word} `;
        i = a.end;
      } else if (name === "log" && /^\s*_/.test(s.slice(i))) {
        const base = readArgument(s, s.indexOf("_", i) + 1);
        const arg = base && functionArgument(s, base.end);
        if (!base || !arg) throw new MalformedLatex("\\log_b without argument");
        out += `log(${translate(arg.arg, ctx)}, ${translate(base.arg, ctx)})`;
        i = arg.end;
      } else if (name in FUNCTIONS) {
        let fn = FUNCTIONS[name]!;
        let power: string | null = null;
        while (s[i] === " ") i++;
        if (s[i] === "^") {
          const p = readArgument(s, i + 1);
          if (!p) throw new MalformedLatex(`\\${name}^ without exponent`);
          if (p.arg.replace(/\s+/g, "") === "-1" && INVERSE[name]) fn = INVERSE[name]!;
          else power = translate(p.arg, ctx);
          i = p.end;
        }
        const a = functionArgument(s, i);
        if (!a) throw new MalformedLatex(`\\${name} without argument`);
        const call = `${fn}(${translate(a.arg, ctx)})`;
        out += power === null ? call : `(${call})^(${power})`;
        i = a.end;
      } else throw new UntranslatableLatex(`\\${name} is not translated`);
    } else if (c === "{") { out += "("; i++; }
    else if (c === "}") { out += ")"; i++; }
    else if (c === "|") { out += pipeOpen ? ")" : "abs("; pipeOpen = !pipeOpen; i++; }
    else if (c === "^") {
      i++;
      const digits = /^\s*\d/.exec(s.slice(i));
      if (digits) { out += `^(${digits[0].trim()})`; i += digits[0].length; continue; }
      const a = readArgument(s, i);
      if (!a) throw new MalformedLatex("^ without exponent");
      out += `^(${translate(a.arg, ctx)})`;
      i = a.end;
    } else if (c === "_") {
      // a subscript: the base is the symbol just written ("a", "x", "greek_theta")
      const base = /((?:greek_)?[A-Za-z]+)\s*$/.exec(out);
      if (!base || /\d\s*$/.test(out)) throw new UntranslatableLatex("a subscript on a number (a base?) is not translated");
      const a = readArgument(s, i + 1);
      if (!a) throw new MalformedLatex("_ without subscript");
      const name = base[1]!.startsWith("greek_") ? base[1]! : base[1]!.slice(-1);
      out = out.slice(0, out.length - base[0].length + (base[1]!.length - name.length)) + ` sub_("${name}", ${translate(a.arg, ctx)}) `;
      i = a.end;
    } else { out += c; i++; }
  }
  if (pipeOpen) throw new MalformedLatex("unmatched |");
  return out;
}
