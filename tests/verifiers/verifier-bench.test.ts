import { describe, expect, it } from "vitest";
import { loadVerifierBench, verifyMath, verifyExactMatch, verifierConfusion } from "../../lib/verifiers/index.js";

describe("datasets/verifier-bench", () => {
  const rows = loadVerifierBench({ rows: true });
  it("has a few hundred rows, every label justified, unique ids, the listed kinds", () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    for (const r of rows) {
      expect(typeof r.label).toBe("boolean");
      expect(r.why.length).toBeGreaterThan(5);
    }
    const kinds = new Set(rows.map((r) => r.kind));
    for (const k of ["exact", "equivalent-format", "wrong", "truncated", "master-key"]) expect(kinds.has(k), k).toBe(true);
    // by construction: master keys, truncations and wrong answers are never right
    for (const r of rows) if (["master-key", "truncated", "wrong", "gold-mentioned-then-wrong"].includes(r.kind)) expect(r.label, r.id).toBe(false);
  });
  it("loads as an arquero table", () => {
    expect(loadVerifierBench().numRows()).toBe(rows.length);
  });
  it("the strict checker misses equivalent formats; verifyMath does not (stated policies)", () => {
    const table = rows.map((r) => ({ label: r.label, kind: r.kind, strict: verifyExactMatch(r.response, r.gold).verdict, rule: verifyMath(r.response, r.gold).verdict }));
    const strict = verifierConfusion(table, { verdict: "strict", slice: "kind" }).objects() as Array<Record<string, number | string>>;
    const rule = verifierConfusion(table, { verdict: "rule", slice: "kind" }).objects() as Array<Record<string, number | string>>;
    const eq = (t: typeof strict) => t.find((r) => r.slice === "equivalent-format")!;
    expect(eq(strict).fnr as number).toBeGreaterThan(0.5);
    expect(eq(rule).fnr).toBe(0);
    expect(rule.find((r) => r.slice === "all")!.accuracy).toBe(1);
    expect(() => verifyExactMatch("1", "")).toThrow(/verifyExactMatch: gold=""/);
  });
});
