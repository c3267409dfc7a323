import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { expectedPassAtKEstimate, naivePassAtKEstimate, passAtKLab, passAtKLabData, passAtKLabPolicies, PASS_AT_K_LAB_TRAINING, meanPassAtKCurve, firstCrossingK } from "../../lib/labs/index.js";
import { passAtK, passAtKFromProbability, trainTabularPolicy } from "../../lib/rollouts/index.js";
import { capturedCheck, todo } from "./capture.js";

const fixture = JSON.parse(fs.readFileSync(new URL("./fixtures/pass-at-k.json", import.meta.url), "utf8")) as {
  cases: Array<{ n: number; p: number; k: number; expected_naive: number; expected_unbiased: number; true_pass_at_k: number }>;
};

describe("lab 1 references", () => {
  it("expectedPassAtKEstimate matches scipy's binomial sums (fixtures/make_pass_at_k_fixture.py)", () => {
    for (const c of fixture.cases) {
      expect(expectedPassAtKEstimate(naivePassAtKEstimate, c.n, c.p, c.k)).toBeCloseTo(c.expected_naive, 12);
      expect(expectedPassAtKEstimate(passAtK, c.n, c.p, c.k)).toBeCloseTo(c.expected_unbiased, 12);
      expect(c.expected_unbiased).toBeCloseTo(c.true_pass_at_k, 12);
      expect(c.expected_naive).toBeLessThan(c.true_pass_at_k); // the naive estimate is biased low
    }
  });
  it("the lab's RLVR policy is its base trained by trainTabularPolicy with PASS_AT_K_LAB_TRAINING, not written by hand", () => {
    const { base, rlvr } = passAtKLabPolicies(0);
    const again = base.clone();
    trainTabularPolicy(again, { ...PASS_AT_K_LAB_TRAINING, seed: 0, update: { ...PASS_AT_K_LAB_TRAINING.update } });
    rlvr.logits.forEach((z, i) => expect(Array.from(z)).toEqual(Array.from(again.logits[i]!)));
    expect(rlvr.logScale).toBe(again.logScale);
    expect(rlvr.logScale).toBeGreaterThan(0); // GRPO sharpened the policy
    const d = passAtKLabData(0);
    expect(d.baseP).toEqual(base.prompts.map((_, i) => base.correctProbability(i)));
    expect(d.rlvrP).toEqual(rlvr.prompts.map((_, i) => rlvr.correctProbability(i)));
  });
  it("the counts are draws from the two policies: their pass@k agrees with the exact 1 − (1 − p)^k within sampling error", () => {
    const d = passAtKLabData(0);
    for (const [counts, p] of [[d.baseCorrect, d.baseP], [d.rlvrCorrect, d.rlvrP]] as const) {
      const est = meanPassAtKCurve(counts, d.n, d.ks);
      d.ks.forEach((k, j) => expect(Math.abs(est[j]! - p.reduce((s, q) => s + passAtKFromProbability(q, k), 0) / p.length)).toBeLessThan(0.03));
    }
  });
  it("the lab's data shows RLVR ahead at k=1 and behind at k=n, crossing once", () => {
    const d = passAtKLabData(0);
    const base = meanPassAtKCurve(d.baseCorrect, d.n, d.ks), rlvr = meanPassAtKCurve(d.rlvrCorrect, d.n, d.ks);
    expect(rlvr[0]!).toBeGreaterThan(base[0]! + 0.1);
    expect(base.at(-1)!).toBeGreaterThan(rlvr.at(-1)! + 0.05);
    expect(firstCrossingK(d.ks, base, rlvr)).toBe(64);
    expect(passAtKLabData(0)).toEqual(d); // seeded
    d.baseCorrect[0] = -1; // a copy: changing it does not change what the checks see
    expect(passAtKLabData(0).baseCorrect[0]).not.toBe(-1);
  });
});

