import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { miaMinK, miaSequenceLoss, miaAuc, privLeak, truthRatio, truthRatioScore } from "../../lib/unlearning/index.js";

// Ports of MUSE's and open-unlearning's evaluation code run on seeded token log-probabilities:
// fixtures/port_muse_privleak.py → muse-privleak.json, fixtures/port_open_unlearning.py → open-unlearning.json.
const muse = JSON.parse(fs.readFileSync(new URL("./fixtures/muse-privleak.json", import.meta.url), "utf8"));
const ou = JSON.parse(fs.readFileSync(new URL("./fixtures/open-unlearning.json", import.meta.url), "utf8"));

type Texts = number[][];
const auc = (score: (t: Texts) => Float64Array, forget: Texts, holdout: Texts) => miaAuc(score(forget), score(holdout), "lower-is-member");

describe("PrivLeak end to end, from token log-probabilities, as MUSE's code computes it", () => {
  const scores: Record<string, (t: Texts) => Float64Array> = { "Min-40%": (t) => miaMinK(t, 0.4), "Min-20%": (t) => miaMinK(t, 0.2), PPL: (t) => miaSequenceLoss(t) };
  for (const c of muse.cases) {
    it(`${c.name}: miaMinK / miaSequenceLoss → miaAuc → privLeak(u, r, "muse")`, () => {
      for (const [key, score] of Object.entries(scores)) {
        const u = auc(score, c.forget_unlearn, c.holdout_unlearn), r = auc(score, c.forget_retrain, c.holdout_retrain);
        // MUSE's AUC takes the holdout set as the positive class: the complement of miaAuc's
        expect(1 - u, `${key} AUC`).toBeCloseTo(c[key].auc_unlearn, 12);
        expect(1 - r).toBeCloseTo(c[key].auc_retrain, 12);
        expect(privLeak(u, r, "muse"), `${key} PrivLeak`).toBeCloseTo(c[key].privleak, 9);
        expect(privLeak(c[key].auc_unlearn, c[key].auc_retrain, "muse", { positive: "holdout" })).toBeCloseTo(c[key].privleak, 9);
      }
    });
  }
  it("the sign: under-unlearning is strongly negative, over-unlearning positive, retraining near 0", () => {
    const at = (name: string) => muse.cases.find((c: { name: string }) => c.name === name)["Min-40%"].privleak;
    expect(at("under-unlearned")).toBeLessThan(-50);
    expect(at("over-unlearned")).toBeGreaterThan(50);
    expect(Math.abs(at("near retrain"))).toBeLessThan(10);
  });
});

describe("PrivLeak and truth ratios as open-unlearning's code computes them", () => {
  const scores: Record<string, (t: Texts) => Float64Array> = { "min_k_0.4": (t) => miaMinK(t, 0.4), "min_k_0.2": (t) => miaMinK(t, 0.2), loss: (t) => miaSequenceLoss(t) };
  for (const c of ou.cases) {
    it(`${c.name}: mia_auc and privleak`, () => {
      for (const [key, score] of Object.entries(scores)) {
        const u = auc(score, c.forget_unlearn, c.holdout_unlearn), r = auc(score, c.forget_retrain, c.holdout_retrain);
        expect(u, `${key} AUC`).toBeCloseTo(c[key].auc_unlearn, 12); // open-unlearning's AUC is miaAuc's
        expect(r).toBeCloseTo(c[key].auc_retrain, 12);
        expect(privLeak(u, r, "open-unlearning"), `${key} privleak`).toBeCloseTo(c[key].privleak, 8);
        expect(privLeak(u, r, "muse")).toBeCloseTo(c[key].privleak, 6); // the same number up to open-unlearning's 1e-10
      }
    });
  }
  it.each(["closer_to_1_better", "true_better", "prob_mean"] as const)("truth_ratio with the %s aggregator", (aggregator) => {
    const t = ou.truth_ratio;
    const ratios = truthRatio(t.correct_avg_losses, t.wrong_avg_losses, aggregator);
    ratios.forEach((r, i) => expect(r).toBeCloseTo(t[aggregator].ratios[i], 12));
    expect(truthRatioScore(ratios, aggregator)).toBeCloseTo(t[aggregator].agg_value, 12);
  });
});
