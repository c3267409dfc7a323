import { readArgument } from "./braces.js";

/** Thrown when a LaTeX fragment uses something replab's math verifier does not translate. */
export class UntranslatableLatex extends Error {}

const FUNCTIONS: Record<string, string> = {
  sin: "sin", cos: "cos", tan: "tan", sec: "sec", csc: "csc", cot: "cot",
  arcsin: "asin", arccos: "acos", arctan: "atan", sinh: "sinh", cosh: "cosh", tanh: "tanh",
  ln: "log", log: "log", exp: "exp",
};

/**
 * Removes what never changes an answer's value: `$`, `\left`/`\right`, spacing macros,
 * `\displaystyle`, degree signs, currency signs, units in `\text{}` after a number, and
 * thousands separators (`1,234,567`, `1{,}000`, `1\,000`). Percent signs are kept (the caller
 * decides the percent policy). Exported for the strict checker comparison in notebooks.
 */
export function stripLatexNoise(input: string): string {
  let s = input;
  s = s.replace(/\\(?:left|right|big|Big|bigg|Bigg)(?![A-Za-z])\s*/g, "");
  s = s.replace(/\\(?:displaystyle|textstyle|mathrm\{\s*\}|!|,|;|:|quad|qquad)(?![A-Za-z])/g, (m) => (m === "\\," || m === "\\;" || m === "\\:" || m.startsWith("\\q") ? " " : ""));
  s = s.replace(/\\ /g, " ").replace(/~/g, " ");
  s = s.replace(/\\\$/g, "").replace(/\$/g, "");
  s = s.replace(/\\\(|\\\)|\\\[|\\\]/g, "");
  // degrees
  s = s.replace(/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|\\circ|°|\\degree/g, "");
  // currency
  s = s.replace(/\\\$|US\$|€|£|¥/g, "");
  // thousands separators: {,} and \, between digit groups, and 1,234 patterns not inside a list
  s = s.replace(/(\d)\{,\}(?=\d{3})/g, "$1");
  s = s.replace(/(\d)\s(?=\d{3}(?!\d))/g, "$1");
  s = s.replace(/(^|[^\d.,])(\d{1,3}(?:,\d{3})+)(?![\d,])/g, (_m, pre: string, num: string) => pre + num.replace(/,/g, ""));
  // percent in words
  s = s.replace(/(\d)\s*(?:\\text\{\s*)?(?:percentage|percent|pct)\b\}?/g, "$1\\%");
  // units and words after a number: \text{ cm}, \mbox{dollars}, "5 apples"
  s = s.replace(/\\(?:text|mbox|textrm|textbf|mathrm)\s*\{\s*([A-Za-z][A-Za-z .]*)\}/g, (m, word: string, offset: number) => {
    const before = s.slice(0, offset).trim();
    return /[\d})]$/.test(before) ? "" : word.trim().length === 1 ? word.trim() : m;
  });
  s = s.replace(/(\d)\s*(?:\\text\{\s*\}|\s)+(?:[A-Za-z]{2,}\s*)+$/g, "$1");
  s = s.replace(/\\(?:text|mbox|textrm|textbf|mathbf|mathrm|operatorname)\s*\{([^{}]*)\}/g, "$1");
  return s.trim().replace(/[.]$/, "").trim();
}

/**
 * Translates a LaTeX (or plain) math expression to mathjs syntax: `\frac`/`\dfrac`/`\tfrac`
 * (also `\frac12`), `\sqrt{}`/`\sqrt[n]{}`, `\pi`, `\infty`, `\cdot`/`\times`/`\div`, powers
 * `^{…}`, `\sin`…`\ln`, `n!`, Unicode `π √ − × ÷ ∞`. Throws {@link UntranslatableLatex} on
 * anything else that starts with a backslash.
 */
