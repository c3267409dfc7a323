import fc from "fast-check";
import { describe, expect, it } from "vitest";
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
