// Generates datasets/verifier-bench/rows.jsonl: (id, question, response, gold, label, kind, why)
// rows for measuring answer verifiers. Seeded (replab's rng), so the file is reproducible:
//   npx tsc -p tsconfig.json && node datasets/verifier-bench/generate.mjs
// Every label is decided here, by construction, from the problem's exact value — never by a
// verifier — and `why` says what makes it right or wrong.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { rng } from "replab/core";

const SEED = 2025;
const g = rng(SEED);
const here = path.dirname(fileURLToPath(import.meta.url));
const MASTER_KEYS = [" ", ".", ",", ":", "Thought process:", "Let's solve this problem step by step.", "Solution", "解", "かいせつ", "Respuesta"];
const gcd = (a, b) => (b === 0 ? Math.abs(a) : gcd(b, a % b));
const int = (lo, hi) => lo + g.int(hi - lo + 1);

/** Ways a response presents its final answer X. */
const WRAPS = [
  (x) => `We work it out step by step and obtain the value.\n\nThe final answer is $\\boxed{${x}}$.`,
  (x) => `Carrying out the computation carefully, the answer is $${x}$.`,
  (x) => `Let me check the arithmetic once more.\nAnswer: ${x}`,
  (x) => `Combining the two steps gives \\[\\boxed{${x}}\\]`,
];
const wrap = (x) => g.choice(WRAPS)(x);

function fractionProblem() {
  let a = int(1, 11), b = int(2, 12);
  const d = gcd(a, b); a /= d; b /= d;
  if (b === 1) b = 7;
  const terminating = [2, 4, 5, 8, 10].includes(b);
  const q = `Simplify ${a * 3}/${b * 3}.`;
  const gold = `\\frac{${a}}{${b}}`;
  const eq = [[`${a}/${b}`, "a/b is the same fraction"], [`\\dfrac{${2 * a}}{${2 * b}}`, `${2 * a}/${2 * b} reduces to ${a}/${b}`]];
  if (terminating) eq.push([String(a / b), `${a}/${b} terminates as ${a / b}`]);
  const wrong = [[`\\frac{${a + 1}}{${b}}`, `${a + 1}/${b} ≠ ${a}/${b}`], [`\\frac{${b}}{${a}}`, "the reciprocal"]];
  if (!terminating) wrong.push([(a / b).toFixed(2), `${(a / b).toFixed(2)} only rounds ${a}/${b} (exact value required)`]);
  return { q, gold, eq, wrong, near: String(a * 3) };
}
function thousandsProblem() {
  const n = int(1200, 998_000);
  const s = n.toLocaleString("en-US");
  return {
    q: `A shop sells ${n / 4} items a week for four weeks. How many dollars does it take if each item costs $1?`,
    gold: String(n),
    eq: [[s, "thousands separators do not change the number"], [s.replace(/,/g, "{,}"), "LaTeX {,} separators"], [`\\$${s}`, "a currency sign does not change the amount"], [`${n} \\text{ dollars}`, "a unit word does not change the amount"]],
    wrong: [[String(n + 1), "off by one"], [String(n * 10), "a factor of ten too large"]],
    near: String(n / 4),
  };
}
function sqrtProblem() {
  const k = int(2, 9), m = g.choice([2, 3, 5, 6, 7]);
  return {
    q: `Simplify \\sqrt{${k * k * m}}.`,
    gold: `${k}\\sqrt{${m}}`,
    eq: [[`\\sqrt{${k * k * m}}`, `√${k * k * m} = ${k}√${m}`], [`${k} \\cdot \\sqrt{${m}}`, "explicit multiplication"], [`\\sqrt{${m}}\\cdot ${k}`, "multiplication commutes"]],
    wrong: [[String(k), `${k} is missing the √${m} factor`], [`${m}\\sqrt{${k}}`, "factors swapped"]],
    near: String(k * k * m),
  };
}
function percentProblem() {
  const p = int(1, 19) * 5;
  return {
    q: `What is ${p} out of 100 as a percentage?`,
    gold: `${p}\\%`,
    eq: [[String(p / 100), `${p}% = ${p / 100} (percent as a fraction)`], [`${p}`, "the bare number of percent, as graders accept"]],
    wrong: [[`${p + 5}\\%`, `${p + 5}% ≠ ${p}%`], [String(p / 10), `${p / 10} is neither ${p} nor ${p / 100}`]],
    near: "100",
  };
}
function rootsProblem() {
  let r1 = int(-9, 9), r2 = int(-9, 9);
  if (r1 === r2) r2 = r1 + 3;
  if (r1 === -r2) r2 += 1;
  const b = -(r1 + r2), c = r1 * r2;
  return {
    q: `Solve x^2 ${b >= 0 ? "+" : "-"} ${Math.abs(b)}x ${c >= 0 ? "+" : "-"} ${Math.abs(c)} = 0.`,
    gold: `\\{${r1}, ${r2}\\}`,
    eq: [[`\\{${r2}, ${r1}\\}`, "sets are unordered"], [`${r2}, ${r1}`, "a list of both roots"], [`x = ${r1}, x = ${r2}`.replace(/x = (-?\d+), x = (-?\d+)/, `$1, $2`), "both roots listed"]],
    wrong: [[String(r1), "only one of the two roots"], [`\\{${-r1}, ${-r2}\\}`, "signs flipped"]],
    near: String(Math.abs(c) + 1),
  };
}
function intervalProblem() {
  const a = int(-5, 3), b = a + int(2, 6);
  return {
    q: `For which x is ${a} < x ≤ ${b}? Give the set.`,
    gold: `${a} < x \\le ${b}`,
    eq: [[`(${a}, ${b}]`, "interval notation for the same set"], [`${a} < x \\leq ${b}`, "\\leq is \\le"]],
    wrong: [[`[${a}, ${b}]`, `the closed end at ${a} adds a point`], [`(${a}, ${b})`, `the open end at ${b} drops a point`]],
    near: String(b + 1),
  };
}
function piProblem() {
  const k = int(2, 12);
  return {
    q: `What is the circumference of a circle of radius ${k / 2}?`,
    gold: `${k}\\pi`,
    eq: [[`\\pi ${k}`, "multiplication commutes"], [`${k} \\cdot \\pi`, "explicit multiplication"], [(k * Math.PI).toFixed(9), "π to 9 decimals (within 1e-6 relative)"]],
    wrong: [[String(k), "π is missing"], [(k * 3.14).toFixed(2), "3.14 for π is 0.05% off"]],
    near: String(k),
  };
}
function choiceProblem() {
  const letters = ["A", "B", "C", "D"];
  const right = g.choice(letters);
  const other = g.choice(letters.filter((l) => l !== right));
  return {
    q: `Which option is right? (A) … (B) … (C) … (D) …`,
    gold: right,
    eq: [[`(${right})`, "the same letter in parentheses"], [`\\text{${right}}`, "the same letter in \\text"]],
    wrong: [[`(${other})`, "another option"], [other, "another option"]],
    near: null,
  };
}
function plusMinusProblem() {
  const k = int(2, 30);
  return {
    q: `Solve x^2 = ${k * k}.`,
    gold: `\\pm ${k}`,
    eq: [[`\\{${k}, -${k}\\}`, `±${k} is the set {${k}, −${k}}`], [`-${k}, ${k}`, "both signs listed"]],
    wrong: [[String(k), `${k} is only one of ±${k} (Math-Verify issue #41)`], [`\\pm ${k + 1}`, `±${k + 1} ≠ ±${k}`]],
    near: String(k * k),
  };
}

