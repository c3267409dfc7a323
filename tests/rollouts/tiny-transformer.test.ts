import { describe, expect, it } from "vitest";
import { TinyTransformerLM, arithmeticProblems, sampleRollouts, arithmeticReward } from "../../lib/rollouts/index.js";

describe("TinyTransformerLM", () => {
  it("its KV-cached forward pass equals the tfjs training graph's logits", async () => {
    const m = await TinyTransformerLM.create({ seed: 1, dModel: 16, layers: 2 });
    const ids = [0, ...m.encode("12+3=\\boxed{15}")];
    const a = m.logitsFor(ids), b = await m.tfjsLogitsFor(ids);
    a.forEach((row, t) => row.forEach((v, i) => expect(Math.abs(v - b[t]![i]!)).toBeLessThan(1e-4)));
  });
  it("trains, and samples the same completions with and without the KV cache", async () => {
    const m = await TinyTransformerLM.create({ seed: 2, dModel: 16, layers: 1 });
    const data = arithmeticProblems(200, { level: 1, seed: 1 }).map((p) => ({ prompt: p.prompt, completion: p.target }));
    const losses = await m.train(data, { steps: 25, batchSize: 16, lr: 0.01, seed: 1 });
    expect(losses.slice(-5).reduce((a, b) => a + b) / 5).toBeLessThan(losses[0]! / 2);
    const [g1] = await m.sample(["3+4="], { n: 6, seed: 3 });
    const [g2] = await m.sample(["3+4="], { n: 6, seed: 3, useCache: false });
    expect(g1!.map((c) => c.text)).toEqual(g2!.map((c) => c.text));
    g1!.forEach((c, i) => expect(c.logprob).toBeCloseTo(g2![i]!.logprob, 9));
    const t = await sampleRollouts(m, [{ prompt_id: "a", prompt: "3+4=" }], { n: 4, seed: 1, reward: (c) => arithmeticReward(c.text, "7") });
    expect(t.numRows()).toBe(4);
  });
  it("a policy-gradient step raises the log-probability of positively weighted completions", async () => {
    const m = await TinyTransformerLM.create({ seed: 4, dModel: 16, layers: 1 });
    const good = { prompt: "2+2=", completion: "\\boxed{4}" }, bad = { prompt: "2+2=", completion: "\\boxed{5}" };
    const lp = (e: typeof good) => { const ids = [0, ...m.encode(e.prompt + e.completion), 0]; const from = m.encode(e.prompt).length + 1; const logits = m.logitsFor(ids.slice(0, -1)); let s = 0; for (let t = from - 1; t < ids.length - 1; t++) { const row = logits[t]!; const mx = Math.max(...row); const z = row.reduce((a, v) => a + Math.exp(v - mx), 0); s += row[ids[t + 1]!]! - mx - Math.log(z); } return s; };
    const [g0, b0] = [lp(good), lp(bad)];
    for (let i = 0; i < 3; i++) await m.policyGradientStep([{ ...good, weight: 1 }, { ...bad, weight: -1 }], { lr: 0.01 });
    expect(lp(good)).toBeGreaterThan(g0);
    expect(lp(bad)).toBeLessThan(b0);
  });
  it("explains a context overflow", async () => {
    const m = await TinyTransformerLM.create({ seed: 3, dModel: 8, layers: 1, context: 6 });
    await expect(m.sample(["1+2="], { n: 1, maxTokens: 10, temperature: 0 })).rejects.toThrow(/beyond the context of 6/);
    await expect(m.train([{ prompt: "11+22=", completion: "\\boxed{33}" }], { steps: 1 })).rejects.toThrow(/needs 18 positions but the context is 6/);
  });
});
