// The TOFU-style toy set and its small language model (real training on the wasm backend).
import { beforeAll, describe, expect, it } from "vitest";
import { initBackend, ReplabError } from "../../lib/core/index.js";
import type { Mlp } from "../../lib/continual/index.js";
import { generateTofuToy, loadTofuToy, TofuEncoder, trainTofuLm, tofuTruthRatios, tofuEvaluate, unlearnTofu, answerAvgLosses, type TofuFact } from "../../lib/unlearning/index.js";

let facts: TofuFact[], enc: TofuEncoder, target: Mlp, retainOnly: Mlp;
beforeAll(async () => {
  await initBackend();
  facts = loadTofuToy();
  enc = new TofuEncoder(facts);
  target = await trainTofuLm(enc, facts.filter((f) => f.split !== "holdout"), { seed: 1, epochs: 30 });
  retainOnly = await trainTofuLm(enc, facts.filter((f) => f.split === "retain"), { seed: 1, epochs: 30 });
});

describe("generateTofuToy", () => {
  it("the shipped facts.json is the seeded generator's output", () => {
    expect(generateTofuToy({ authors: 40, forgetFraction: 0.1, perturbed: 3, seed: 0 })).toEqual(facts);
  });
  it("splits authors (not facts) into forget / holdout / retain, and perturbed answers are wrong paraphrases", () => {
    const bySplit = (s: string) => new Set(facts.filter((f) => f.split === s).map((f) => f.author));
    expect(bySplit("forget").size).toBe(4);
    expect(bySplit("holdout").size).toBe(4);
    expect(bySplit("retain").size).toBe(32);
    for (const a of bySplit("forget")) expect(bySplit("retain").has(a)).toBe(false);
    for (const f of facts) {
      expect(f.perturbed).toHaveLength(3);
      expect(new Set(f.perturbed).size).toBe(3);
      expect(f.perturbed).not.toContain(f.paraphrased);
    }
    expect(generateTofuToy({ seed: 1 })).not.toEqual(facts);
    expect(() => generateTofuToy({ seed: 0, authors: 2 })).toThrow(/generateTofuToy: authors=2 is below 3/);
  });
});

describe("the toy LM learns the facts and TOFU's metrics see it", () => {
  it("the trained model prefers true paraphrases over perturbed ones on facts it saw; the retain-only model does not", () => {
    const forget = facts.filter((f) => f.split === "forget");
    const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(tofuTruthRatios(target, enc, forget))).toBeLessThan(0.85);
    expect(mean(tofuTruthRatios(retainOnly, enc, forget))).toBeGreaterThan(0.9);
    // Trained answers are likelier than unseen ones.
    const l = answerAvgLosses(target, enc, forget);
    const lr = answerAvgLosses(retainOnly, enc, forget);
    expect(l.reduce((s, v) => s + v, 0)).toBeLessThan(lr.reduce((s, v) => s + v, 0));
  });
  it("forget quality: low for the model that saw the forget set, 1 for the retain-only model itself", () => {
    const ref = tofuTruthRatios(retainOnly, enc, facts.filter((f) => f.split === "forget"));
    expect(tofuEvaluate(target, enc, facts, ref).forgetQuality).toBeLessThan(0.01);
    const self = tofuEvaluate(retainOnly, enc, facts, ref);
    expect(self.forgetQuality).toBe(1);
    expect(self.modelUtility).toBeGreaterThan(0);
    expect(self.modelUtility).toBeLessThanOrEqual(1);
  });
  it("gradient ascent lowers the forget answers' probability step by step", () => {
    const m = target.clone();
    const forget = facts.filter((f) => f.split === "forget");
    const before = answerAvgLosses(m, enc, forget).reduce((s, v) => s + v, 0);
    const seen: number[] = [];
    unlearnTofu(m, enc, facts, { method: "GA", steps: 3, lr: 0.5, seed: 0, onStep: (s) => seen.push(s) });
    expect(seen).toEqual([1, 2, 3]);
    expect(answerAvgLosses(m, enc, forget).reduce((s, v) => s + v, 0)).toBeGreaterThan(before);
    expect(() => unlearnTofu(m, enc, facts, { method: "NPO", steps: 1, lr: 0.1, seed: 0 })).toThrow(/unlearnTofu: reference=undefined is missing/);
    expect(() => unlearnTofu(m, enc, facts, { method: "DPO" as never, steps: 1, lr: 0.1, seed: 0 })).toThrow(ReplabError);
    m.dispose();
  });
});