const MAKERS = [fractionProblem, thousandsProblem, sqrtProblem, percentProblem, rootsProblem, intervalProblem, piProblem, choiceProblem, plusMinusProblem];
const rows = [];
let id = 0;
const push = (r) => rows.push({ id: `vb-${String(id++).padStart(3, "0")}`, ...r });
for (let i = 0; i < 50; i++) {
  const maker = MAKERS[i % MAKERS.length];
  const p = maker();
  push({ question: p.q, gold: p.gold, response: wrap(p.gold), label: true, kind: "exact", why: "the final answer is the gold answer verbatim" });
  const [e, ewhy] = g.choice(p.eq);
  push({ question: p.q, gold: p.gold, response: wrap(e), label: true, kind: "equivalent-format", why: `${e} equals the gold ${p.gold}: ${ewhy}` });
  const [w, wwhy] = g.choice(p.wrong);
  push({ question: p.q, gold: p.gold, response: wrap(w), label: false, kind: "wrong", why: `${w} differs from the gold ${p.gold}: ${wwhy}` });
  if (p.near !== null) {
    push({ question: p.q, gold: p.gold, response: `Let's start: first we note ${p.near} and then we`, label: false, kind: "truncated", why: "the response stops before stating a final answer" });
  }
  const key = MASTER_KEYS[i % MASTER_KEYS.length];
  push({ question: p.q, gold: p.gold, response: key, label: false, kind: "master-key", why: `${JSON.stringify(key)} holds no answer at all (a master key from "One Token to Fool LLM-as-a-Judge")` });
  if (i % 2 === 0) {
    push({ question: p.q, gold: p.gold, response: `At first I guessed $${p.gold}$, but that was a slip. ${wrap(w)}`, label: false, kind: "gold-mentioned-then-wrong", why: `the gold appears mid-way but the final answer is ${w}: ${wwhy}` });
  } else {
    push({ question: p.q, gold: p.gold, response: `At first I guessed $${w}$, but that was a slip. ${wrap(e)}`, label: true, kind: "wrong-then-corrected", why: `the final answer ${e} equals the gold ${p.gold} (${ewhy}); the earlier ${w} was withdrawn` });
  }
}
// Math-Verify's published failures, as rows
const MV = [
  ["Compute 1/2006!.", "\\frac{1}{2006!}", "\\boxed{\\frac{1}{2004!}}", false, "2004! ≠ 2006!; both underflow to 0 in floats (Math-Verify issue #14)"],
  ["Solve |x| = 2021.", "\\pm 2021", "\\boxed{2021}", false, "one of two solutions (Math-Verify issue #41)"],
  ["Find the length of the diagonal.", "4\\sqrt{2}", "\\boxed{4}", false, "4 ≠ 4√2 (Math-Verify issue #64)"],
  ["Compute the probability.", "1+\\frac{1}{e}", "\\boxed{1-\\frac{1}{e}}", false, "1 − 1/e ≠ 1 + 1/e (Math-Verify issue #67)"],
  ["Simplify √(1/n) for n > 0.", "\\frac{1}{\\sqrt{n}}", "\\boxed{\\sqrt{1/n}}", true, "√(1/n) = 1/√n for n > 0 (Math-Verify issue #67)"],
];
for (const [q, gold, response, label, why] of MV) push({ question: q, gold, response, label, kind: label ? "equivalent-format" : "wrong", why });
fs.writeFileSync(path.join(here, "rows.jsonl"), rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
const kinds = {};
for (const r of rows) kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
console.log(`wrote ${rows.length} rows (seed ${SEED}):`, kinds);
