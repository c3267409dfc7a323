// Numbers from Debian's scipy / scikit-learn (fixtures/stats.json, made by fixtures/make_stats_fixtures.py).
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { rocAuc, rocCurve, ks2samp, kolmogorovSf, smirnovSf, pairedTTest, wilcoxonSignedRank, holmBonferroni, quantile, normalPpf, hypergeomSf, hypergeomPmf } from "../../lib/stats/index.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const fx = JSON.parse(fs.readFileSync(path.join(here, "fixtures/stats.json"), "utf8"));

/** Re-typing of the fixture script's `lcg`. */
function lcg(n: number, mult: number, mod: number, scale = 1, shift = 0, decimals: number | null = null): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = (((i * mult) % mod) / mod) * scale + shift;
    if (decimals !== null) v = Math.floor(v * decimals) / decimals;
    x[i] = v;
  }
  return x;
}

const close = (got: number, want: number, rtol: number, atol = 0) => {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(atol + rtol * Math.abs(want));
};

describe("rocAuc vs sklearn.metrics.roc_auc_score", () => {
  it.each(fx.auc.map((c: any, i: number) => [i, c]))("case %i", (_i, c: any) => {
    close(rocAuc(c.scores, c.labels), c.auc, 1e-12);
  });
  it.each(fx.auc_formula.map((c: any) => [c.n, c]))("large n=%i", (_n, c: any) => {
    const s = lcg(c.n, c.mult, c.mod, 1, 0, c.decimals);
    const lab = Array.from({ length: c.n }, (_, i) => ((i * 13) % 7 < 3 ? 1 : 0));
    for (let i = 0; i < c.n; i++) { s[i] = s[i]! + 0.05 * lab[i]!; if (c.decimals !== null) s[i] = Math.floor(s[i]! * c.decimals) / c.decimals; }
    close(rocAuc(s, lab), c.auc, 1e-10);
  });
});

describe("rocCurve vs sklearn.metrics.roc_curve", () => {
  it.each(fx.roc.map((c: any, i: number) => [i, c]))("case %i", (_i, c: any) => {
    const r = rocCurve(c.scores, c.labels);
    expect(r.fpr.length).toBe(c.fpr.length);
    r.fpr.forEach((v, k) => close(v, c.fpr[k], 1e-12));
    r.tpr.forEach((v, k) => close(v, c.tpr[k], 1e-12));
    expect(r.thresholds[0]).toBe(Infinity);
    r.thresholds.slice(1).forEach((v, k) => close(v, c.thresholds[k], 1e-12));
  });
});

describe("ks2samp vs scipy.stats.ks_2samp", () => {
  it.each(fx.ks.map((c: any) => [c.a.length, c.b.length, c]))("n=%i, m=%i", (_a, _b, c: any) => {
    const r = ks2samp(c.a, c.b);
    close(r.statistic, c.statistic, 1e-12);
    close(r.pvalue, c.pvalue, 1e-9, 1e-300);
    expect(r.statisticLocation).toBe(c.location);
    expect(r.statisticSign).toBe(c.sign);
  });
  it.each(fx.ks_formula.map((c: any) => [c.a[0], c.b[0], c]))("large n=%i, m=%i", (_a, _b, c: any) => {
    const a = lcg(c.a[0], c.a[1], c.a[2], 1, c.a[3], c.a[4]);
    const b = lcg(c.b[0], c.b[1], c.b[2], 1, c.b[3], c.b[4]);
    const r = ks2samp(a, b);
    expect(r.method).toBe(Math.max(a.length, b.length) <= 10000 ? "exact" : "asymp");
    close(r.statistic, c.statistic, 1e-12);
    close(r.pvalue, c.pvalue, 1e-8, 1e-300);
    expect(r.statisticLocation).toBe(c.location);
    expect(r.statisticSign).toBe(c.sign);
  });
});

