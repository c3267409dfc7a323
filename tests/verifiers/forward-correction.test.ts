import { describe, expect, it } from "vitest";
import { forwardCorrectionWeight, noiseCorrectedReward } from "../../lib/verifiers/index.js";
import { groupAdvantages } from "../../lib/rollouts/index.js";

// The weights are those of Cai et al. 2025 (arXiv 2510.00915): w1 = ρ1 for an accepted sample,
// w0 = ρ1 − 1 for a rejected one. The numbers below are worked by hand from them.
describe("forward correction (Cai et al. 2025)", () => {
  it("worked example: ρ1 = 0.3 gives w1 = 0.3, w0 = −0.7; with ρ0 = 0.2, E[w | R*] = 0.5·(R* − 1)", () => {
    const w1 = forwardCorrectionWeight(1, 0.3), w0 = forwardCorrectionWeight(0, 0.3);
    expect(w1).toBeCloseTo(0.3, 12);
    expect(w0).toBeCloseTo(-0.7, 12);
    // E[w | right] = (1 − ρ1)·w1 + ρ1·w0 = 0.21 − 0.21 = 0
    expect(0.7 * w1 + 0.3 * w0).toBeCloseTo(0, 12);
    // E[w | wrong] = ρ0·w1 + (1 − ρ0)·w0 = 0.06 − 0.56 = −0.5 = −(1 − ρ0 − ρ1)
    expect(0.2 * w1 + 0.8 * w0).toBeCloseTo(-0.5, 12);
    expect(Array.from(forwardCorrectionWeight([1, 0, 1], 0.3))).toEqual([w1, w0, w1]);
  });

  it("the exact expected update of a softmax bandit is (1 − ρ0 − ρ1) × the clean gradient (finite differences)", () => {
    const z = [0.3, -1.2, 0.8, 0.1], right = [0, 1, 0, 1], rho0 = 0.15, rho1 = 0.35;
    const softmax = (v: number[]) => { const m = Math.max(...v), e = v.map((x) => Math.exp(x - m)), s = e.reduce((a, b) => a + b, 0); return e.map((x) => x / s); };
    const p = softmax(z);
    // E over y ~ π and r̃ | y of w(r̃)·(e_y − π), enumerated exactly
    const expected = new Array(4).fill(0);
    p.forEach((py, y) => {
      const pAccept = right[y] ? 1 - rho1 : rho0;
      for (const [r, pr] of [[1, pAccept], [0, 1 - pAccept]] as const) {
        const w = forwardCorrectionWeight(r, rho1);
        for (let a = 0; a < 4; a++) expected[a] += py * pr * w * ((a === y ? 1 : 0) - p[a]!);
      }
    });
    // the clean gradient ∇_z E_π[R*] by central differences
    const value = (v: number[]) => softmax(v).reduce((s, q, y) => s + q * right[y]!, 0);
    const h = 1e-6;
    const clean = z.map((_, a) => { const up = z.slice(), dn = z.slice(); up[a]! += h; dn[a]! -= h; return (value(up) - value(dn)) / (2 * h); });
    clean.forEach((g, a) => expect(expected[a]).toBeCloseTo((1 - rho0 - rho1) * g, 8));
  });

  it("is the noisy reward shifted by a constant, so GRPO's group advantages are unchanged", () => {
    const noisy = [1, 0, 0, 1, 1, 0, 0, 0];
    const forward = forwardCorrectionWeight(noisy, 0.3);
    const backward = noiseCorrectedReward(noisy, 0.2, 0.3);
    const a = groupAdvantages(noisy, 4), f = groupAdvantages(forward, 4), b = groupAdvantages(backward, 4);
    for (let i = 0; i < noisy.length; i++) {
      expect(f[i]).toBeCloseTo(a[i]!, 12);
      // the backward correction scales by 1/(1 − ρ0 − ρ1) = 2: only the 1e-4 added to the std differs
      expect(Math.abs(b[i]! - a[i]!)).toBeLessThan(1e-3);
    }
  });

  it("refuses a bad rate or reward with a clear error", () => {
    expect(() => forwardCorrectionWeight(1, 1)).toThrow(/rho1=1 is outside \[0, 1\)/);
    expect(() => forwardCorrectionWeight(1, Number.NaN)).toThrow(/rho1=NaN/);
    expect(() => forwardCorrectionWeight([1, 2], 0.2)).toThrow(/observed\[1\]=2 is not a reward in \[0, 1\]/);
  });
});
