// Laws and error handling for replab/stats (fast-check properties; no fixtures needed).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { rocAuc, rocCurve, ks2samp, bootstrapCi, bootstrapCiMany, pairedTTest, wilcoxonSignedRank, holmBonferroni, quantile } from "../../lib/stats/index.js";
import { ReplabError } from "../../lib/core/index.js";

const scored = fc.integer({ min: 2, max: 60 }).chain((n) =>
  fc.tuple(
    fc.array(fc.integer({ min: -5, max: 5 }).map((v) => v / 2), { minLength: n, maxLength: n }),
    fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
  ).map(([s, y]) => { y[0] = 0; y[n - 1] = 1; return [s, y] as const; }),
);

/** Brute-force AUC: the definition, all pairs. */
function aucPairs(s: number[], y: number[]): number {
  let u = 0, P = 0, N = 0;
  for (let i = 0; i < s.length; i++) if (y[i]) P++; else N++;
  for (let i = 0; i < s.length; i++) for (let j = 0; j < s.length; j++) if (y[i] && !y[j]) u += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
  return u / (P * N);
}

describe("rocAuc laws", () => {
  it("equals the all-pairs definition (ties half)", () => {
    fc.assert(fc.property(scored, ([s, y]) => { expect(rocAuc(s, y)).toBeCloseTo(aucPairs(s, y), 12); }));
  });
  it("AUC of reversed scores = 1 − AUC; swapping labels gives 1 − AUC", () => {
    fc.assert(fc.property(scored, ([s, y]) => {
      const a = rocAuc(s, y);
      expect(rocAuc(s.map((v) => -v), y)).toBeCloseTo(1 - a, 12);
      expect(rocAuc(s, y.map((v) => 1 - v))).toBeCloseTo(1 - a, 12);
    }));
  });
  it("is invariant to a strictly increasing transform of the scores", () => {
    fc.assert(fc.property(scored, ([s, y]) => { expect(rocAuc(s.map((v) => Math.exp(v) * 3 + 1), y)).toBeCloseTo(rocAuc(s, y), 12); }));
  });
  it("trapezoid area under rocCurve equals rocAuc", () => {
    fc.assert(fc.property(scored, ([s, y]) => {
      const c = rocCurve(s, y, { dropIntermediate: false });
      let area = 0;
      for (let i = 1; i < c.fpr.length; i++) area += (c.fpr[i]! - c.fpr[i - 1]!) * (c.tpr[i]! + c.tpr[i - 1]!) / 2;
      expect(area).toBeCloseTo(rocAuc(s, y), 12);
    }));
  });
});

describe("ks2samp laws", () => {
  const sample = fc.array(fc.integer({ min: -20, max: 20 }).map((v) => v / 4), { minLength: 1, maxLength: 40 });
  it("is symmetric in its arguments (statistic and p-value) and p ∈ [0, 1]", () => {
    fc.assert(fc.property(sample, sample, (a, b) => {
      const r1 = ks2samp(a, b), r2 = ks2samp(b, a);
      expect(r1.statistic).toBeCloseTo(r2.statistic, 14);
      expect(r1.pvalue).toBeCloseTo(r2.pvalue, 12);
      expect(r1.pvalue).toBeGreaterThanOrEqual(0);
      expect(r1.pvalue).toBeLessThanOrEqual(1);
    }));
  });
  it("gives D = 0 and p = 1 for a sample against itself", () => {
    fc.assert(fc.property(sample, (a) => { const r = ks2samp(a, a.slice().reverse()); expect(r.statistic).toBe(0); expect(r.pvalue).toBe(1); }));
  });
});

describe("bootstrapCi", () => {
  it("is reproducible from its seed and brackets the estimate", () => {
    const x = Array.from({ length: 50 }, (_, i) => Math.sin(i) * 3 + 1);
    const a = bootstrapCi(x, { seed: 7, resamples: 500 });
    const b = bootstrapCi(x, { seed: 7, resamples: 500 });
    expect(a).toEqual(b);
    expect(a.method).toBe("percentile");
    expect(a.low).toBeLessThan(a.estimate);
    expect(a.high).toBeGreaterThan(a.estimate);
    expect(bootstrapCi(x, { seed: 8, resamples: 500 }).low).not.toBe(a.low);
  });
  it("95% interval for a mean covers the true mean about 95% of the time (200 seeded trials)", () => {
    // Normal(2, 1) samples of 40 via Box–Muller from a seeded rng: true mean 2.
    let covered = 0;
    for (let t = 0; t < 200; t++) {
      const x: number[] = [];
      let s = t * 7919 + 1;
      const u = () => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return (s + 0.5) / 2 ** 32; };
      for (let i = 0; i < 40; i++) x.push(2 + Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()));
      const ci = bootstrapCi(x, { seed: t, resamples: 400 });
      if (ci.low <= 2 && 2 <= ci.high) covered++;
    }
    // Binomial(200, ~0.94): 3 sd ≈ 10 trials.
    expect(covered).toBeGreaterThan(170);
    expect(covered).toBeLessThan(200);
  });
  it("bootstrapCiMany gives each paired sample the interval bootstrapCi gives it alone, for any statistic", () => {
    const a = Array.from({ length: 30 }, (_, i) => Math.sin(i) * 3 + 1), b = a.map((v, i) => v * v - i), c = a.map(() => 4);
    const median = (x: Float64Array) => quantile(x, 0.5);
    for (const options of [{ seed: 3, resamples: 300 }, { seed: 0, resamples: 1, level: 0.5 }, { seed: 9, resamples: 200, statistic: median }]) {
      expect(bootstrapCiMany([a, b, c], options)).toEqual([a, b, c].map((x) => bootstrapCi(x, options)));
    }
    expect(bootstrapCiMany([], { seed: 1 })).toEqual([]);
    expect(() => bootstrapCiMany([a, [1, 2]])).toThrow(/bootstrapCiMany: samples\[1\]=.* has length 2 but samples\[0\] has 30/);
    expect(() => bootstrapCiMany([a, [1, NaN]])).toThrow(/bootstrapCiMany: samples\[1\]\[1\]=NaN is not a finite number/);
  });
});

