import * as aq from "arquero";
import { describe, expect, it } from "vitest";
import { reliabilityDiagramFigure, verifierRatesFigure, masterKeyFigure, rewardCurvesFigure } from "../../lib/plots/verifiers.js";
import { verifierConfusion, calibrationBins } from "../../lib/verifiers/index.js";
import { DISPLAY_SYMBOL } from "../../lib/display/mime.js";

describe("verifier figures", () => {
  it("reliability diagram carries the bins it was given", () => {
    const scores = [0.05, 0.15, 0.95, 0.9, 0.5];
    const labels = [0, 0, 1, 1, 1];
    const f = reliabilityDiagramFigure({ scores, labels });
    const line = f.spec.data[2]!;
    const bins = calibrationBins(scores, labels);
    expect(line.y).toEqual(bins.map((b) => b.accuracy));
    expect(f[DISPLAY_SYMBOL]()["application/vnd.plotly.v1+json"]).toBeDefined();
  });
  it("rates per slice and master-key bars", () => {
    const t = verifierConfusion([{ verdict: "correct", label: false, s: "a" }, { verdict: "incorrect", label: true, s: "b" }], { slice: "s" });
    const f = verifierRatesFigure(t);
    expect(f.spec.data.map((d) => d.name)).toEqual(["FPR", "FNR"]);
    expect(f.spec.data[0]!.x).toEqual(["all", "a", "b"]);
    const m = masterKeyFigure(aq.from([{ key: ":", n: 2, fpr: 1 }, { key: "all keys", n: 2, fpr: 1 }]));
    expect(m.spec.data[0]!.x).toEqual(['":"']);
  });
  it("curves check their lengths", () => {
    expect(() => rewardCurvesFigure([1, 2], { reward: [0.1] })).toThrow(/series.reward/);
    expect(rewardCurvesFigure([1, 2], { reward: [0.1, 0.2] }).spec.data.length).toBe(1);
  });
});
