/**
 * LaTeX normalisation before an answer is parsed: what never changes an answer's value goes,
 * spellings of the same thing become one. After Math-Verify's `normalize_latex`
 * (huggingface/latex2sympy2_extended, math_normalization.py), written for replab.
 */

const TEXT_MACRO = /\\(?:textnormal|textbf|textit|textrm|textsf|texttt|mathrm|mathbf|mathit|mathsf|mathtt|mbox|hbox|text)\s*\{/g;
const CONNECTOR = /\\text\{\s*,?\s*(and|or)\s*,?\s*\}/g;

/** A word in `\text{…}` right after a number or a closing bracket is a unit ("12\text{ cm}"). */
function dropUnits(s: string): string {
  let out = s.replace(/\\text\s*\{\s*([A-Za-z][A-Za-z .]*)\}(\s*(?:\^\s*\{?\d\}?))?/g, (m, word: string, _pow: string, offset: number) => {
    const before = s.slice(0, offset).trim();
    const w = word.trim();
    if (/^(?:and|or)$/i.test(w)) return ` ${w} `;
    if (/[\d})\]]$/.test(before)) return "";
    return m;
  });
  // "5 apples", "12 square feet" at the very end, after a number
  out = out.replace(/(\d)\s*(?:\\text\{\s*\}|\s)+(?!(?:and|or)\b)(?:[A-Za-z]{2,}\s*)+(?:\^\s*\{?\d\}?)?$/g, "$1");
  return out;
}

/**
 * Normalises one answer's LaTeX: `\\cmd` typed with a doubled backslash becomes `\cmd` (outside
 * matrices); `\left`/`\right`, spacing macros, `\displaystyle`, dollar signs and math
 * delimiters go; `\textbf \mathrm \mbox \textnormal …` become `\text`; `\dfrac \tfrac \cfrac`
 * become `\frac`; `\text{ and }` becomes " and "; degree signs, currency signs and units after a
 * number go; "percent"/"pct"/"percentage" become `\%`; `14{,}916` loses its separator; Unicode
 * `≤ ≥ ≠ ∞ π ∪ ∈ −` become their LaTeX macros. Idempotent.
 */
export function normaliseLatex(input: string): string {
  let s = input;
  if (!/matrix|array/.test(s)) s = s.replace(/\\\\(?=[A-Za-z])/g, "\\");
  s = s.replace(/≤/g, "\\le ").replace(/≥/g, "\\ge ").replace(/≠/g, "\\neq ").replace(/∞/g, "\\infty ").replace(/π/g, "\\pi ")
    .replace(/∪/g, "\\cup ").replace(/∈/g, "\\in ").replace(/[−–]/g, "-").replace(/±/g, "\\pm ");
  s = s.replace(/\\(?:left|right)\s*\.|\\(?:left|right|middle|bigl|bigr|Bigl|Bigr|biggl|biggr|big|Big|bigg|Bigg)(?![A-Za-z])\s*/g, "");
  s = s.replace(/\\!\s*/g, "").replace(/\\(?:displaystyle|textstyle|scriptstyle)(?![A-Za-z])/g, "");
  s = s.replace(/\\(?:qquad|quad)|(?<!\\)\\[,;:> ]|~/g, " ");
  s = s.replace(/\\\$/g, "").replace(/\$/g, "").replace(/\\\(|\\\)|\\\[|\\\]/g, " ");
  s = s.replace(TEXT_MACRO, "\\text{").replace(/\\[dtc]frac(?![A-Za-z])/g, "\\frac").replace(CONNECTOR, " $1 ");
  s = s.replace(/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|\\circ|°|\\degree(?![A-Za-z])/g, "");
  s = s.replace(/US\\?\$|€|£|¥|₹/g, "");
  s = s.replace(/([\d}])\s*(?:\\text\{\s*)?(?:percentage|percent|pct)\b\s*\}?/g, "$1\\%").replace(/(?<!\\)%/g, "\\%");
  s = s.replace(/\binfinity\b/g, "\\infty");
  s = s.replace(/(\d)\s*\{\s*,\s*\}\s*(?=\d{3})/g, "$1");
  s = dropUnits(s);
  s = s.replace(/\s+/g, " ").trim().replace(/\s*[.,;]$/, "").trim();
  return s;
}