describe("bad input is a ReplabError naming the function, argument and fix", () => {
  const cases: Array<[string, () => unknown, RegExp]> = [
    ["rocAuc empty", () => rocAuc([], []), /rocAuc: scores=array of length 0 is empty/],
    ["rocAuc NaN", () => rocAuc([0.1, NaN], [0, 1]), /rocAuc: scores\[1\]=NaN is not a finite number/],
    ["rocAuc lengths", () => rocAuc([0.1, 0.2, 0.3], [0, 1]), /rocAuc: labels has length 2 but scores has length 3/],
    ["rocAuc one class", () => rocAuc([0.1, 0.2], [1, 1]), /rocAuc: labels are all 1 .*at least one positive/],
    ["rocAuc label 2", () => rocAuc([0.1, 0.2], [0, 2]), /rocAuc: labels\[1\]=2 is not a binary label/],
    ["rocCurve one class", () => rocCurve([0.1, 0.2], [0, 0]), /rocCurve: labels are all 0/],
    ["ks2samp empty", () => ks2samp([], [1]), /ks2samp: a=array of length 0 is empty/],
    ["ks2samp Infinity", () => ks2samp([1], [Infinity]), /ks2samp: b\[0\]=Infinity is not a finite number/],
    ["pairedTTest lengths", () => pairedTTest([1, 2, 3], [1, 2]), /pairedTTest: b has length 2 but a has length 3/],
    ["pairedTTest constant", () => pairedTTest([1, 2, 3], [0, 1, 2]), /pairedTTest: a − b has the same value/],
    ["pairedTTest n=1", () => pairedTTest([1], [2]), /pairedTTest: a=array of length 1 has fewer than 2 values/],
    ["wilcoxon all zero", () => wilcoxonSignedRank([1, 2], [1, 2]), /wilcoxonSignedRank: a − b is zero for all 2 pairs/],
    ["holm out of range", () => holmBonferroni([0.1, 1.5]), /holmBonferroni: pvalues\[1\]=1.5 is not a probability/],
    ["holm empty", () => holmBonferroni([]), /holmBonferroni: pvalues=.*empty/],
    ["bootstrap level", () => bootstrapCi([1, 2], { level: 95 }), /bootstrapCi: level=95 is not in \(0, 1\)/],
    ["bootstrap resamples", () => bootstrapCi([1, 2], { resamples: 0.5 }), /bootstrapCi: resamples=0.5 is not an integer/],
    ["quantile q", () => quantile([1, 2], 2), /quantile: q=2 is outside \[0, 1\]/],
  ];
  it.each(cases)("%s", (_name, f, re) => {
    expect(f).toThrow(ReplabError);
    expect(f).toThrow(re);
  });
});

describe("holmBonferroni laws", () => {
  it("adjusted ≥ raw, ≤ 1, monotone in the raw order, and ≤ Bonferroni", () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }), (p) => {
      const adj = holmBonferroni(p);
      p.forEach((v, i) => { expect(adj[i]!).toBeGreaterThanOrEqual(v); expect(adj[i]!).toBeLessThanOrEqual(Math.min(1, v * p.length) + 1e-15); });
      for (let i = 0; i < p.length; i++) for (let j = 0; j < p.length; j++) if (p[i]! < p[j]!) expect(adj[i]!).toBeLessThanOrEqual(adj[j]!);
    }));
  });
});

describe("sortFloat64 (radix path above 4096 values)", () => {
  it("sorts like the native sort, negatives, zeros, extremes and duplicates included", async () => {
    const { sortFloat64 } = await import("../../lib/stats/index.js");
    fc.assert(fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 4096, maxLength: 6000 }), (xs) => {
      const got = sortFloat64(Float64Array.from(xs));
      const want = Float64Array.from(xs).sort();
      for (let i = 0; i < got.length; i++) expect(got[i] === want[i]).toBe(true); // −0 and +0 compare equal
    }), { numRuns: 20 });
    const mixed = Float64Array.from({ length: 10000 }, (_, i) => ((i * 7919) % 10007) - 5000 + (i % 3) * 0.25);
    const want = Float64Array.from(mixed).sort();
    expect(Array.from(sortFloat64(mixed))).toEqual(Array.from(want));
  });
});
