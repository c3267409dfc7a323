import { bracesBalanced, matchingBrace } from "./braces.js";

/** Which rule found the final answer in a response. */
export type MathExtractionRule = "boxed" | "final-answer-is" | "the-answer-is" | "answer-colon" | "choice-letter" | "whole-response" | "math-span" | "last-number";

/** The answer pulled out of a response, and the rule that found it. */
export interface MathExtraction {
  /** The answer text (several parts joined by ", " for display). */
  answer: string;
  /** The answer's parts: one, or several when several boxes or math spans make one answer (read as a set). */
  parts: string[];
  rule: MathExtractionRule;
}

/** Options of {@link extractMathAnswer}. */
export interface MathExtractionOptions {
  /** Choice labels: `true` for A–J, a list for others; the answer is then a choice letter. */
  choices?: boolean | readonly string[];
  /** Several `\boxed{}`: "joined" reads neighbouring boxes as one set (Math-Verify), "last" only the last box. */
  boxed?: "joined" | "last";
  /** Fall back to the last number outside math (default true); false reads only boxes, answer phrases and math spans. */
  lastNumber?: boolean;
  /** Read `2,74` as 2.74 in the last-number fallback. */
  decimalComma?: boolean;
  /** An unclosed `\boxed{` runs to the end of the text ("to-end", used for reference answers) or is ignored (default). */
  unclosedBox?: "ignore" | "to-end";
}

interface Span { text: string; start: number; end: number }

/** Every closed `\boxed{…}` / `\fbox{…}` (and `\boxed 5`) in order, with where it starts and ends. */
function boxes(text: string, unclosed: "ignore" | "to-end"): Span[] {
  const out: Span[] = [];
  const re = /\\(?:boxed|fbox)\s*(\{|(?=[^\s{$]))/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] === "{") {
      const open = m.index + m[0].length - 1;
      const close = matchingBrace(text, open);
      if (close < 0) {
        if (unclosed === "ignore") continue; // truncated: an unclosed box is no answer
        out.push({ text: text.slice(open + 1).trim(), start: m.index, end: text.length });
        break;
      }
      out.push({ text: text.slice(open + 1, close).trim(), start: m.index, end: close + 1 });
      re.lastIndex = close + 1;
    } else {
      const bare = /^[^\s$]+/.exec(text.slice(m.index + m[0].length))!;
      out.push({ text: bare[0], start: m.index, end: m.index + m[0].length + bare[0].length });
    }
  }
  return out.filter((b) => b.text !== "");
}

/** The contents of the last closed `\boxed{…}` (or `\fbox{…}`) with nested braces, or null. */
export function lastBoxed(text: string): string | null {
  return boxes(text, "ignore").pop()?.text ?? null;
}

const SEPARATOR = /\b(?:and|or)\b|,|;/;

/**
 * Math-Verify's reading of several boxes (latex2sympy2_extended `extract_boxed_content`):
 * from the last box backwards, the previous box joins while the text between them is shorter
 * than 10 characters, or shorter than 70 with "and", "or", "," or ";" in it and a different box.
 */
function boxedParts(text: string, mode: "joined" | "last", unclosed: "ignore" | "to-end"): { parts: string[]; start: number } | null {
  const withSign = (b: Span) => withSuffix(text, b).text;
  const bs = boxes(text, unclosed);
  if (bs.length === 0) return null;
  const parts = [bs[bs.length - 1]!];
  if (mode === "joined") {
    for (let i = bs.length - 2; i >= 0; i--) {
      const between = text.slice(bs[i]!.end, bs[i + 1]!.start);
      const near = between.length < 10 || (between.length < 70 && SEPARATOR.test(between) && bs[i]!.text !== bs[i + 1]!.text);
      if (!near) break;
      if (bs[i]!.text !== parts[0]!.text) parts.unshift(bs[i]!);
    }
  }
  return { parts: parts.map(withSign), start: parts[0]!.start };
}