describe("lab 1 checks", () => {
  const unbiased = (n: number, c: number, k: number) => { if (n - c < k) return 1; let p = 1; for (let i = n - c + 1; i <= n; i++) p *= 1 - k / i; return 1 - p; };
  const fact = (m: number): number => (m <= 1 ? 1 : m * fact(m - 1));
  const comb = (a: number, b: number) => fact(a) / (fact(b) * fact(a - b));
  const overflowing = (n: number, c: number, k: number) => (n - c < k ? 1 : 1 - comb(n - c, k) / comb(n, k));
  const expected = (f: (n: number, c: number, k: number) => number, n: number, p: number, k: number) => {
    let t = 0; let b = 1;
    for (let c = 0; c <= n; c++) { if (c > 0) b = (b * (n - c + 1)) / c; t += b * p ** c * (1 - p) ** (n - c) * f(n, c, k); }
    return t;
  };
  const meanCurve = (cs: number[], n: number, ks: number[]) => ks.map((k) => cs.reduce((s, c) => s + unbiased(n, c, k), 0) / cs.length);
  const crossover = (ks: number[], a: number[], b: number[]) => { for (let i = 0; i < ks.length; i++) if (a[i]! >= b[i]!) return ks[i]!; return null; };

  it("pass correct solutions", async () => {
    expect((await capturedCheck(() => passAtKLab.checkNaiveEstimator((n: number, c: number, k: number) => 1 - (1 - c / n) ** k))).status).toBe("pass");
    expect((await capturedCheck(() => passAtKLab.checkUnbiasedEstimator(unbiased))).status).toBe("pass");
    expect((await capturedCheck(() => passAtKLab.checkEstimatorBias(expected))).status).toBe("pass");
    expect((await capturedCheck(() => passAtKLab.checkRlvrCurves(meanCurve))).status).toBe("pass");
    expect(await capturedCheck(() => passAtKLab.checkCrossover(crossover))).toMatchObject({ status: "pass", message: "base overtakes RLVR at k = 64" });
  });

  it("say not yet, with the case, to common mistakes", async () => {
    const r1 = await capturedCheck(() => passAtKLab.checkUnbiasedEstimator(naivePassAtKEstimate));
    expect(r1).toMatchObject({ status: "not-yet", message: expect.stringMatching(/^unbiasedPassAtK\(10, 3, 5\) is 0\.83193, expected 0\.916667$/) });
    const r2 = await capturedCheck(() => passAtKLab.checkUnbiasedEstimator(overflowing));
    expect(r2.status).toBe("not-yet");
    expect(r2.message).toMatch(/unbiasedPassAtK\(1000, 5, 500\) is NaN/);
    expect(r2.hint).toMatch(/overflow/);
    const r3 = await capturedCheck(() => passAtKLab.checkCrossover((ks: number[]) => ks[0]));
    expect(r3.message).toBe("crossover(ks, base, rlvr) on the lab's curves is 1, expected 64");
    const r4 = await capturedCheck(() => passAtKLab.checkCrossover((ks: number[], a: number[], b: number[]) => crossover(ks, a, b) ?? -1));
    expect(r4.message).toMatch(/expected null/);
    const r5 = await capturedCheck(() => passAtKLab.checkRlvrCurves((cs: number[], n: number, ks: number[]) => ks.map((k) => cs.reduce((s, c) => s + naivePassAtKEstimate(n, c, k), 0) / cs.length)));
    expect(r5.message).toMatch(/^meanCurve\(base counts\)\[1\] is 0.213425, expected 0.21405$/);
  });

  it("say not yet to the TODO stubs and to non-functions", async () => {
    for (const run of [
      () => passAtKLab.checkNaiveEstimator(todo), () => passAtKLab.checkUnbiasedEstimator(todo), () => passAtKLab.checkEstimatorBias(todo),
      () => passAtKLab.checkRlvrCurves(todo), () => passAtKLab.checkCrossover(todo),
    ]) {
      expect(await capturedCheck(run)).toMatchObject({ status: "not-yet", message: expect.stringMatching(/is still the TODO stub$/) });
    }
    expect((await capturedCheck(() => passAtKLab.checkNaiveEstimator(undefined))).message).toBe("naivePassAtK is not a function (it is undefined)");
  });
});