export function latexToMathjs(input: string): string {
  let s = input
    .replace(/π/g, "\\pi ").replace(/∞/g, "\\infty ").replace(/−|–/g, "-").replace(/×|·/g, "*").replace(/÷/g, "/")
    .replace(/√\s*(\d+|[A-Za-z]|\([^()]*\))/g, "\\sqrt{$1}");
  let out = "";
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === "\\") {
      const m = /^\\([A-Za-z]+)/.exec(s.slice(i));
      if (!m) {
        if (s[i + 1] === "{" || s[i + 1] === "}") { out += s[i + 1] === "{" ? "(" : ")"; i += 2; continue; }
        if (s[i + 1] === "%") { out += "%"; i += 2; continue; }
        throw new UntranslatableLatex(`unknown escape ${s.slice(i, i + 2)}`);
      }
      const name = m[1]!;
      i += m[0].length;
      if (name === "frac" || name === "dfrac" || name === "tfrac" || name === "cfrac") {
        const a = readArgument(s, i);
        if (!a) throw new UntranslatableLatex("\\frac without numerator");
        const b = readArgument(s, a.end);
        if (!b) throw new UntranslatableLatex("\\frac without denominator");
        out += `((${latexToMathjs(a.arg)})/(${latexToMathjs(b.arg)}))`;
        i = b.end;
      } else if (name === "sqrt") {
        let index: string | null = null;
        while (s[i] === " ") i++;
        if (s[i] === "[") {
          const close = s.indexOf("]", i);
          if (close < 0) throw new UntranslatableLatex("\\sqrt[ without ]");
          index = s.slice(i + 1, close);
          i = close + 1;
        }
        const a = readArgument(s, i);
        if (!a) throw new UntranslatableLatex("\\sqrt without argument");
        out += index === null ? `sqrt(${latexToMathjs(a.arg)})` : `nthRoot(${latexToMathjs(a.arg)},${latexToMathjs(index)})`;
        i = a.end;
      } else if (name === "pi") out += " pi ";
      else if (name === "infty" || name === "infinity") out += " Infinity ";
      else if (name === "cdot" || name === "times" || name === "ast") out += "*";
      else if (name === "div") out += "/";
      else if (name === "e" || name === "mathrm" || name === "text" || name === "mathit" || name === "textit" || name === "mathbf" || name === "operatorname") {
        const a = readArgument(s, i);
        if (a && a.arg.startsWith("{") === false && s[i] === "{") { out += ` ${latexToMathjs(a.arg)} `; i = a.end; }
        else if (name === "e") out += " e ";
      } else if (name in FUNCTIONS) {
        const fn = FUNCTIONS[name]!;
        while (s[i] === " ") i++;
        if (s[i] === "^") throw new UntranslatableLatex(`powers of \\${name} are not translated`);
        if (s[i] === "(" || s[i] === "{") {
          out += fn;
          if (s[i] === "{") { const a = readArgument(s, i)!; out += `(${latexToMathjs(a.arg)})`; i = a.end; }
        } else {
          const arg = /^(?:\\pi|\d+(?:\.\d+)?|[A-Za-z])+/.exec(s.slice(i));
          if (!arg) throw new UntranslatableLatex(`\\${name} without argument`);
          out += `${fn}(${latexToMathjs(arg[0])})`;
          i += arg[0].length;
        }
      } else if (name === "le" || name === "leq" || name === "leqslant") out += "<=";
      else if (name === "ge" || name === "geq" || name === "geqslant") out += ">=";
      else if (name === "lt") out += "<";
      else if (name === "gt") out += ">";
      else throw new UntranslatableLatex(`\\${name} is not translated`);
    } else if (c === "{") { out += "("; i++; }
    else if (c === "}") { out += ")"; i++; }
    else if (c === "^") {
      i++;
      const digits = /^\s*\d+/.exec(s.slice(i));
      if (digits) { out += `^(${digits[0].trim()})`; i += digits[0].length; continue; }
      const a = readArgument(s, i);
      if (!a) throw new UntranslatableLatex("^ without exponent");
      out += `^(${latexToMathjs(a.arg)})`;
      i = a.end;
    } else if (c === "_") throw new UntranslatableLatex("subscripts are not translated");
    else { out += c; i++; }
  }
  return out;
}
