import { describe, expect, it } from "vitest";
import { TabularPolicy, groupAdvantages, randomTabularPrompts, tabularPolicyUpdate, truthReward, truthfulnessFromShares, truthfulnessRates, type TruthOutcome } from "../../lib/rollouts/index.js";

const IDK = "I don't know";

function outcomes(correct: number, abstain: number, hallucination: number): TruthOutcome[] {
  return [...Array(correct).fill("correct"), ...Array(abstain).fill("abstain"), ...Array(hallucination).fill("hallucination")];
}

describe("TruthRL rewards and rates", () => {
  it("scores outcomes as TruthRL's ternary reward and the two binary baselines", () => {
    expect((["correct", "abstain", "hallucination"] as const).map((o) => truthReward(o))).toEqual([1, 0, -1]);
    expect((["correct", "abstain", "hallucination"] as const).map((o) => truthReward(o, "binary"))).toEqual([1, 0, 0]);
    expect((["correct", "abstain", "hallucination"] as const).map((o) => truthReward(o, "binary-signed"))).toEqual([1, -1, -1]);
    expect(() => truthReward("correct", "quaternary" as never)).toThrow(/scheme="quaternary" is not a reward scheme/);
    expect(() => truthReward("maybe" as never)).toThrow(/outcome="maybe" is not an outcome/);
  });

  it("under GRPO's std-scaled advantages the two binary schemes give the same advantages (up to TRL's 1e-4 in the denominator)", () => {
    const group = outcomes(2, 3, 3);
    const a = groupAdvantages(group.map((o) => truthReward(o, "binary")), group.length);
    const b = groupAdvantages(group.map((o) => truthReward(o, "binary-signed")), group.length);
    for (let i = 0; i < group.length; i++) expect(b[i]!).toBeCloseTo(a[i]!, 3);
    // the ternary reward separates the abstentions from the hallucinations; the binary ones cannot
    const t = groupAdvantages(group.map((o) => truthReward(o)), group.length);
    expect(t[2]!).toBeGreaterThan(t[5]!);
    expect(a[2]!).toBe(a[5]!);
  });

  it("T = Acc − Hall reproduces TruthRL's Table 1 (Llama3.1-8B-Instruct, CRAG with retrieval): prompting and TruthRL", () => {
    // arXiv 2509.25760 v2 abstract: hallucination 43.5% → 19.4%, truthfulness 5.3% → 37.2%; Table 1's
    // accuracies 48.8 and 56.6 as quoted in bzhng-development/summary-of-some-paper-in-cuda
    // (commit dae082bfb03bc1cbd3a31cc4ec008128973bb149, docs/alignment/TruthRL-IncentivizingTruthfulLLMsviaReinforcementLearning.md).
    for (const { acc, hall, t } of [{ acc: 488, hall: 435, t: 0.053 }, { acc: 566, hall: 194, t: 0.372 }]) {
      const r = truthfulnessRates(outcomes(acc, 1000 - acc - hall, hall));
      expect(r.accuracy).toBeCloseTo(acc / 1000, 12);
      expect(r.hallucination).toBeCloseTo(hall / 1000, 12);
      expect(r.uncertainty).toBeCloseTo((1000 - acc - hall) / 1000, 12);
      expect(r.truthfulness).toBeCloseTo(t, 12);
    }
    expect(truthfulnessRates(outcomes(5, 3, 2), { uncertainty: 0.5 }).truthfulness).toBeCloseTo(0.5 + 0.15 - 0.2, 12);
  });

  it("gives clear errors", () => {
    expect(() => truthfulnessRates([])).toThrow(/outcomes=.* is not a non-empty list/);
    expect(() => truthfulnessRates(["correct", "wrong" as never])).toThrow(/outcomes\[1\]="wrong" is not an outcome/);
    expect(() => truthfulnessFromShares(0.5, 0.2, 0.2)).toThrow(/does not sum to 1/);
    expect(() => truthfulnessFromShares(NaN, 0.5, 0.5)).toThrow(/correct=NaN/);
    expect(() => truthfulnessRates(["correct"], { hallucination: Infinity })).toThrow(/weights\.hallucination=Infinity/);
  });
});