// after a number or a LaTeX environment: Math-Verify's percent group (`28 %`, `$28$ percent`,
// `\boxed{28} pct`), and a scale word, which multiplies (`5 thousand`)
const PERCENT_AFTER = /^(?:\s*(?:\$\$|\$|\\\)|\\\]))?\s*(?:\\?%|[Pp]ercent(?:age)?\b|[Pp]ct\b)/;
const SCALE_AFTER = /^(?:\s*(?:\$\$|\$|\\\)|\\\]))?\s*(hundred|thousand|million|billion|trillion|dozen)s?\b/i;

/** The span's text with a percent sign or a scale word that follows it outside the span ("$5$ million", "28 %") added. */
function withSuffix(text: string, span: Span): Span {
  const after = text.slice(span.end);
  const scale = SCALE_AFTER.exec(after);
  if (scale) return withSuffix(text, { text: `${span.text} \\text{ ${scale[1]}}`, start: span.start, end: span.end + scale[0].length });
  if (/(?:\\?%|percent(?:age)?|pct)\s*$/i.test(span.text)) return span;
  const m = PERCENT_AFTER.exec(after);
  return m ? { text: `${span.text}\\%`, start: span.start, end: span.end + m[0].length } : span;
}

// $$…$$ and \[…\] may span lines; $…$ and \(…\) may not (Math-Verify's rule); a $ right after a digit does not open math
const MATH_SPAN = /\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(((?:[^\\\n]|\\(?!\)))+?)\\\)|(?<![\\\d])\$((?:\\\$|[^\n$])+?)(?<!\\)\$/g;

