import fs from "node:fs";
import path from "node:path";
import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import {
  verifierConfusion, verifierRates, calibrationBins, expectedCalibrationError, reliabilityTable, noiseCorrectedReward,
  estimateNoiseRates, masterKeyProbe, MASTER_KEYS, rewardInflation, generationVerificationGap, weakVerifierEnsemble,
} from "../../lib/verifiers/index.js";
import { rng } from "../../lib/core/index.js";
import { ReplabError } from "../../lib/core/errors.js";

// Fixture: scikit-learn 1.2.1 via tests/verifiers/fixtures/make_metric_fixtures.py (provenance inside).
const fx = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "fixtures/metrics.json"), "utf8")) as {
  provenance: string; verdict: string[]; label: boolean[]; slice: string[]; score: number[];
  overall: Record<string, number>; bySlice: Record<string, Record<string, number>>;
  calibration10: { accuracy: number[]; confidence: number[]; count: number[]; ece: number };
  calibration5: { accuracy: number[]; confidence: number[]; count: number[]; ece: number };
};
const RATE_KEYS = ["tp", "fp", "tn", "fn", "n", "accuracy", "precision", "recall", "f1", "fpr", "fnr"] as const;

describe("verifierConfusion against scikit-learn", () => {
  const rows = fx.verdict.map((v, i) => ({ verdict: v, label: fx.label[i], topic: fx.slice[i] }));
  it("overall and per slice, from rows and from an arquero table", () => {
    for (const data of [rows, aq.from(rows)]) {
      const t = verifierConfusion(data, { slice: "topic" }).objects() as Array<Record<string, number | string>>;
      const all = t.find((r) => r.slice === "all")!;
      for (const k of RATE_KEYS) expect(all[k], k).toBeCloseTo(fx.overall[k]!, 12);
      for (const [s, ref] of Object.entries(fx.bySlice)) {
        const got = t.find((r) => r.slice === s)!;
        for (const k of RATE_KEYS) expect(got[k], `${s} ${k}`).toBeCloseTo(ref[k]!, 12);
      }
      expect(t.length).toBe(1 + Object.keys(fx.bySlice).length);
    }
  });
  it("zero denominators give 0 (scikit-learn zero_division=0)", () => {
    const r = verifierRates([false, false], [false, false]);
    expect([r.precision, r.recall, r.f1, r.fnr, r.fpr, r.accuracy]).toEqual([0, 0, 0, 0, 0, 1]);
  });
  it("bad input is named", () => {
    expect(() => verifierConfusion([{ verdict: "maybe", label: true }])).toThrow(/verifierConfusion: verdict\[0\]="maybe"/);
    expect(() => verifierConfusion([{ verdict: "correct", label: "yes" }])).toThrow(/label\[0\]="yes"/);
    expect(() => verifierConfusion(aq.from([{ v: 1, label: true }]))).toThrow(/column="verdict" is not in the table/);
    expect(() => verifierConfusion([{ label: true }])).toThrow(ReplabError);
  });
});

describe("calibration against scikit-learn calibration_curve (uniform bins)", () => {
  for (const bins of [10, 5] as const) {
    it(`${bins} bins: per-bin accuracy, confidence, count, and ECE`, () => {
      const ref = bins === 10 ? fx.calibration10 : fx.calibration5;
      const b = calibrationBins(fx.score, fx.label, bins);
      expect(b.map((x) => x.count)).toEqual(ref.count);
      b.forEach((x, i) => { expect(x.accuracy).toBeCloseTo(ref.accuracy[i]!, 12); expect(x.confidence).toBeCloseTo(ref.confidence[i]!, 12); });
      expect(expectedCalibrationError(fx.score, fx.label, bins)).toBeCloseTo(ref.ece, 12);
      expect(reliabilityTable(fx.score, fx.label, bins).numRows()).toBe(ref.count.length);
    });
  }
  it("a perfectly calibrated worked example has ECE 0; an overconfident one its gap", () => {
    // 10 items at score 0.7, 7 right → |0.7 − 0.7| = 0
    expect(expectedCalibrationError(new Array(10).fill(0.7), [1, 1, 1, 1, 1, 1, 1, 0, 0, 0])).toBeCloseTo(0, 12);
    // 4 items at 0.95, 2 right → ECE = |0.5 − 0.95| = 0.45
    expect(expectedCalibrationError([0.95, 0.95, 0.95, 0.95], [1, 0, 1, 0])).toBeCloseTo(0.45, 12);
  });
  it("scores outside [0, 1] or NaN are refused", () => {
    expect(() => expectedCalibrationError([1.2], [1])).toThrow(/scores\[0\]=1.2 is outside \[0, 1\]/);
    expect(() => expectedCalibrationError([Number.NaN], [1])).toThrow(/scores\[0\]=NaN/);
  });
});