describe("TabularPolicy with an abstaining answer", () => {
  const prompt = { id: "q", answers: ["right", "wrong1", "wrong2", IDK], rewards: [1, 0, 0, 0], logits: [0.5, 1, -1, 0.2], abstain: IDK };

  it("names each answer's outcome and gives the exact outcome probabilities and rates", () => {
    const pol = new TabularPolicy([prompt, { id: "ook", answers: ["w", IDK], rewards: [0, 0], logits: [0, Math.log(3)], abstain: IDK }]);
    expect(["right", "wrong1", IDK, "not an answer"].map((a) => pol.outcome("q", a))).toEqual(["correct", "hallucination", "abstain", "hallucination"]);
    const z = prompt.logits.map(Math.exp), sum = z.reduce((s, v) => s + v, 0);
    const o = pol.outcomeProbabilities(0);
    expect(o.correct).toBeCloseTo(z[0]! / sum, 12);
    expect(o.abstain).toBeCloseTo(z[3]! / sum, 12);
    expect(o.hallucination).toBeCloseTo((z[1]! + z[2]!) / sum, 12);
    expect(pol.outcomeProbabilities(1)).toEqual({ correct: 0, abstain: expect.closeTo(0.75, 12), hallucination: expect.closeTo(0.25, 12) });
    const all = pol.truthfulness();
    expect(all.accuracy).toBeCloseTo(o.correct / 2, 12);
    expect(all.uncertainty).toBeCloseTo((o.abstain + 0.75) / 2, 12);
    expect(all.truthfulness).toBeCloseTo(all.accuracy - all.hallucination, 12);
    expect(pol.truthfulness({ ids: ["ook"] }).hallucination).toBeCloseTo(0.25, 12);
    expect(pol.correctProbability(0)).toBeCloseTo(o.correct, 12);
  });

  it("the exact rates match the rates of sampled answers", () => {
    const pol = new TabularPolicy([prompt]);
    const [draws] = pol.sampleSync(["q"], { n: 40000, seed: 3 });
    const sampled = truthfulnessRates(draws!.map((c) => pol.outcome("q", c.text)));
    const exact = pol.truthfulness();
    for (const k of ["accuracy", "uncertainty", "hallucination"] as const) expect(Math.abs(sampled[k] - exact[k])).toBeLessThan(0.01);
  });

  it("refuses an abstaining answer that is not an answer, or that is rewarded", () => {
    expect(() => new TabularPolicy([{ ...prompt, abstain: "no idea" }])).toThrow(/prompts\[0\]\.abstain="no idea" is not one of the prompt's answers/);
    expect(() => new TabularPolicy([{ ...prompt, rewards: [1, 0, 0, 1] }])).toThrow(/prompts\[0\]\.rewards\[3\]=1 is positive for the abstaining answer/);
  });

  it("GRPO on a question beyond the policy's knowledge: the binary reward carries no signal, the ternary one raises abstention", () => {
    const ook = { id: "ook", answers: ["w1", "w2", "w3", IDK], rewards: [0, 0, 0, 0], logits: [0, 0, 0, 0], abstain: IDK };
    for (const scheme of ["binary", "ternary"] as const) {
      const pol = new TabularPolicy([ook]);
      const answers = ["w1", IDK, "w2", "w3", "w1", IDK, "w2", "w1"];
      tabularPolicyUpdate(pol, [{ prompt: "ook", answers, rewards: answers.map((a) => truthReward(pol.outcome("ook", a), scheme)) }], { method: "grpo", lr: 1 });
      if (scheme === "binary") expect(Array.from(pol.logits[0]!)).toEqual([0, 0, 0, 0]);
      else expect(pol.outcomeProbabilities(0).abstain).toBeGreaterThan(0.25);
    }
  });
});

describe("randomTabularPrompts with abstention and unknown questions", () => {
  it("adds the abstaining answer without changing the other answers' logits, and leaves the asked share of prompts without a right answer", () => {
    const plain = randomTabularPrompts(50, { answers: 6, seed: 9 });
    const withIdk = randomTabularPrompts(50, { answers: 6, seed: 9, abstain: IDK, unknownShare: 0.3 });
    expect(withIdk.filter((p) => !p.rewards.some((r) => r > 0))).toHaveLength(15);
    withIdk.forEach((p, i) => {
      expect(p.abstain).toBe(IDK);
      expect(p.answers).toEqual([...plain[i]!.answers, IDK]);
      expect(p.logits!.slice(0, 6)).toEqual(plain[i]!.logits);
      expect(p.rewards.at(-1)).toBe(0);
    });
    expect(withIdk).toEqual(randomTabularPrompts(50, { answers: 6, seed: 9, abstain: IDK, unknownShare: 0.3 }));
    expect(new TabularPolicy(withIdk).truthfulness().accuracy).toBeGreaterThan(0);
  });
  it("gives clear errors", () => {
    expect(() => randomTabularPrompts(5, { unknownShare: 1.5 })).toThrow(/unknownShare=1\.5 is not a share in \[0, 1\]/);
    expect(() => randomTabularPrompts(5, { abstain: "" })).toThrow(/abstain="" is not a non-empty string/);
    expect(() => randomTabularPrompts(5, { answers: 4, sharedVocabulary: 4, abstain: "a1" })).toThrow(/abstain="a1" is also one of the drawn answers/);
  });
});