function mathSpans(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(MATH_SPAN)) {
    const body = (m[1] ?? m[2] ?? m[3] ?? m[4]!).trim();
    if (body !== "") out.push({ text: body, start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

const JOIN = /^\s*(?:,?\s*(?:and|or)(?:\s+(?:possibly|perhaps|maybe|also))?|,)\s*$/;

/** Groups of math spans written as one list ("$1$, $2$ and $3$"): each group's contents. */
function spanGroups(text: string, spans: Span[]): Span[][] {
  const groups: Span[][] = [];
  for (const s of spans) {
    const last = groups[groups.length - 1];
    if (last && last.length < 6 && JOIN.test(text.slice(last[last.length - 1]!.end, s.start))) last.push(s);
    else groups.push([s]);
  }
  return groups;
}

// a number not glued to letters before it ("AZYUK2A" holds no answer); units after it are fine ("5cm")
const NUMBER = /(?<![A-Za-z\d.])(?:-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?(?:\s*\/\s*\d+(?:\.\d+)?)?|-?\.\d+)/g;
const NUMBER_DECIMAL_COMMA = /(?<![A-Za-z\d.,])(?:-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|-?\d+(?:[.,]\d+)?(?:\s*\/\s*\d+(?:\.\d+)?)?|-?\.\d+)/g;

function lastNumber(text: string, decimalComma: boolean): Span | null {
  const m = [...text.matchAll(decimalComma ? NUMBER_DECIMAL_COMMA : NUMBER)].pop();
  return m ? { text: m[0].replace(/\s+/g, ""), start: m.index!, end: m.index! + m[0].length } : null;
}

/** Words outside LaTeX commands, `\text{}` and the connectors "and"/"or": a sentence, not a bare answer. */
function hasWords(text: string): boolean {
  const rest = text.replace(/\$[^$]*\$/g, " ").replace(/\\(?:begin|end)\{[^{}]*\}/g, " ").replace(/\\(?:text|mathrm|textbf|mbox)\s*\{[^{}]*\}/g, " ").replace(/\\[A-Za-z]+/g, " ").replace(/(?<![A-Za-z])(?:and|or)(?![a-z])/g, " ");
  return /[A-Za-z]{3,}/.test(rest);
}

/**
 * The answer after a phrase ("the answer is", "Answer:"): math spans at its start (several
 * joined by "and"/","), else — when it is a sentence — the rightmost math span or number in
 * the sentence ("The largest $n$ is 34." → 34), else the text up to the end of the sentence.
 */
function phraseAnswer(rest: string, decimalComma: boolean): string[] | null {
  let s = rest.replace(/^(?:[\s:：*"'“”]|\\")+/, "");
  const display = /^(?:\$\$|\\\[)/.test(s);
  if (!display) { const nl = s.indexOf("\n"); if (nl >= 0) s = s.slice(0, nl); }
  const spans = mathSpans(s);
  if (spans.length > 0 && spans[0]!.start === 0) {
    const group = spanGroups(s, spans)[0]!;
    return group.map((g) => withSuffix(s, g).text);
  }
  if (display) { const nl = s.indexOf("\n"); if (nl >= 0) s = s.slice(0, nl); }
  const stop = /\.(?:\s|$)|\bI hope\b/.exec(s.replace(/\$[^$]*\$/g, (m) => "x".repeat(m.length)));
  if (stop) s = s.slice(0, stop.index);
  s = s.replace(/(?:["'“”]|\\")+$/, "").trim();
  if (s === "") return null;
  if (hasWords(s)) {
    const span = mathSpans(s).pop() ?? null;
    const num = lastNumber(s, decimalComma);
    const pick = span && (!num || span.end >= num.end) ? span : num;
    return pick ? [withSuffix(s, pick).text] : null;
  }
  return [s.replace(/[.;!]+$/, "").trim()];
}

/** The whole response is a bare math answer ("$-\frac{10}{9}$", "[0, 1)"): no words outside LaTeX commands and \text{}. */
function wholeResponseAnswer(response: string): string | null {
  const t = response.trim().replace(/^(?:\$\$|\$|\\\(|\\\[)\s*/, "").replace(/\s*(?:\$\$|\$|\\\)|\\\])\.?$/, "").trim();
  if (t === "" || t.length > 300 || /\\(?:boxed|fbox)/.test(t) || t.includes("\n") || t.includes("$")) return null;
  if (!bracesBalanced(t, "count") || hasWords(t)) return null; // unbalanced: a truncated expression
  return /[\dA-Za-z]/.test(t) ? t : null;
}

/** The choice labels a one-letter gold is read against by default: A–J. */
export const DEFAULT_CHOICES: readonly string[] = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"];

/** The regular expressions of {@link choiceAnswer} and {@link hedgedLetters} for one label alternation. */
interface ChoicePatterns { tries: RegExp[]; forward: RegExp; backward: RegExp }
const choicePatternCache = new Map<string, ChoicePatterns>();

/** The patterns for the label alternation `L`, built once per distinct label set (a few in practice; the cache is kept small). */
function choicePatterns(L: string): ChoicePatterns {
  let p = choicePatternCache.get(L);
  if (p) return p;
  p = {
    tries: [
      new RegExp(`answer(?:\\s+is)?\\s*[:：]?\\s*\\**\\s*\\(?(${L})\\)?(?![A-Za-z])`, "gi"),
      new RegExp(`\\((${L})\\)|\\b(?:option|choice)\\s+\\(?(${L})\\)?(?![A-Za-z])`, "g"),
      new RegExp(`(?:^|\\n)\\s*\\**\\(?(${L})\\)?\\**(?=[.):,\\s]|$)`, "g"),
      new RegExp(`(?:^|[\\s*])(${L})(?=\\**(?:[.,:\\s]|$))`, "g"),
    ],
    forward: new RegExp(`^\\s*(?:,|/|\\bor\\b|\\band\\b)\\s*\\(?(${L})\\)?(?![A-Za-z])`),
    backward: new RegExp(`(?<![A-Za-z])\\(?(${L})\\)?\\s*(?:,|/|\\bor\\b|\\band\\b)\\s*\\(?$`),
  };
  if (choicePatternCache.size >= 32) choicePatternCache.clear();
  choicePatternCache.set(L, p);
  return p;
}

/**
 * A choice letter, after Math-Verify's string extraction: the letter after "answer (is)", else
 * the last "(X)" / "option X", else the last letter opening a line ("B. because…"), else the
 * last letter standing alone ("Because B is valid"). Letters are matched as written (capitals).
 */
function choiceAnswer(response: string, labels: readonly string[]): string[] | null {
  const patterns = choicePatterns(labels.map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));
  const { tries } = patterns;
  for (const re of tries) {
    const m = [...response.matchAll(re)].pop();
    if (m) {
      const letter = m.slice(1).find((x) => x !== undefined)!;
      if (labels.includes(letter) || re === tries[0]) return [...hedgedLetters(response, m.index!, m.index! + m[0].length, patterns), letter];
    }
  }
  return null;
}

/**
 * Other choice letters written next to the chosen one as alternatives ("B or C", "(A), (B)",
 * "B/C"): a hedge is every letter it names, so it is never read as the single letter.
 */
function hedgedLetters(response: string, start: number, end: number, { forward, backward }: ChoicePatterns): string[] {
  const out: string[] = [];
  for (let rest = response.slice(end), m = forward.exec(rest); m && out.length < 10; rest = rest.slice(m[0].length), m = forward.exec(rest)) out.push(m[1]!);
  for (let head = response.slice(0, start + (response[start] === "(" ? 1 : 0)), m = backward.exec(head); m && out.length < 20; head = head.slice(0, m.index), m = backward.exec(head)) out.push(m[1]!);
  return out;
}

/**
 * Finds the final answer in a model response. In order: the last `\boxed{}` — neighbouring boxes
 * read as one set by default (`boxed: "last"` reads only the last) — or "final answer is …",
 * whichever comes later; the last "the answer is …" or "Answer: …" (math right after it, else
 * the rightmost math or number of its sentence); a choice letter (when `choices` is set); the
 * whole response when it is a bare math expression; else the rightmost of the last math span
 * (`$…$`, `\(…\)`, `\[…\]`, `$$…$$`, several joined by "and"/",") and the last number (unless
 * `lastNumber` is false). Returns null when none is found (the verdict is then "invalid").
 */
export function extractMathAnswer(response: string, options: MathExtractionOptions = {}): MathExtraction | null {
  const mode = options.boxed ?? "joined";
  const decimalComma = options.decimalComma ?? false;
  const make = (parts: string[], rule: MathExtractionRule): MathExtraction | null => {
    const ps = parts.map((p) => p.trim()).filter((p) => p !== "");
    return ps.length === 0 ? null : { answer: ps.join(", "), parts: ps, rule };
  };
  const box = boxedParts(response, mode, options.unclosedBox ?? "ignore");
  const fa = [...response.matchAll(/final answer is/gi)].pop();
  if (fa && (!box || fa.index! > box.start)) {
    const a = phraseAnswer(response.slice(fa.index! + fa[0].length), decimalComma);
    const r = a && make(a, "final-answer-is");
    if (r) return r;
  }
  if (box) return make(box.parts, "boxed");
  const phrase = [...response.matchAll(/the (?:final )?answer is[:\s]*/gi)].pop();
  const colon = [...response.matchAll(/(?:^|\n|\s)\**(?:final answer|answer)\**\s*(?:[:：]\s*|(?=\$|\\\(|\\\[))/gi)].pop();
  const labels = options.choices === true ? DEFAULT_CHOICES : options.choices || null;
  for (const [m, rule] of [[phrase, "the-answer-is"], [colon, "answer-colon"]] as const) {
    if (!m) continue;
    const a = phraseAnswer(response.slice(m.index! + m[0].length), decimalComma);
    const r = a && make(a, rule);
    if (r && (!labels || /^\(?[A-Za-z]\)?$/.test(r.answer.replace(/^\\text\{(.*)\}$/, "$1")))) return r;
  }
  if (labels) {
    const letters = choiceAnswer(response, labels);
    if (letters) return make(letters, "choice-letter");
    const whole = wholeResponseAnswer(response);
    return whole && /^\(?(?:\\text\{\s*)?\(?[A-Za-z]\)?\s*\}?\)?$/.test(whole) ? make([whole], "whole-response") : null;
  }
  const whole = wholeResponseAnswer(response);
  if (whole !== null) return make([whole], "whole-response");
  const groups = spanGroups(response, mathSpans(response));
  const group = groups[groups.length - 1];
  const num = options.lastNumber === false ? null : lastNumber(response, decimalComma);
  if (group && (!num || group[group.length - 1]!.end >= num.end)) return make(group.map((g) => withSuffix(response, g).text), "math-span");
  if (num) return make([withSuffix(response, num).text], "last-number");
  return null;
}
