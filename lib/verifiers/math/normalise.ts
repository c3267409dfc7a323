/**
 * LaTeX normalisation before an answer is parsed: what never changes an answer's value goes,
 * spellings of the same thing become one. After Math-Verify's `normalize_latex`
 * (huggingface/latex2sympy2_extended, math_normalization.py), written for replab.
 */

const TEXT_MACRO = /\\(?:textnormal|textbf|textit|textrm|textsf|texttt|mathrm|mathbf|mathit|mathsf|mathtt|mbox|hbox|text)\s*\{/g;
const CONNECTOR = /\\text\{\s*,?\s*(and|or)\s*,?\s*\}/g;

/** Words that change what a number says ("3 or more", "5 squared", "about 3"): never dropped as a unit. */
const QUALIFIER = /\b(?:or|and|more|less|fewer|than|least|most|about|approx|approximately|roughly|nearly|almost|around|over|under|above|below|not|no|is|are|was|were|wrong|incorrect|squared|cubed|plus|minus|remainder|to|from|between|up)\b/i;
/** Scale words are factors, not units: "5 thousand" is 5000. */
const SCALE: Record<string, string> = { hundred: "100", thousand: "1000", million: "10^{6}", billion: "10^{9}", trillion: "10^{12}", dozen: "12" };
const SCALE_WORD = "(hundred|thousand|million|billion|trillion|dozen)s?\\b";
const SCALE_IN_TEXT = new RegExp(`(\\d)\\s*\\\\text\\{\\s*${SCALE_WORD}\\s*`, "gi");
const SCALE_AFTER_NUMBER = new RegExp(`(\\d)\\s*${SCALE_WORD}`, "gi");

/** "5 thousand", "5\text{ million dollars}" → "5 \cdot 1000", "5 \cdot 10^{6}\text{dollars}". */
function scaleWords(s: string): string {
  return s.replace(SCALE_IN_TEXT, (_m, d: string, w: string) => `${d} \\cdot ${SCALE[w.toLowerCase()]}\\text{`)
    .replace(/\\text\{\s*\}/g, "")
    .replace(SCALE_AFTER_NUMBER, (_m, d: string, w: string) => `${d} \\cdot ${SCALE[w.toLowerCase()]}`);
}

/**
 * A word in `\text{…}` right after a number or a closing bracket is a unit ("12\text{ cm}"), and
 * so are words ending the answer after a number ("5 apples"); qualifiers stay. The dropped
 * units are pushed to `units` (with their power: "cm^2").
 */
function dropUnits(s: string, units: string[]): string {
  let out = s.replace(/\\text\s*\{\s*([A-Za-z][A-Za-z .]*)\}(\s*(?:\^\s*\{?\d\}?))?/g, (m, word: string, pow: string | undefined, offset: number) => {
    const before = s.slice(0, offset).trim();
    const w = word.trim();
    if (/^(?:and|or)$/i.test(w)) return ` ${w} `;
    if (QUALIFIER.test(w) || !/[\d})\]]$/.test(before)) return m;
    units.push(w + (pow ?? "").replace(/[\s{}]/g, ""));
    return "";
  });
  // "5 apples", "12 square feet" at the very end, after a number
  out = out.replace(/(\d)((?:\s*\\text\{\s*\}|\s)+)(?!(?:and|or)\b)((?:[A-Za-z]{2,}\s*)+)(\^\s*\{?\d\}?)?$/g, (m, d: string, _gap: string, words: string, pow: string | undefined) => {
    if (QUALIFIER.test(words)) return m;
    units.push(words.trim() + (pow ?? "").replace(/[\s{}]/g, ""));
    return d;
  });
  return out;
}

/**
 * Normalises one answer's LaTeX: `\\cmd` typed with a doubled backslash becomes `\cmd` (outside
 * matrices); `\left`/`\right`, spacing macros, `\displaystyle`, dollar signs and math
 * delimiters go; `\textbf \mathrm \mbox \textnormal …` become `\text`; `\dfrac \tfrac \cfrac`
 * become `\frac`; `\text{ and }` becomes " and "; degree signs, currency signs and units after a
 * number go (not qualifiers: "3 or more", "5 squared"; scale words are factors: "5 thousand" is
 * 5·1000); "percent"/"pct"/"percentage" become `\%`; `14{,}916` loses its separator; Unicode
 * `≤ ≥ ≠ ∞ π ∪ ∈ −` become their LaTeX macros. Idempotent.
 */
export function normaliseLatex(input: string): string {
  return normaliseLatexWithUnits(input).text;
}

/** {@link normaliseLatex}, and the unit words it dropped ("cm^2", "square feet"), in order. */
export function normaliseLatexWithUnits(input: string): { text: string; units: string[] } {
  const units: string[] = [];
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
  s = dropUnits(scaleWords(s), units);
  s = s.replace(/\s+/g, " ").trim().replace(/\s*[.,;]$/, "").trim();
  return { text: s, units };
}
