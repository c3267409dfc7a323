import { describe, expect, it } from "vitest";
import { TabularPolicy, randomTabularPrompts, tabularPolicyUpdate, trainTabularPolicy } from "../../lib/rollouts/index.js";
import { rng } from "../../lib/core/index.js";

describe("trainTabularPolicy", () => {
  const world = () => new TabularPolicy(randomTabularPrompts(24, { answers: 8, spread: 1.5, seed: 4 }));

  it("is the sample–score–update loop: the same steps written out give the same policy", () => {
    const a = world(), b = world();
    const update = { method: "grpo" as const, lr: 0.5 };
    const stats = trainTabularPolicy(a, { steps: 6, groupSize: 4, batches: 3, seed: 7, update });
    const seeds = rng(7).fork("train-tabular-policy");
    const ids = b.prompts.map((p) => p.id);
    for (let s = 0; s < 6; s++) {
      const batch = ids.filter((_, i) => (i + s) % 3 === 0);
      const samples = b.sampleSync(batch, { n: 4, seed: seeds.uint32() });
      tabularPolicyUpdate(b, batch.map((id, j) => ({ prompt: id, answers: samples[j]!.map((c) => c.text), rewards: samples[j]!.map((c) => b.reward(id, c.text)) })), update);
    }
    expect(stats).toHaveLength(6);
    a.logits.forEach((z, i) => expect(Array.from(z)).toEqual(Array.from(b.logits[i]!)));
  });

  it("raises pass@1, takes a reward function, reports each step, and is seeded", () => {
    const base = world();
    const pol = base.clone();
    const steps: number[] = [];
    trainTabularPolicy(pol, { steps: 40, seed: 1, update: { method: "grpo", lr: 0.1, optimizer: "adam" }, onStep: (s) => steps.push(s) });
    expect(pol.passAtK(1)).toBeGreaterThan(base.passAtK(1) + 0.1);
    expect(steps).toEqual(Array.from({ length: 40 }, (_, s) => s));
    const again = base.clone();
    trainTabularPolicy(again, { steps: 40, seed: 1, update: { method: "grpo", lr: 0.1, optimizer: "adam" } });
    expect(again.passAtK(1)).toBe(pol.passAtK(1));
    const inverted = base.clone();
    trainTabularPolicy(inverted, { steps: 40, seed: 1, reward: (id, a) => 1 - base.reward(id, a), update: { method: "grpo", lr: 0.1, optimizer: "adam" } });
    expect(inverted.passAtK(1)).toBeLessThan(base.passAtK(1));
  });

  it("gives clear errors", () => {
    expect(() => trainTabularPolicy(world(), { steps: 1.5, update: { method: "grpo" } })).toThrow(/steps=1\.5/);
    expect(() => trainTabularPolicy(world(), { steps: 1, batches: 100, update: { method: "grpo" } })).toThrow(/batches=100 exceeds the policy's 24 prompts/);
    expect(() => trainTabularPolicy(world(), { steps: 1 } as never)).toThrow(/update=undefined is not an object/);
    expect(() => trainTabularPolicy(world(), { steps: 1, reward: () => NaN, update: { method: "grpo" } })).toThrow(/trainTabularPolicy: reward\("p\d+", "p\d+-a\d"\) is NaN at step 0; the reward function must return a finite number/);
  });
});