describe("kolmogorovSf vs scipy.stats.kstwo.sf; smirnovSf vs scipy.special.smirnov", () => {
  it.each(fx.kstwo.map((c: any) => [c.n, c.x, c]))("kstwo n=%i x=%f", (_n, _x, c: any) => {
    close(kolmogorovSf(c.n, c.x), c.sf, 1e-9, 1e-300);
  });
  it.each(fx.smirnov.map((c: any) => [c.n, c.x, c]))("smirnov n=%i x=%f", (_n, _x, c: any) => {
    close(smirnovSf(c.n, c.x), c.sf, 1e-9, 1e-300);
  });
});

describe("paired tests vs scipy.stats.ttest_rel and scipy.stats.wilcoxon", () => {
  it.each(fx.ttest.map((c: any) => [c.a.length, c]))("ttest_rel n=%i", (_n, c: any) => {
    const r = pairedTTest(c.a, c.b);
    close(r.statistic, c.statistic, 1e-10);
    close(r.pvalue, c.pvalue, 1e-9);
  });
  it.each(fx.wilcoxon.map((c: any) => [c.a.length, c.method, c]))("wilcoxon n=%i (%s)", (_n, method, c: any) => {
    const r = wilcoxonSignedRank(c.a, c.b);
    expect(r.method).toContain(method === "exact" ? "exact" : "normal");
    close(r.statistic, c.statistic, 1e-12);
    close(r.pvalue, c.pvalue, 1e-9);
  });
});

describe("holmBonferroni and quantile", () => {
  it.each(fx.holm.map((c: any) => [c.p.length, c]))("holm m=%i (definition worked in numpy)", (_m, c: any) => {
    holmBonferroni(c.p).forEach((v, i) => close(v, c.adjusted[i], 1e-14));
  });
  it.each(fx.percentile.map((c: any) => [c.x.length, c]))("numpy.percentile n=%i", (_n, c: any) => {
    c.q.forEach((q: number, i: number) => close(quantile(c.x, q), c.values[i], 1e-13, 1e-15));
  });
});

describe("normalPpf vs scipy.special.ndtri; hypergeomSf vs scipy.stats.hypergeom.sf", () => {
  it("ndtri over the whole range, the tails included", () => {
    for (const c of fx.ndtri) close(normalPpf(c.p), c.z, 1e-15, 1e-15);
    expect(normalPpf(0)).toBe(-Infinity);
    expect(normalPpf(1)).toBe(Infinity);
    expect(() => normalPpf(1.5)).toThrow(/normalPpf: p=1.5 is not a probability/);
  });
  it.each(fx.hypergeom.map((c: any) => [c.M, c.n, c.N, c]))("hypergeom.sf(x, M=%i, n=%i, N=%i)", (_M, _n, _N, c: any) => {
    c.x.forEach((x: number, i: number) => close(hypergeomSf(x, c.M, c.n, c.N), c.sf[i], 1e-12, 1e-300));
    const { jMin, pmf } = hypergeomPmf(c.M, c.n, c.N);
    expect(jMin).toBe(Math.max(0, c.N - (c.M - c.n)));
    expect(pmf.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    c.x.forEach((x: number, i: number) => { // sf(x) = Σ_{j > x} pmf(j)
      let s = 0;
      pmf.forEach((p, t) => { if (jMin + t > x) s += p; });
      close(s, c.sf[i], 1e-9, 1e-15);
    });
  });
  it("refuses parameters outside the distribution", () => {
    expect(() => hypergeomSf(1, 5, 6, 2)).toThrow(/hypergeomSf: n=6 exceeds the population M=5/);
    expect(() => hypergeomSf(1, 5, 2, 6)).toThrow(/hypergeomSf: N=6 exceeds the population M=5/);
    expect(() => hypergeomSf(NaN, 5, 2, 2)).toThrow(/hypergeomSf: x=NaN is not a finite number/);
  });
});
