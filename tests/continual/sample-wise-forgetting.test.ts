import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { sampleWiseForgetting, sampleWiseForgettingTable } from "../../lib/continual/index.js";

// A port of post-forget's transition counts and metric columns (fixtures/port_post_forget.py → post-forget.json).
const pf = JSON.parse(fs.readFileSync(new URL("./fixtures/post-forget.json", import.meta.url), "utf8"));

type Item = number | null;
/** post-forget skips an item unscored on either side; replab refuses it, so the test drops it first. */
const scoredBoth = (b: Item[], a: Item[]) => {
  const keep = b.map((v, i) => v !== null && a[i] !== null);
  return [b.filter((_, i) => keep[i]) as number[], a.filter((_, i) => keep[i]) as number[]] as const;
};

describe("sampleWiseForgetting against a port of post-forget (Harmon et al., ICLR 2026)", () => {
  for (const c of pf.cases) {
    it(c.name, () => {
      for (const p of c.pairs) {
        const [b, a] = scoredBoth(c.evaluations[p.from_eval], c.evaluations[p.to_eval]);
        const s = sampleWiseForgetting(b, a, c.choices === null ? {} : { choices: c.choices });
        expect([s.n, s.n00, s.n01, s.n10, s.n11]).toEqual([p.n, p["0->0"], p["0->1"], p["1->0"], p["1->1"]]);
        expect(s.accBefore).toBeCloseTo(p.acc_before, 14);
        expect(s.accAfter).toBeCloseTo(p.acc_after, 14);
        expect(s.forgetting).toBeCloseTo(p.abs_forgetting, 14);
        expect(s.backwardTransfer).toBeCloseTo(p.abs_improvement, 14);
        expect(s.relativeForgetting).toBeCloseTo(p.rel_forgetting, 14);
        if (c.choices === null) { expect(s.chanceAdjusted).toBeNull(); continue; }
        expect(s.chanceAdjusted!.forgetting).toBeCloseTo(p.adj_forgetting, 14);
        expect(s.chanceAdjusted!.backwardTransfer).toBeCloseTo(p.adj_improvement, 14);
        expect(s.chanceAdjusted!.maxForgetting).toBeCloseTo(p.max_forgetting, 14);
        expect(s.chanceAdjusted!.maxBackwardTransfer).toBeCloseTo(p.max_improvement, 14);
      }
    });
  }

  it("a table of consecutive evaluations, one row per pair", () => {
    const c = pf.cases.find((x: { evaluations: Item[][] }) => x.evaluations.length >= 3 && x.evaluations.every((e) => e.every((v) => v !== null)));
    const t = sampleWiseForgettingTable(c.evaluations, c.choices === null ? {} : { choices: c.choices }).objects() as Array<Record<string, number>>;
    expect(t.map((r) => [r.from, r.to])).toEqual(c.pairs.map((p: { from_eval: number; to_eval: number }) => [p.from_eval, p.to_eval]));
    t.forEach((r, i) => { expect(r.n10).toBe(c.pairs[i]["1->0"]); expect(r.backward_transfer).toBeCloseTo(c.pairs[i].abs_improvement, 14); });
    const withChoices = sampleWiseForgettingTable(c.evaluations, { choices: 4 }).objects() as Array<Record<string, number>>;
    withChoices.forEach((r, i) => expect(r.forgetting_true).toBe(sampleWiseForgetting(c.evaluations[i], c.evaluations[i + 1], { choices: 4 }).chanceAdjusted!.forgetting));
  });

  it("transitions cancel in accuracy but not here; the chance term removes what guessing explains", () => {
    const s = sampleWiseForgetting([1, 1, 0, 0], [0, 0, 1, 1], { choices: 4 });
    expect(s.accAfter - s.accBefore).toBe(0);
    expect([s.forgetting, s.backwardTransfer]).toEqual([0.5, 0.5]);
    expect(s.chanceAdjusted!.chance).toBeCloseTo((0.5 * 0.5) / 3, 15);
    expect(s.chanceAdjusted!.forgetting).toBeCloseTo(0.5 - 0.25 / 3, 15);
    expect(sampleWiseForgetting([true, false], [true, true]).n01).toBe(1);
  });

  it("bad input gets a ReplabError naming the argument and the item", () => {
    expect(() => sampleWiseForgetting([1, null as never], [1, 0])).toThrow(/sampleWiseForgetting: before\[1\]=null is not a correctness/);
    expect(() => sampleWiseForgetting([1, 0], [1, NaN])).toThrow(/after\[1\]=NaN is not a correctness/);
    expect(() => sampleWiseForgetting([1, 0], [0.5, 1])).toThrow(/after\[0\]=0.5 is not a correctness/);
    expect(() => sampleWiseForgetting([1, 0], [1])).toThrow(/after=array of length 1 has 1 items but before has 2/);
    expect(() => sampleWiseForgetting([], [])).toThrow(/before=array of length 0 is empty/);
    expect(() => sampleWiseForgetting([1], [1], { choices: 1 })).toThrow(/choices=1 is below 2/);
    expect(() => sampleWiseForgettingTable([[1, 0]])).toThrow(/fewer than two evaluations/);
  });
});
