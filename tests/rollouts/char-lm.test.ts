import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { klShapedRewards, CharLM, arithmeticProblems, arithmeticReward, gruLossAndGrad, gruLossAndGradTfjs, gruParams, sampleRollouts, fracRewardZeroStd, type GruWeights } from "../../lib/rollouts/index.js";

// Loss and gradients from torch autograd on the same GRU: fixtures/make_gru.py.
const here = path.dirname(fileURLToPath(import.meta.url));
const ref = JSON.parse(fs.readFileSync(path.join(here, "fixtures/gru.json"), "utf8"));

describe("GRU backpropagation", () => {
  it("matches torch autograd's loss and every gradient", () => {
    const w: GruWeights = { V: ref.V, H: ref.H, ...Object.fromEntries(Object.entries(ref.weights).map(([k, v]) => [k, Float32Array.from(v as number[])])) } as GruWeights;
    const { loss, grads } = gruLossAndGrad(w, ref.seqs);
    expect(loss).toBeCloseTo(ref.loss, 5);
    const names = ["Wx", "bx", "Wh", "bh", "Wo", "bo"];
    grads.forEach((g, k) => {
      const want = ref.grads[names[k]!] as number[];
      expect(g.length).toBe(want.length);
      want.forEach((v, i) => expect(Math.abs(g[i]! - v), `${names[k]}[${i}]`).toBeLessThan(1e-5));
    });
    expect(gruParams(w)).toHaveLength(6);
  });
  it("the tfjs engine's autodiff gives the same loss and gradients", async () => {
    const w: GruWeights = { V: ref.V, H: ref.H, ...Object.fromEntries(Object.entries(ref.weights).map(([k, v]) => [k, Float32Array.from(v as number[])])) } as GruWeights;
    const { loss, grads } = await gruLossAndGradTfjs(w, ref.seqs);
    expect(loss).toBeCloseTo(ref.loss, 4);
    const names = ["Wx", "bx", "Wh", "bh", "Wo", "bo"];
    grads.forEach((g, k) => (ref.grads[names[k]!] as number[]).forEach((v, i) => expect(Math.abs(g[i]! - v), `${names[k]}[${i}]`).toBeLessThan(1e-4)));
  });
});

describe("arithmetic problems", () => {
  it("are seeded, correct and boxed", () => {
    const a = arithmeticProblems(50, { level: 3, seed: 4 }), b = arithmeticProblems(50, { level: 3, seed: 4 });
    expect(a).toEqual(b);
    for (const p of [...a, ...arithmeticProblems(50, { level: 4, seed: 4 })]) {
      const [x, op, y] = p.prompt.match(/^(\d+)([+*])(\d+)=$/)!.slice(1);
      expect(Number(p.answer)).toBe(op === "+" ? Number(x) + Number(y) : Number(x) * Number(y));
      expect(arithmeticReward(p.target, p.answer)).toBe(1);
    }
    expect(arithmeticReward("\\boxed{12}", "13")).toBe(0);
    expect(() => arithmeticProblems(5, { level: 9 })).toThrow(/level=9 is not a difficulty level/);
  });
});

