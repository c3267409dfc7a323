import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { entropyBonusRewards, TabularPolicy, tabularPolicyUpdate, randomTabularPrompts, passAtKFromProbability, type PolicyUpdateMethod } from "../../lib/rollouts/index.js";

// Updated logits computed by torch autograd on the same objective: fixtures/make_tabular_update.py.
const here = path.dirname(fileURLToPath(import.meta.url));
const ref = JSON.parse(fs.readFileSync(path.join(here, "fixtures/tabular_update.json"), "utf8"));

function policyFrom(logits: number[][], correct: number[], name = "p"): TabularPolicy {
  return new TabularPolicy(logits.map((l, j) => ({ id: `q${j}`, answers: l.map((_, a) => `a${a}`), rewards: l.map((_, a) => (correct.includes(a) ? 1 : 0)), logits: l })), { name });
}

describe("TabularPolicy", () => {
  it("samples with the frequencies of its softmax, seeded and reproducible", async () => {
    const pol = policyFrom([[0, 1, 2, -1]], [2]);
    const probs = pol.probs(0);
    const [draws] = await pol.sample(["q0"], { n: 40000, seed: 11 });
    const freq = [0, 0, 0, 0];
    for (const c of draws!) freq[Number(c.text.slice(1))]!++;
    freq.forEach((f, a) => expect(Math.abs(f / 40000 - probs[a]!)).toBeLessThan(0.01));
    expect(draws![0]!.tokenLogprobs[0]).toBeCloseTo(Math.log(probs[Number(draws![0]!.text.slice(1))]!), 12);
    const [again] = await pol.sample(["q0"], { n: 50, seed: 11 });
    expect(again!.map((c) => c.text)).toEqual(draws!.slice(0, 50).map((c) => c.text));
  });
  it("computes exact pass@k as 1 − (1 − p)^k", () => {
    const pol = policyFrom([[0, 0, 0, 0], [Math.log(3), 0, 0, 0]], [0]);
    expect(pol.correctProbability(0)).toBeCloseTo(0.25, 12);
    expect(pol.correctProbability(1)).toBeCloseTo(0.5, 12);
    expect(pol.passAtK(2)).toBeCloseTo((1 - 0.75 ** 2 + 1 - 0.25) / 2, 12);
    expect(passAtKFromProbability(1e-12, 1000)).toBeCloseTo(1e-9, 18);
  });
  it("gives clear errors", () => {
    expect(() => policyFrom([[0, 0]], [0]).promptIndex("nope")).toThrow(/prompt="nope" is not one of/);
    expect(() => new TabularPolicy([{ id: "a", answers: ["x"], rewards: [1, 0] }])).toThrow(/rewards=array of length 2 has length 2 but there are 1 answers/);
    const pol = policyFrom([[0, 0]], [0]);
    expect(() => tabularPolicyUpdate(pol, [{ prompt: "q0", answers: ["a0"], rewards: [1] }], { method: "ppo" as never })).toThrow(/method="ppo"/);
    expect(() => tabularPolicyUpdate(pol, [{ prompt: "q0", answers: ["a0"], rewards: [1] }], { method: "psr", klCoef: 0.1 })).toThrow(/reference=undefined is missing/);
    expect(() => tabularPolicyUpdate(pol, [{ prompt: "q0", answers: ["zz"], rewards: [1] }], { method: "psr" })).toThrow(/answers\[0\]="zz" is not an answer/);
  });
});