describe("noise-corrected reward (backward correction)", () => {
  it("worked example: ρ0 = 0.2, ρ1 = 0.3 is unbiased for both classes", () => {
    const up = noiseCorrectedReward(1, 0.2, 0.3); // (1 − 0.2)/0.5 = 1.6
    const down = noiseCorrectedReward(0, 0.2, 0.3); // (0 − 0.2)/0.5 = −0.4
    expect(up).toBeCloseTo(1.6, 12);
    expect(down).toBeCloseTo(-0.4, 12);
    // E[r̂ | right] = (1 − ρ1)·1.6 + ρ1·(−0.4) = 1.12 − 0.12 = 1
    expect(0.7 * up + 0.3 * down).toBeCloseTo(1, 12);
    // E[r̂ | wrong] = ρ0·1.6 + (1 − ρ0)·(−0.4) = 0.32 − 0.32 = 0
    expect(0.2 * up + 0.8 * down).toBeCloseTo(0, 12);
  });
  it("Monte Carlo: the corrected mean recovers the true accuracy, the raw mean does not", () => {
    const g = rng(11);
    const n = 200_000, rho0 = 0.15, rho1 = 0.25, acc = 0.8;
    const truth: boolean[] = [], noisy: number[] = [];
    for (let i = 0; i < n; i++) {
      const right = g.next() < acc;
      truth.push(right);
      noisy.push(right ? (g.next() < rho1 ? 0 : 1) : g.next() < rho0 ? 1 : 0);
    }
    const corrected = noiseCorrectedReward(noisy, rho0, rho1);
    const m = corrected.reduce((a, b) => a + b, 0) / n;
    const raw = noisy.reduce((a, b) => a + b, 0) / n;
    expect(Math.abs(m - acc)).toBeLessThan(0.01);
    // raw mean = 0.8·(1 − 0.25) + 0.2·0.15 = 0.63, far from 0.8
    expect(Math.abs(raw - 0.63)).toBeLessThan(0.01);
    const est = estimateNoiseRates(noisy, truth);
    expect(est.rho0).toBeCloseTo(rho0, 2);
    expect(est.rho1).toBeCloseTo(rho1, 2);
  });
  it("rates with no signal are refused", () => {
    expect(() => noiseCorrectedReward(1, 0.5, 0.5)).toThrow(/rho0 \+ rho1=1 is 1 or more/);
    expect(() => noiseCorrectedReward(1, -0.1, 0.2)).toThrow(/rho0=-0.1/);
    expect(() => noiseCorrectedReward([1, Number.NaN], 0.1, 0.2)).toThrow(/observed\[1\]=NaN/);
  });
});

