import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyMath } from "../../lib/verifiers/index.js";

// Laws of answer equivalence, checked on random inputs (fast-check, fixed seed).
const opts = { seed: 424242, numRuns: 40 };

describe("verifyMath laws", () => {
  it("an integer equals itself in any format, and no other integer", () => {
    fc.assert(fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: -10_000_000, max: 10_000_000 }), (a, b) => {
      const withCommas = a.toLocaleString("en-US");
      expect(verifyMath(`The answer is $${withCommas}$.`, String(a)).verdict).toBe("correct");
      expect(verifyMath(`\\boxed{${a}}`, String(b)).verdict).toBe(a === b ? "correct" : "incorrect");
    }), opts);
  });
  it("p/q equals its scaled and decimal forms; a different fraction does not", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 999 }), fc.integer({ min: 2, max: 9 }), (p, q, k) => {
      expect(verifyMath(`\\boxed{\\dfrac{${p * k}}{${q * k}}}`, `\\frac{${p}}{${q}}`).verdict).toBe("correct");
      expect(verifyMath(`\\boxed{${(p / q).toPrecision(12)}}`, `${p}/${q}`).verdict).toBe("correct");
      expect(verifyMath(`\\boxed{\\frac{${p + 1}}{${q}}}`, `\\frac{${p}}{${q}}`).verdict).toBe("incorrect");
    }), opts);
  });
  it("a set equals any permutation of itself, and not itself with an element changed", () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: -50, max: 50 }), { minLength: 2, maxLength: 6 }), fc.nat(), (xs, seed) => {
      const perm = xs.slice().sort((a, b) => ((a * 7919 + seed) % 97) - ((b * 7919 + seed) % 97));
      expect(verifyMath(`\\boxed{\\{${perm.join(", ")}\\}}`, `\\{${xs.join(", ")}\\}`).verdict).toBe("correct");
      const changed = xs.slice(); changed[0] = 1000;
      expect(verifyMath(`\\boxed{\\{${changed.join(", ")}\\}}`, `\\{${xs.join(", ")}\\}`).verdict).toBe("incorrect");
    }), opts);
  });
  it("polynomial identities hold at random points: (x + a)(x + b) = x^2 + (a+b)x + ab", () => {
    fc.assert(fc.property(fc.integer({ min: -9, max: 9 }), fc.integer({ min: -9, max: 9 }), (a, b) => {
      const sign = (n: number) => (n < 0 ? `- ${-n}` : `+ ${n}`);
      const expanded = `x^2 ${sign(a + b)}x ${sign(a * b)}`;
      expect(verifyMath(`\\boxed{(x ${sign(a)})(x ${sign(b)})}`, expanded).verdict).toBe("correct");
      expect(verifyMath(`\\boxed{(x ${sign(a)})(x ${sign(b + 1)})}`, expanded).verdict).toBe("incorrect");
    }), opts);
  });
});

// "correct" implies equal: random structures from a small domain (so that equal pairs occur),
// each written in a random one of its LaTeX spellings; whenever verifyMath says "correct", the
// two structures must be equal under the stated rules.
type Value = number; // ±Infinity allowed
const VALUES: Value[] = [-Infinity, -3, -2, -1, -0.5, 0, 0.5, 1, 2, 3, Infinity];
const finiteValue = fc.constantFrom(...VALUES.filter(Number.isFinite));
const anyValue = fc.constantFrom(...VALUES);

/** One value in one of several spellings. */
function spell(v: Value, style: number): string {
  if (v === Infinity) return ["\\infty", "+\\infty", "\\infty", "∞"][style % 4]!;
  if (v === -Infinity) return ["-\\infty", "-\\infty", "- \\infty", "-∞"][style % 4]!;
  if (Number.isInteger(v)) return [String(v), `${v}.0`, `\\frac{${2 * v}}{2}`, ` ${v} `][style % 4]!;
  const sign = v < 0 ? "-" : "";
  return [`${v}`, `${sign}\\frac{1}{2}`, `${sign}\\tfrac12`, `${sign}\\dfrac{2}{4}`][style % 4]!;
}

interface Interval { lo: Value; hi: Value; loClosed: boolean; hiClosed: boolean }
const interval = fc.tuple(anyValue, anyValue, fc.boolean(), fc.boolean()).filter(([a, b]) => a < b)
  .map(([lo, hi, lc, hc]): Interval => ({ lo, hi, loClosed: lc && Number.isFinite(lo), hiClosed: hc && Number.isFinite(hi) }));
const spellInterval = (iv: Interval, style: number) => {
  const [l, r] = [iv.loClosed ? "[" : "(", iv.hiClosed ? "]" : ")"];
  const body = `${spell(iv.lo, style)}, ${spell(iv.hi, style + 1)}`;
  return style % 2 === 0 ? `${l}${body}${r}` : `\\left${l} ${body} \\right${r}`;
};
const sameInterval = (a: Interval, b: Interval) => a.lo === b.lo && a.hi === b.hi && a.loClosed === b.loClosed && a.hiClosed === b.hiClosed;
const sameSetOf = <T>(a: T[], b: T[], eq: (x: T, y: T) => boolean) => a.every((x) => b.some((y) => eq(x, y))) && b.every((y) => a.some((x) => eq(x, y)));

