import { describe, expect, it } from "vitest";
import * as aq from "arquero";
import { expectedFracRewardZeroStd, fracRewardZeroStd } from "../../lib/rollouts/index.js";
import { rng } from "../../lib/core/index.js";

// References independent of the implementation: exact integer binomial coefficients (BigInt), the
// binomial expectation that makes the estimator unbiased, and fresh Bernoulli groups scored by
// TRL's frac_reward_zero_std (fracRewardZeroStd).
const comb = (n: number, k: number): bigint => {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let i = 0; i < k; i++) r = (r * BigInt(n - i)) / BigInt(i + 1);
  return r;
};
/** [C(c,G) + C(n−c,G)] / C(n,G) in exact integers, then one rounding to double. */
const exactAgree = (n: number, c: number, G: number): number => {
  const num = comb(c, G) + comb(n - c, G), den = comb(n, G);
  const scale = 10n ** 30n;
  return Number((num * scale) / den) / 1e30;
};
const heldOut = (counts: Array<[number, number]>, column = "reward", prompt = "prompt_id") =>
  aq.from(counts.flatMap(([n, c], a) => Array.from({ length: n }, (_, s) => ({ [prompt]: `p${a}`, [column]: s < c ? 1 : 0 }))));

describe("expectedFracRewardZeroStd", () => {
  it("unbiased: the mean over prompts of [C(c,G) + C(n−c,G)] / C(n,G), as exact integers give it", () => {
    const r = rng(3);
    for (let t = 0; t < 40; t++) {
      const counts: Array<[number, number]> = Array.from({ length: 1 + r.int(6) }, () => { const n = 16 + r.int(60); return [n, r.int(n + 1)]; });
      for (const G of [2, 3, 8, 16]) {
        const want = counts.reduce((s, [n, c]) => s + exactAgree(n, c, G), 0) / counts.length;
        expect(Math.abs(expectedFracRewardZeroStd(heldOut(counts), G) - want)).toBeLessThan(1e-12);
      }
    }
  });
  it("unbiased for p^G + (1 − p)^G: its expectation over c ~ Binomial(n, p) is exactly that", () => {
    for (const [n, p, G] of [[20, 0.3, 4], [32, 0.05, 16], [10, 0.9, 2], [16, 0.5, 16]] as const) {
      let e = 0;
      for (let c = 0; c <= n; c++) e += Number(comb(n, c)) * p ** c * (1 - p) ** (n - c) * expectedFracRewardZeroStd(heldOut([[n, c]]), G);
      expect(e).toBeCloseTo(p ** G + (1 - p) ** G, 12);
    }
  });
  it("plug-in: p̂^G + (1 − p̂)^G, never below the unbiased estimate", () => {
    const t = heldOut([[8, 2], [8, 8], [8, 0], [8, 5]]);
    const want = ([2, 8, 0, 5].map((c) => (c / 8) ** 4 + (1 - c / 8) ** 4).reduce((a, b) => a + b, 0)) / 4;
    expect(expectedFracRewardZeroStd(t, 4, { estimator: "plug-in" })).toBeCloseTo(want, 15);
    for (const G of [2, 4, 8]) expect(expectedFracRewardZeroStd(t, G, { estimator: "plug-in" })).toBeGreaterThanOrEqual(expectedFracRewardZeroStd(t, G));
    // a never-solved or always-solved prompt agrees in every group, under both estimators
    expect(expectedFracRewardZeroStd(heldOut([[8, 0], [8, 8]]), 8)).toBe(1);
  });
  it("predicts TRL's frac_reward_zero_std of fresh groups drawn with the held-out samples' rates", () => {
    const r = rng(11);
    const ps = Array.from({ length: 40 }, () => r.next());
    const draw = (n: number) => ps.flatMap((p, a) => Array.from({ length: n }, () => ({ prompt_id: `p${a}`, reward: r.next() < p ? 1 : 0 })));
    const held = aq.from(draw(400));
    for (const G of [2, 4, 8]) {
      const groups = 200, fresh = ps.flatMap((p) => Array.from({ length: groups * G }, () => (r.next() < p ? 1 : 0)));
      const measured = fracRewardZeroStd(fresh, G), predicted = expectedFracRewardZeroStd(held, G);
      // 8000 groups: the measured share's standard error is below 0.006
      expect(Math.abs(measured - predicted)).toBeLessThan(0.03);
    }
  });
  it("reads named columns and verifier verdicts", () => {
    const t = aq.from([{ q: "a", v: "correct" }, { q: "a", v: "incorrect" }, { q: "b", v: "invalid" }, { q: "b", v: "incorrect" }]);
    expect(expectedFracRewardZeroStd(t, 2, { promptColumn: "q", correctColumn: "v" })).toBeCloseTo((0 + 1) / 2, 15);
  });
  it("refuses a bad group size, estimator, too few held-out samples and an unscored sample, naming them", () => {
    const t = heldOut([[4, 1], [3, 1]]);
    expect(() => expectedFracRewardZeroStd(t, 1)).toThrow(/expectedFracRewardZeroStd: groupSize=1 is below 2/);
    expect(() => expectedFracRewardZeroStd(t, 2, { estimator: "exact" as never })).toThrow(/estimator="exact" is not a known estimator; use "unbiased" or "plug-in"/);
    expect(() => expectedFracRewardZeroStd(t, 4)).toThrow(/samples of prompt "p1"=3 are fewer than groupSize=4; sample at least 4 held-out completions per prompt, or pass estimator: "plug-in"/);
    expect(expectedFracRewardZeroStd(t, 4, { estimator: "plug-in" })).toBeGreaterThan(0);
    expect(() => expectedFracRewardZeroStd(aq.from([{ prompt_id: "a", reward: 1 }, { prompt_id: "a", reward: null }]), 2)).toThrow(/reward\[1\]=null is not a correctness/);
  });
});
