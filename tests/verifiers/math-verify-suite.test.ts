import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { verifyMath, type VerifyMathOptions } from "../../lib/verifiers/index.js";

// huggingface/Math-Verify's own tests/ cases, ported as data with provenance by
// fixtures/math-verify/port_cases.py. Each case runs through verifyMath as the Math-Verify test
// called it: compare_strings(gold, pred, …) and verify(parse(gold), parse(pred)) become
// verifyMath(pred, gold, options) with the test's configuration mapped onto options —
// precision ≠ 6 → floatRounding, strict=False → strictVariables: false,
// allow_set_relation_comp → allowSetRelationComparison, match_types without "expr" →
// lastNumber: false. Math-Verify's 1 means "correct"; its 0 means "not correct" (its False
// covers both a wrong answer and none found). A StringExtractionConfig parse that expects a
// letter becomes verifyMath(pred, letter, { choices }) = "correct"; one that expects nothing,
// verifyMath(pred, first label, { choices }) = "invalid".
const here = path.dirname(fileURLToPath(import.meta.url));
interface Case {
  id: string; repo: string; commit: string; file: string; test: string; index: number;
  gold: string | null; prediction: string | null; expected: string | null; expected_parse?: string[];
  config?: { match_types?: string[]; precision?: number; strict?: boolean; allow_set_relation_comp?: boolean; strings?: string[] };
  not_ported?: string;
}
const fixture = JSON.parse(fs.readFileSync(path.join(here, "fixtures/math-verify/cases.json"), "utf8")) as { repo: string; commit: string; cases: Case[] };
const ported = fixture.cases.filter((c) => !c.not_ported);

/** Every case where verifyMath and Math-Verify's suite differ, and why (the README lists the same). */
export const KNOWN_DISAGREEMENTS: Record<string, { kind: "convention" | "suite-error"; reason: string; agreesWith?: VerifyMathOptions }> = {
  "test_all::test_number_extraction[5]": { kind: "convention", reason: "decimal comma: 1000,99 is read as 1000.99 only with decimalComma", agreesWith: { decimalComma: true } },
  "test_all::test_number_extraction[6]": { kind: "convention", reason: "decimal comma: a gold 1,22 is read as 1.22 only with decimalComma", agreesWith: { decimalComma: true } },
  "test_all::test_number_extraction[7]": { kind: "convention", reason: "decimal comma: 2,74 is read as 2.74 only with decimalComma", agreesWith: { decimalComma: true } },
  "test_all::test_number_extraction[17]": { kind: "convention", reason: "decimal comma: a gold 0,111 is read as 0.111 only with decimalComma", agreesWith: { decimalComma: true } },
  "test_yujianll::test_string_extraction[9]": { kind: "suite-error", reason: "the suite expects 1 − 1/e to equal 1 + 1/e (0.632 ≠ 1.368; Math-Verify issue #67)" },
};

function call(c: Case, extra: VerifyMathOptions = {}): { agrees: boolean; verdict: string; reason: string } {
  const cfg = c.config ?? {};
  const options: VerifyMathOptions = { ...extra };
  if (cfg.precision !== undefined && cfg.precision !== 6) options.floatRounding = cfg.precision;
  if (cfg.strict === false) options.strictVariables = false;
  if (cfg.allow_set_relation_comp) options.allowSetRelationComparison = true;
  if (cfg.match_types && cfg.match_types[0] !== "string" && !cfg.match_types.includes("expr")) options.lastNumber = false;
  let gold = c.gold, want: "correct" | "not correct" | "invalid" = c.expected === "correct" ? "correct" : "not correct";
  if (cfg.match_types?.[0] === "string") {
    options.choices = cfg.strings;
    if (c.expected_parse!.length === 0) { gold = cfg.strings![0]!; want = "invalid"; } else want = "correct";
  }
  const r = verifyMath(c.prediction!, gold!, options);
  const agrees = want === "not correct" ? r.verdict !== "correct" : r.verdict === want;
  return { agrees, verdict: r.verdict, reason: r.reason };
}

const short = (s: string | null) => JSON.stringify((s ?? "").length > 60 ? `${s!.slice(0, 28)}…${s!.slice(-28)}` : s);

describe(`Math-Verify's own tests (${fixture.repo}@${fixture.commit.slice(0, 7)})`, () => {
  for (const c of ported) {
    const known = KNOWN_DISAGREEMENTS[c.id];
    it(`${c.id}: ${short(c.prediction)} vs gold ${short(c.gold)} → ${c.expected}${known ? ` (known: ${known.kind})` : ""}`, () => {
      const r = call(c);
      if (!known) { expect(r.agrees, `${r.verdict}: ${r.reason}`).toBe(true); return; }
      expect(r.agrees, "a listed disagreement now agrees: remove it from KNOWN_DISAGREEMENTS and the README").toBe(false);
      if (known.agreesWith) expect(call(c, known.agreesWith).agrees, `with ${JSON.stringify(known.agreesWith)}`).toBe(true);
    });
  }
  it("agrees on at least 97% of the suite, and every disagreement is listed", () => {
    const disagreeing = ported.filter((c) => !call(c).agrees).map((c) => c.id);
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
