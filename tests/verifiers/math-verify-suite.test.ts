import { describe, expect, it } from "vitest";
import { verifyMath, type VerifyMathOptions } from "../../lib/verifiers/index.js";
import { mathVerifyCases, mathVerifyFixture } from "../../bench/fixtures/math-verify-cases.js";

// huggingface/Math-Verify's own tests/ cases, ported as data with provenance by
// fixtures/math-verify/port_cases.py; bench/fixtures/math-verify-cases.ts turns each into the
// verifyMath call its test stands for (the mapping is documented there and in the README).
const fixture = mathVerifyFixture();
const cases = new Map(mathVerifyCases().map((c) => [c.id, c]));
const ported = fixture.cases.filter((c) => !c.not_ported);

/** Every case where verifyMath and Math-Verify's suite differ, and why (the README lists the same). */
export const KNOWN_DISAGREEMENTS: Record<string, { kind: "convention" | "suite-error"; reason: string; agreesWith?: VerifyMathOptions }> = {
  "test_all::test_number_extraction[5]": { kind: "convention", reason: "decimal comma: 1000,99 is read as 1000.99 only with decimalComma", agreesWith: { decimalComma: true } },
  "test_all::test_number_extraction[6]": { kind: "convention", reason: "decimal comma: a gold 1,22 is read as 1.22 only with decimalComma", agreesWith: { decimalComma: true } },
  "test_all::test_number_extraction[7]": { kind: "convention", reason: "decimal comma: 2,74 is read as 2.74 only with decimalComma", agreesWith: { decimalComma: true } },
  "test_all::test_number_extraction[17]": { kind: "convention", reason: "decimal comma: a gold 0,111 is read as 0.111 only with decimalComma", agreesWith: { decimalComma: true } },
  "test_all::test_latex_notation[9]": { kind: "convention", reason: "an equation answer: \\frac{1}{2} = \\frac{10}{9} says nothing is 10/9 (1/2 is no label and ≠ 10/9); Math-Verify takes the last side", agreesWith: { equationAnswer: "last-side" } },
  "test_yujianll::test_string_extraction[9]": { kind: "suite-error", reason: "the suite expects 1 − 1/e to equal 1 + 1/e (0.632 ≠ 1.368; Math-Verify issue #67)" },
};

function call(id: string, extra: VerifyMathOptions = {}): { agrees: boolean; verdict: string; reason: string } {
  const c = cases.get(id)!;
  const r = verifyMath(c.response, c.gold, { ...c.options, ...extra });
  const agrees = c.want === "not correct" ? r.verdict !== "correct" : r.verdict === c.want;
  return { agrees, verdict: r.verdict, reason: r.reason };
}

const short = (s: string | null) => JSON.stringify((s ?? "").length > 60 ? `${s!.slice(0, 28)}…${s!.slice(-28)}` : s);

describe(`Math-Verify's own tests (${fixture.repo}@${fixture.commit.slice(0, 7)})`, () => {
  for (const c of ported) {
    const known = KNOWN_DISAGREEMENTS[c.id];
    it(`${c.id}: ${short(c.prediction)} vs gold ${short(c.gold)} → ${c.expected}${known ? ` (known: ${known.kind})` : ""}`, () => {
      const r = call(c.id);
      if (!known) { expect(r.agrees, `${r.verdict}: ${r.reason}`).toBe(true); return; }
      expect(r.agrees, "a listed disagreement now agrees: remove it from KNOWN_DISAGREEMENTS and the README").toBe(false);
      if (known.agreesWith) expect(call(c.id, known.agreesWith).agrees, `with ${JSON.stringify(known.agreesWith)}`).toBe(true);
    });
  }
  it("agrees on at least 97% of the suite, and every disagreement is listed", () => {
    const disagreeing = ported.filter((c) => !call(c.id).agrees).map((c) => c.id);
    expect(disagreeing.sort()).toEqual(Object.keys(KNOWN_DISAGREEMENTS).sort());
    expect((ported.length - disagreeing.length) / ported.length).toBeGreaterThanOrEqual(0.97);
  });
  it("every case has its provenance, and every test left out says why", () => {
    for (const c of fixture.cases) {
      expect(c.repo).toBe("huggingface/Math-Verify");
      expect(c.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(c.file).toMatch(/^tests\/test_\w+\.py$/);
      expect(c.test).toMatch(/^test_/);
      if (c.not_ported) expect(c.not_ported.length).toBeGreaterThan(20);
      else expect(typeof c.prediction === "string" && (typeof c.gold === "string" || c.expected_parse?.length === 0), c.id).toBe(true);
    }
    expect(ported.length).toBeGreaterThan(250);
  });
});