describe("tabularPolicyUpdate", () => {
  it("matches torch autograd on every method, KL direction, entropy bonus and PPO clipping", () => {
    for (const c of ref.cases) {
      const pol = policyFrom(c.logits, c.correct);
      const refPol = policyFrom(c.ref_logits, c.correct, "ref");
      const batch = c.batch.map((g: { ys: number[]; rewards: number[] }, j: number) => ({ prompt: `q${j}`, answers: g.ys.map((y) => `a${y}`), rewards: g.rewards }));
      tabularPolicyUpdate(pol, batch, {
        method: c.method as PolicyUpdateMethod, lr: c.lr, epochs: c.epochs, clip: c.clip, klCoef: c.klCoef,
        klDirection: c.klDirection, entropyCoef: c.entropyCoef, reference: c.klCoef ? refPol : undefined,
      });
      (c.updated as number[][]).forEach((row, j) => row.forEach((v, a) => expect(pol.logits[j]![a], `${c.method} epochs=${c.epochs}`).toBeCloseTo(v, 10)));
    }
  });
  it("reinforce with baseline: \"none\" matches torch autograd on two-valued real rewards, and refuses an unknown baseline", () => {
    for (const c of ref.no_baseline) {
      const pol = policyFrom(c.logits, c.correct);
      const refPol = policyFrom(c.ref_logits, c.correct, "ref");
      const batch = c.batch.map((g: { ys: number[]; rewards: number[] }, j: number) => ({ prompt: `q${j}`, answers: g.ys.map((y) => `a${y}`), rewards: g.rewards }));
      tabularPolicyUpdate(pol, batch, { method: "reinforce", baseline: "none", lr: c.lr, epochs: c.epochs, klCoef: c.klCoef, reference: c.klCoef ? refPol : undefined });
      (c.updated as number[][]).forEach((row, j) => row.forEach((v, a) => expect(pol.logits[j]![a], `no baseline, klCoef=${c.klCoef}`).toBeCloseTo(v, 10)));
    }
    const pol = policyFrom(ref.no_baseline[0].logits, ref.no_baseline[0].correct);
    expect(() => tabularPolicyUpdate(pol, [{ prompt: "q0", answers: ["a0"], rewards: [1] }], { method: "reinforce", baseline: "mean" as "none" })).toThrow(/baseline="mean" is not a baseline/);
  });
  it("matches torch autograd with answers tied across prompts and a learned shared inverse temperature", () => {
    for (const c of ref.tied) {
      const prompts = (c.logits as number[][]).map((l, j) => ({ id: `q${j}`, answers: (c.answer_ids[j] as number[]).map((v) => `v${v}`), rewards: l.map((_, a) => ((c.correct as number[]).includes(a) ? 1 : 0)), logits: l }));
      const pol = new TabularPolicy(prompts, { tieAnswers: true });
      const refPol = new TabularPolicy(prompts.map((p, j) => ({ ...p, logits: c.ref_logits[j] })));
      const batch = c.batch.map((g: { ys: number[]; rewards: number[] }, j: number) => ({ prompt: `q${j}`, answers: g.ys.map((y) => prompts[j]!.answers[y]!), rewards: g.rewards }));
      tabularPolicyUpdate(pol, batch, { method: c.method as PolicyUpdateMethod, lr: c.lr, scaleLr: c.scaleLr, epochs: c.epochs, klCoef: c.klCoef, klDirection: c.klDirection, reference: c.klCoef ? refPol : undefined, learn: "all" });
      (c.updated.logits as number[][]).forEach((row, j) => row.forEach((v, a) => expect(pol.logits[j]![a], `${c.method} logits`).toBeCloseTo(v, 9)));
      (c.updated.shared as number[]).forEach((v, i) => expect(pol.shared!.get(`v${i}`) ?? 0, `${c.method} shared v${i}`).toBeCloseTo(v, 9));
      expect(pol.logScale).toBeCloseTo(c.updated.logScale, 9);
    }
  });
  it("with optimizer: \"adam\" matches torch.optim.Adam(maximize=True) over several batches", () => {
    for (const c of ref.adam) {
      const prompts = (c.logits as number[][]).map((l, j) => ({ id: `q${j}`, answers: (c.answer_ids[j] as number[]).map((v) => `v${v}`), rewards: l.map((_, a) => ((c.correct as number[]).includes(a) ? 1 : 0)), logits: l }));
      const pol = new TabularPolicy(prompts, { tieAnswers: true });
      for (const batch of c.batches as Array<Array<{ prompt: number; ys: number[]; rewards: number[] }>>) {
        tabularPolicyUpdate(pol, batch.map((g) => ({ prompt: `q${g.prompt}`, answers: g.ys.map((y) => prompts[g.prompt]!.answers[y]!), rewards: g.rewards })), { method: c.method as PolicyUpdateMethod, lr: c.lr, scaleLr: c.scaleLr, learn: c.learn, optimizer: "adam" });
      }
      (c.updated.logits as number[][]).forEach((row, j) => row.forEach((v, a) => expect(pol.logits[j]![a], `${c.method} logits`).toBeCloseTo(v, 7)));
      (c.updated.shared as number[]).forEach((v, i) => expect(pol.shared!.get(`v${i}`) ?? 0, `${c.method} shared v${i}`).toBeCloseTo(v, 7));
      expect(pol.logScale).toBeCloseTo(c.updated.logScale, 7);
    }
    expect(() => tabularPolicyUpdate(new TabularPolicy([{ id: "a", answers: ["x"], rewards: [1] }]), [{ prompt: "a", answers: ["x"], rewards: [1] }], { method: "psr", optimizer: "rmsprop" as never })).toThrow(/optimizer="rmsprop"/);
  });
  it("entropyBonusRewards: the exact expected score-function gradient equals ∇E[r] + α∇H", () => {
    const pol = policyFrom([[0.3, -1, 2, 0.5]], [2]);
    const p = pol.probs(0), r = [0, 0, 1, 0], alpha = 0.7;
    const shaped = entropyBonusRewards(r, Array.from(p, Math.log), alpha);
    const H = -p.reduce((s, v) => s + v * Math.log(v), 0);
    for (let a = 0; a < 4; a++) {
      // Σ_y π(y) r̃(y) (e_y − π)_a  vs  ∂E[r]/∂z_a + α ∂H/∂z_a = π_a (r_a − E[r]) − α π_a (log π_a + H)
      let g = 0;
      for (let y = 0; y < 4; y++) g += p[y]! * shaped[y]! * ((a === y ? 1 : 0) - p[a]!);
      const er = p[2]!;
      expect(g).toBeCloseTo(p[a]! * (r[a]! - er) - alpha * p[a]! * (Math.log(p[a]!) + H), 12);
    }
    expect(() => entropyBonusRewards([1], [NaN], 0.1)).toThrow(/logp\[0\]=NaN/);
  });
  it("PSR sharpens (entropy falls) and both PSR and NSR raise pass@1 on sampled batches", async () => {
    const base = new TabularPolicy(randomTabularPrompts(30, { answers: 12, correct: 2, spread: 1.5, seed: 5 }));
    const psr = base.clone("psr"), nsr = base.clone("nsr");
    for (let step = 0; step < 30; step++) {
      for (const [pol, method] of [[psr, "psr"], [nsr, "nsr"]] as const) {
        const ids = pol.prompts.map((p) => p.id);
        const samples = await pol.sample(ids, { n: 8, seed: 1000 + step });
        tabularPolicyUpdate(pol, ids.map((id, j) => ({ prompt: id, answers: samples[j]!.map((s) => s.text), rewards: samples[j]!.map((s) => pol.reward(id, s.text)) })), { method, lr: 2 });
      }
    }
    expect(psr.meanEntropy()).toBeLessThan(base.meanEntropy());
    expect(psr.passAtK(1)).toBeGreaterThan(base.passAtK(1));
    expect(nsr.passAtK(1)).toBeGreaterThan(base.passAtK(1));
  });
});