describe("master-key probe, reward inflation, generation–verification gap", () => {
  it("a judge that accepts anything ending in ':' has FPR 1 on ':' and 'Thought process:'", async () => {
    const items = [{ question: "1+1?", reference: "2" }, { question: "2+2?", reference: "4" }];
    const judge = (_q: string, ref: string, resp: string) => (resp.trim().endsWith(":") || resp.includes(ref) ? "correct" : "incorrect");
    const t = (await masterKeyProbe(judge, items)).objects() as Array<{ key: string; fpr: number; n: number }>;
    expect(t.find((r) => r.key === ":")!.fpr).toBe(1);
    expect(t.find((r) => r.key === "Thought process:")!.fpr).toBe(1);
    expect(t.find((r) => r.key === "Solution")!.fpr).toBe(0);
    expect(t.find((r) => r.key === "all keys")!.fpr).toBeCloseTo(2 / MASTER_KEYS.length, 12);
  });
  it("reward inflation = mean reward − true accuracy", () => {
    // rewards 1,1,1,0 (0.75) on labels 1,0,0,0 (0.25) → +0.5
    expect(rewardInflation(["correct", "correct", "correct", "incorrect"], [true, false, false, false])).toBeCloseTo(0.5, 12);
    expect(rewardInflation([0, 0], [1, 1])).toBe(-1);
  });
  it("gap, worked by hand", () => {
    // prompt A: samples right [1,0,0], verifier picks sample 1 (wrong); B: [0,1,1], picks 2 (right); C: [0,0,0]
    const g = generationVerificationGap([[0.1, 0.9, 0.3], [0.2, 0.4, 0.8], [0.5, 0.5, 0.5]], [[1, 0, 0], [0, 1, 1], [0, 0, 0]]);
    expect(g.generation).toBeCloseTo((1 / 3 + 2 / 3 + 0) / 3, 12);
    expect(g.selected).toBeCloseTo(1 / 3, 12);
    expect(g.oracle).toBeCloseTo(2 / 3, 12);
    expect(g.gap).toBeCloseTo(1 / 3, 12);
    expect(g.verificationGain).toBeCloseTo(1 / 3 - 1 / 3, 12);
  });
});

describe("weak-verifier ensemble", () => {
  it("naive-Bayes log-odds, worked by hand with given rates", () => {
    // P(right | 1,0) = 0.5·0.9·0.4 / (0.5·0.9·0.4 + 0.5·0.2·0.6) = 0.36/0.48 = 0.75
    const e = weakVerifierEnsemble([[1, 0]], { rates: [{ tpr: 0.9, fpr: 0.2 }, { tpr: 0.6, fpr: 0.4 }], prior: 0.5 });
    expect(e.posterior[0]).toBeCloseTo(0.75, 12);
    expect(e.weights[0]!.yes).toBeCloseTo(Math.log(0.9 / 0.2), 12);
    expect(e.weights[1]!.no).toBeCloseTo(Math.log(0.4 / 0.6), 12);
  });
  it("weights learned from agreement alone beat the majority vote when verifiers differ in quality", () => {
    const g = rng(5);
    const truth: boolean[] = [];
    const quality = [{ tpr: 0.95, fpr: 0.05 }, { tpr: 0.9, fpr: 0.1 }, { tpr: 0.6, fpr: 0.45 }, { tpr: 0.55, fpr: 0.4 }, { tpr: 0.6, fpr: 0.5 }];
    const votes = Array.from({ length: 3000 }, () => {
      const right = g.next() < 0.5;
      truth.push(right);
      return quality.map((q) => (g.next() < (right ? q.tpr : q.fpr) ? 1 : 0));
    });
    const e = weakVerifierEnsemble(votes);
    const acc = (d: boolean[]) => d.filter((x, i) => x === truth[i]).length / d.length;
    expect(acc(e.decision)).toBeGreaterThan(acc(e.majority) + 0.03);
    e.rates.forEach((r, j) => { expect(Math.abs(r.tpr - quality[j]!.tpr)).toBeLessThan(0.05); expect(Math.abs(r.fpr - quality[j]!.fpr)).toBeLessThan(0.05); });
  });
  it("ragged votes are refused", () => {
    expect(() => weakVerifierEnsemble([[1, 0], [1]])).toThrow(/votes\[1\]/);
    expect(() => weakVerifierEnsemble([[2]])).toThrow(/votes\[0\]\[0\]=2/);
  });
});

describe("verifierConfusion accepts a danfo DataFrame", () => {
  it("same numbers as from rows", async () => {
    const dfd = await import("danfojs-node");
    const rows = fx.verdict.map((v, i) => ({ verdict: v === "correct" ? 1 : 0, label: fx.label[i] ? 1 : 0 }));
    const df = new dfd.DataFrame(rows);
    const t = verifierConfusion(df).objects() as Array<Record<string, number>>;
    for (const k of RATE_KEYS) expect(t[0]![k], k).toBeCloseTo(fx.overall[k]!, 12);
  });
});