describe("CharLM", () => {
  it("learns to answer in \\boxed{} and samples reproducibly, with and without the state cache", async () => {
    const lm = await CharLM.create({ seed: 2, hidden: 32 });
    const data = arithmeticProblems(300, { level: 1, seed: 1 }).map((p) => ({ prompt: p.prompt, completion: p.target }));
    const losses = await lm.train(data, { steps: 60, batchSize: 16, lr: 0.03, seed: 1 });
    expect(losses.slice(-10).reduce((a, b) => a + b) / 10).toBeLessThan(losses.slice(0, 5).reduce((a, b) => a + b) / 5 / 2);
    const [g1] = await lm.sample(["3+4="], { n: 8, seed: 5 });
    const [g2] = await lm.sample(["3+4="], { n: 8, seed: 5, useCache: false });
    expect(g1!.map((c) => c.text)).toEqual(g2!.map((c) => c.text));
    g1!.forEach((c, i) => expect(c.logprob).toBeCloseTo(g2![i]!.logprob, 4));
    expect(g1!.filter((c) => /^\\boxed\{\d+\}$/.test(c.text)).length).toBeGreaterThanOrEqual(6);
    expect(() => lm.encode("3/4")).toThrow(/has "\/" at 1, outside the alphabet/);
  });
  it("sequenceLogprobs agrees with the logprobs of sampled completions, and feeds a KL-shaped reward", async () => {
    const lm = await CharLM.create({ seed: 6, hidden: 16 });
    const [g] = await lm.sample(["1+2="], { n: 6, seed: 2, maxTokens: 5 });
    // sampling reports token logprobs without the end token: compare on completions that hit maxTokens
    const lps = lm.sequenceLogprobs(g!.map((c) => ({ prompt: "1+2=", completion: c.text, stopped: c.finishReason === "stop" })));
    g!.forEach((c, i) => {
      if (c.finishReason === "length") expect(lps[i]).toBeCloseTo(c.logprob, 4);
      else expect(lps[i]).toBeLessThan(c.logprob + 1e-6); // plus log π(end) ≤ 0
    });
    const ref = lm.clone("ref");
    const shaped = klShapedRewards([1, 0], lps.slice(0, 2), ref.sequenceLogprobs(g!.slice(0, 2).map((c) => ({ prompt: "1+2=", completion: c.text, stopped: c.finishReason === "stop" }))), 0.5);
    expect(Array.from(shaped)).toEqual([1, 0]); // identical reference: k1 = 0
    expect(Array.from(klShapedRewards([1, 0], [-1, -2], [-1.5, -1], 0.5))).toEqual([1 - 0.5 * 0.5, 0 - 0.5 * -1]);
    expect(() => klShapedRewards([1], [-1], [-1], -1)).toThrow(/beta=-1 is negative/);
  });
  it("the clipped surrogate switches off samples whose ratio left the clip range", async () => {
    const lm = await CharLM.create({ seed: 8, hidden: 16 });
    const item = { prompt: "1+2=", completion: "\\boxed{3}", weight: 1 };
    const [lp] = lm.sequenceLogprobs([item]);
    const before = Float32Array.from(lm.weights.Wo);
    const far = await lm.policyGradientStep([{ ...item, oldLogprob: lp! - 1 }], { clip: 0.2 }); // ρ = e > 1.2 with A > 0
    expect(far.clipFraction).toBe(1);
    expect(Array.from(lm.weights.Wo)).toEqual(Array.from(before));
    const near = await lm.policyGradientStep([{ ...item, oldLogprob: lp! }], { clip: 0.2, lr: 0.01 }); // ρ = 1
    expect(near.clipFraction).toBe(0);
    expect(lm.sequenceLogprobs([item])[0]).toBeGreaterThan(lp!);
    await expect(lm.policyGradientStep([{ ...item }], { clip: 0.2 })).rejects.toThrow(/oldLogprob=undefined is not a finite number/);
  });
  it("training with the tfjs engine takes the same steps as the js engine", async () => {
    const data = arithmeticProblems(20, { level: 1, seed: 1 }).map((p) => ({ prompt: p.prompt, completion: p.target }));
    const a = await CharLM.create({ seed: 4, hidden: 8 }), b = await CharLM.create({ seed: 4, hidden: 8 });
    const la = await a.train(data, { steps: 2, batchSize: 4, seed: 1 });
    const lb = await b.train(data, { steps: 2, batchSize: 4, seed: 1, engine: "tfjs" });
    la.forEach((l, i) => expect(lb[i]).toBeCloseTo(l, 4));
    gruParams(a.weights).forEach((p, k) => p.forEach((v, i) => expect(Math.abs(gruParams(b.weights)[k]![i]! - v)).toBeLessThan(1e-4)));
    await expect(a.train(data, { steps: 1, engine: "torch" as never })).rejects.toThrow(/engine="torch"/);
  });
  it("policy-gradient steps raise the reward of rollouts on a fixed problem", async () => {
    const lm = await CharLM.create({ seed: 3, hidden: 32 });
    await lm.train(arithmeticProblems(300, { level: 1, seed: 2 }).map((p) => ({ prompt: p.prompt, completion: p.target })), { steps: 40, batchSize: 16, lr: 0.03, seed: 2 });
    const problem = { prompt_id: "x", prompt: "2+5=", answer: "7" };
    const reward = (c: { text: string }) => arithmeticReward(c.text, problem.answer);
    const before = await sampleRollouts(lm, [problem], { n: 64, seed: 100, reward });
    for (let step = 0; step < 15; step++) {
      const [g] = await lm.sample([problem.prompt], { n: 16, seed: step });
      const r = g!.map(reward);
      const m = r.reduce((a, b) => a + b, 0) / r.length;
      await lm.policyGradientStep(g!.map((c, i) => ({ prompt: problem.prompt, completion: c.text, weight: r[i]! - m + (r[i] ? 0.1 : 0), stopped: c.finishReason === "stop" })), { lr: 0.02 });
    }
    const after = await sampleRollouts(lm, [problem], { n: 64, seed: 100, reward });
    const mean = (t: typeof before) => (t.array("reward") as number[]).reduce((a, b) => a + b, 0) / t.numRows();
    expect(mean(after)).toBeGreaterThan(mean(before));
    expect(fracRewardZeroStd(after.array("reward") as number[], 16)).toBeGreaterThanOrEqual(0);
  });
});