/** x op c, c op x, or a < x < b: the interval of x it describes, and one way to write it. */
const OPS = { "<": ["<", "\\lt"], "<=": ["\\le", "\\leq", "<=", "≤"], ">": [">", "\\gt"], ">=": ["\\ge", "\\geq", ">=", "≥"] } as const;
const inequality = fc.tuple(fc.constantFrom("<", "<=", ">", ">="), finiteValue, fc.boolean(), fc.nat(7)).map(([op, c, flip, style]) => {
  const closed = op.endsWith("=");
  const upper = op.startsWith("<");
  const iv: Interval = upper ? { lo: -Infinity, hi: c, loClosed: false, hiClosed: closed } : { lo: c, hi: Infinity, loClosed: closed, hiClosed: false };
  const mirrored = { "<": ">", "<=": ">=", ">": "<", ">=": "<=" }[op] as keyof typeof OPS;
  const pick = (o: keyof typeof OPS) => OPS[o][style % OPS[o].length]!;
  const text = flip ? `${spell(c, style)} ${pick(mirrored)} x` : `x ${pick(op as keyof typeof OPS)} ${spell(c, style)}`;
  return { iv, text };
});

describe("verifyMath: \"correct\" implies equal (no false positives)", () => {
  const run = { seed: 20251201, numRuns: 150 };
  // sanity: each property saw some "correct" verdicts, so the implication was exercised
  let corrects = 0;
  const count = (v: string) => { if (v === "correct") corrects++; return v; };
  beforeEach(() => { corrects = 0; });
  afterEach((ctx) => { if (!ctx.task.name.startsWith("words")) expect(corrects, "no pair was judged correct: the property tested nothing").toBeGreaterThan(0); });
  it("numbers and infinities: an infinity equals only the same infinity", () => {
    fc.assert(fc.property(anyValue, anyValue, fc.nat(7), fc.nat(7), (a, b, s, t) => {
      const v = count(verifyMath(`\\boxed{${spell(a, s)}}`, spell(b, t)).verdict);
      if (v === "correct") expect(a).toBe(b);
      if (a === b && Math.abs(a) === Infinity) expect(v).toBe("correct");
    }), run);
  });
  // the answer is the gold respelled (unions reordered), or the gold with one thing changed
  const nearby = <T>(gen: fc.Arbitrary<T[]>, change: (xs: T[], k: number, v: Value, flag: boolean) => T[]) =>
    fc.tuple(gen, fc.boolean(), fc.nat(), anyValue, fc.boolean()).map(([g, same, k, v, flag]) => ({ g, a: same ? g.slice().reverse() : change(g.slice(), k % g.length, v, flag) }));
  it("intervals and unions of intervals, with ±∞ and open or closed ends", () => {
    const pairs = nearby(fc.array(interval, { minLength: 1, maxLength: 3 }), (xs, k, v, flag) => {
      const x = { ...xs[k]! };
      if (flag && Number.isFinite(x.lo)) x.loClosed = !x.loClosed; else if (v < x.hi) x.lo = v; else x.hiClosed = Number.isFinite(x.hi) && !x.hiClosed;
      x.loClosed &&= Number.isFinite(x.lo);
      xs[k] = x;
      return xs;
    });
    fc.assert(fc.property(pairs, fc.nat(7), fc.nat(7), ({ g, a }, s, t) => {
      const v = count(verifyMath(`\\boxed{${a.map((x) => spellInterval(x, s)).join(" \\cup ")}}`, g.map((x) => spellInterval(x, t)).join(" \\cup ")).verdict);
      if (v === "correct") expect(sameSetOf(g, a, sameInterval), `${JSON.stringify(g)} vs ${JSON.stringify(a)}`).toBe(true);
    }), run);
  });
  it("tuples compare element by element, in order", () => {
    const pairs = fc.tuple(fc.array(finiteValue, { minLength: 2, maxLength: 4 }), fc.nat(3), fc.nat(), finiteValue).map(([g, how, k, v]) => {
      const a = g.slice();
      if (how === 1) a[k % a.length] = v; else if (how === 2) a.reverse(); else if (how === 3) a.push(v);
      return { g, a };
    });
    fc.assert(fc.property(pairs, fc.nat(7), fc.nat(7), ({ g, a }, s, t) => {
      const v = count(verifyMath(`The ordered pair is $\\boxed{(${a.map((x, k) => spell(x, s + k)).join(", ")})}$.`, `(${g.map((x, k) => spell(x, t + k)).join(", ")})`).verdict);
      // (a, b) is also read as the open interval (a, b): same endpoints either way
      if (v === "correct") expect(a).toEqual(g);
    }), run);
  });
  it("sets compare as sets", () => {
    fc.assert(fc.property(fc.array(finiteValue, { minLength: 1, maxLength: 4 }), fc.array(finiteValue, { minLength: 1, maxLength: 4 }), fc.nat(7), fc.nat(7), (g, a, s, t) => {
      const v = count(verifyMath(`\\boxed{\\{${a.map((x, k) => spell(x, s + k)).join(", ")}\\}}`, `\\{${g.map((x, k) => spell(x, t + k)).join(", ")}\\}`).verdict);
      if (v === "correct") expect(sameSetOf(g, a, (x, y) => x === y)).toBe(true);
    }), run);
  });
  it("inequalities against inequalities and intervals describe the same set of x", () => {
    fc.assert(fc.property(inequality, inequality, interval, fc.nat(7), (g, a, b, s) => {
      const v1 = count(verifyMath(`$${a.text}$`, g.text).verdict);
      if (v1 === "correct") expect(sameInterval(g.iv, a.iv), `${g.text} vs ${a.text}`).toBe(true);
      const v2 = count(verifyMath(`\\boxed{${spellInterval(b, s)}}`, g.text).verdict);
      if (v2 === "correct") expect(sameInterval(g.iv, b), `${g.text} vs ${spellInterval(b, s)}`).toBe(true);
      expect(verifyMath(`$${g.text}$`, g.text).verdict).toBe("correct");
    }), run);
  });
  // a·x + b = c in one of several spellings, or the assignment x = c; the gold a value that is
  // sometimes the solution (c − b)/a, sometimes c, sometimes neither
  const term = (n: number) => (n < 0 ? `- ${-n}` : `+ ${n}`);
  const linear = fc.tuple(fc.integer({ min: -4, max: 4 }).filter((a) => a !== 0), fc.integer({ min: -5, max: 5 }), fc.integer({ min: -5, max: 5 }), fc.nat(3), fc.boolean())
    .map(([a, b, c, style, assignment]) => {
      const lhs = [`${a}x ${term(b)}`, `${b} + ${a}x`, `${a} \\cdot x ${term(b)}`, `\\frac{${2 * a}x}{2} ${term(b)}`][style]!;
      return assignment ? { text: `x = ${c}`, label: true, solution: c, last: c } : { text: `${lhs} = ${c}`, label: false, solution: (c - b) / a, last: c };
    });
  const goldFor = (e: { solution: number; last: number }, pick: number, other: number) => [e.solution, e.last, other][pick % 3]!;
  const spellNumber = (v: number) => (Number.isInteger(v) ? String(v) : `${v < 0 ? "-" : ""}\\frac{${Math.round(Math.abs(v) * 840)}}{840}`);
  it("linear equations against a value: correct only for a label's value, never for a·x + b = c (equationAnswer: \"labelled\")", () => {
    fc.assert(fc.property(linear, fc.nat(), fc.integer({ min: -5, max: 5 }), (e, pick, other) => {
      const gold = goldFor(e, pick, other);
      const v = count(verifyMath(`\\boxed{${e.text}}`, spellNumber(gold)).verdict);
      if (v === "correct") { expect(e.label, `${e.text} vs ${gold}`).toBe(true); expect(gold).toBe(e.solution); }
      if (e.label && gold === e.solution) expect(v).toBe("correct");
      // Math-Verify's reading takes the last side, whatever the other side says
      expect(verifyMath(`\\boxed{${e.text}}`, spellNumber(gold), { equationAnswer: "last-side" }).verdict).toBe(gold === e.last ? "correct" : "incorrect");
    }), run);
  });
  it("linear equations against a gold assignment x = s: correct exactly when s solves them", () => {
    fc.assert(fc.property(linear, fc.nat(), fc.integer({ min: -5, max: 5 }), (e, pick, other) => {
      const gold = goldFor(e, pick, other);
      const v = count(verifyMath(`\\boxed{${e.text}}`, `x = ${spellNumber(gold)}`).verdict);
      expect(v, `${e.text} vs x = ${gold}`).toBe(Math.abs(gold - e.solution) < 1e-9 ? "correct" : "incorrect");
    }), run);
  });
  it("equation chains x = e₁ = e₂ against a value: correct only when every side equals the value", () => {
    const chain = fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }));
    fc.assert(fc.property(chain, ([p, q, r, g]) => {
      const v = count(verifyMath(`$x = ${p} ${term(q)} = ${r}$`, String(g)).verdict);
      if (v === "correct") expect([p + q, r]).toEqual([g, g]);
      if (p + q === r && r === g) expect(v).toBe("correct");
    }), run);
  });
  it("words compare as normalised text: no anagram or permutation of letters passes", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "e", "n", "o", "s", "t"), minLength: 2, maxLength: 5 });
    fc.assert(fc.property(word, word, fc.boolean(), (g, a, boxedText) => {
      const v = verifyMath(boxedText ? `\\boxed{\\text{${a}}}` : `\\boxed{${a}}`, `\\text{${g}}`).verdict;
      if (v === "correct") expect(a.toLowerCase()).toBe(g.toLowerCase());
    }), run);
  });
});
