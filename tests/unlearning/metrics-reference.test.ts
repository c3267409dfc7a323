// Metric values against fixtures/unlearning.json (scikit-learn, scipy, and the papers' formulas
// in numpy; made by fixtures/make_unlearning_fixtures.py).
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  fitLogisticRegression, logisticProbability, miaConfidence, miaLoss, miaEntropy, miaModifiedEntropy, miaMinK, miaSequenceLoss,
  miaZlib, miaReference, miaAuc, truthRatio, truthRatioScore, forgetQuality, modelUtility, privLeak, avgGap, knowledgeRecovery,
} from "../../lib/unlearning/index.js";
import { ReplabError } from "../../lib/core/index.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const fx = JSON.parse(fs.readFileSync(path.join(here, "fixtures/unlearning.json"), "utf8"));
const closeAll = (got: ArrayLike<number>, want: number[], digits = 10) => {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => expect(got[i]!).toBeCloseTo(w, digits));
};

describe("logistic attack vs sklearn LogisticRegression(C=1)", () => {
  it.each(fx.logistic.map((c: any) => [c.d, c]))("d=%i", (_d, c: any) => {
    const m = fitLogisticRegression(c.x, c.y, c.d);
    // Fixture solved with newton-cg (the lbfgs default stops ~1e-6 short of the optimum).
    closeAll(m.coef, c.coef, 6);
    expect(m.intercept).toBeCloseTo(c.intercept, 6);
    closeAll(logisticProbability(m, c.x), c.proba, 6);
  });
});

describe("classification MIA scores (Yeom 2018; Song & Mittal 2021 formulas in numpy)", () => {
  const c = fx.class_scores;
  it("confidence, LOSS, entropy, modified entropy", () => {
    closeAll(miaConfidence(c.probs, c.labels), c.confidence, 12);
    closeAll(miaLoss(c.probs, c.labels), c.loss, 10);
    closeAll(miaEntropy(c.probs, c.labels), c.entropy, 10);
    closeAll(miaModifiedEntropy(c.probs, c.labels), c.modifiedEntropy, 10);
  });
});

describe("sequence MIA scores as open-unlearning computes them", () => {
  const s = fx.seq_scores;
  it("Min-K% (k = 0.4 and 0.2), LOSS, zlib ratio (Python zlib.compress length)", () => {
    closeAll(miaMinK(s.logprobs), s.minK04, 12);
    closeAll(miaMinK(s.logprobs, 0.2), s.minK02, 12);
    closeAll(miaSequenceLoss(s.logprobs), s.avgLoss, 12);
    closeAll(miaZlib(s.avgLoss, s.texts), s.zlib, 12);
  });
  it("reference difference is target − reference", () => {
    closeAll(miaReference([1, 2.5], [0.5, 3]), [0.5, -0.5], 15);
  });
});

describe("miaAuc: member = positive class", () => {
  it("equals open-unlearning's mia_auc (holdout labelled 1 on loss scores) for lower-is-member scores", () => {
    expect(miaAuc(fx.mia_auc.forget, fx.mia_auc.holdout, "lower-is-member")).toBeCloseTo(fx.mia_auc.auc_open_unlearning, 12);
  });
  it("flips with the direction", () => {
    const a = miaAuc(fx.mia_auc.forget, fx.mia_auc.holdout, "lower-is-member");
    expect(miaAuc(fx.mia_auc.forget, fx.mia_auc.holdout, "higher-is-member")).toBeCloseTo(1 - a, 12);
  });
});

describe("TOFU: truth ratio, forget quality, model utility; MUSE PrivLeak", () => {
  const t = fx.tofu;
  it("truth ratio and its aggregates match open-unlearning", () => {
    const tru = truthRatio(t.para_u, t.pert_u), trr = truthRatio(t.para_r, t.pert_r);
    closeAll(tru, t.tr_u, 10);
    closeAll(trr, t.tr_r, 10);
    expect(truthRatioScore(tru, "closer_to_1_better")).toBeCloseTo(t.closer_to_1, 12);
    expect(truthRatioScore(trr, "true_better")).toBeCloseTo(t.true_better, 12);
  });
  it("forget quality = scipy ks_2samp p-value", () => {
    expect(forgetQuality(t.tr_u, t.tr_r)).toBeCloseTo(t.forget_quality, 12);
  });
  it.each(fx.hmean.map((h: any) => [h.x.length, h]))("model utility = scipy.stats.hmean (%i parts)", (_n, h: any) => {
    expect(modelUtility(h.x)).toBeCloseTo(h.h, 12);
  });
  it("model utility is 0 when a part is 0, and takes named parts", () => {
    expect(modelUtility([0.5, 0])).toBe(0);
    expect(modelUtility({ retainProb: 0.2, retainTruthRatio: 0.4, realAuthors: 0.9 })).toBeCloseTo(fx.hmean[1].h, 12);
  });
  it.each(fx.privleak.map((p: any) => [p.u, p.r, p]))("privLeak(%f, %f): MUSE's formula on holdout-positive AUCs, open-unlearning's on forget-positive ones", (_u, _r, p: any) => {
    expect(privLeak(p.u, p.r, "muse", { positive: "holdout" })).toBeCloseTo(p.muse, 10);
    expect(privLeak(p.u, p.r, "open-unlearning")).toBeCloseTo(p.ou, 8);
    expect(privLeak(1 - p.u, 1 - p.r)).toBeCloseTo(p.muse, 10); // the forget-positive AUC is MUSE's complement
  });
});

describe("Avg. Gap and knowledge recovery, worked by hand", () => {
  it("avgGap is the mean absolute difference over UA, RA, TA, MIA", () => {
    expect(avgGap({ UA: 0.1, RA: 0.9, TA: 0.8, MIA: 0.3 }, { UA: 0.2, RA: 1.0, TA: 0.85, MIA: 0.1 })).toBeCloseTo((0.1 + 0.1 + 0.05 + 0.2) / 4, 14);
    expect(avgGap({ UA: 0.1, RA: 0.5 }, { UA: 0.3, RA: 0.5 }, ["UA", "RA"])).toBeCloseTo(0.1, 14);
  });
  it("knowledge recovery = (unlearned − corrupted)/(clean − corrupted)", () => {
    expect(knowledgeRecovery({ clean: 0.9, corrupted: 0.3, unlearned: 0.75 })).toBeCloseTo(0.75, 14);
  });
});

describe("bad input is a ReplabError naming function, argument and fix", () => {
  const cases: Array<[string, () => unknown, RegExp]> = [
    ["miaConfidence label", () => miaConfidence([[0.5, 0.5]], [2]), /miaConfidence: labels\[0\]=2 is not a class 0…1/],
    ["miaLoss lengths", () => miaLoss([[0.5, 0.5]], [0, 1]), /miaLoss: labels.length=2 is not the 1 rows/],
    ["miaMinK NaN", () => miaMinK([[NaN]]), /miaMinK: tokenLogProbs\[0\]\[0\]=NaN is not a finite number/],
    ["miaMinK k", () => miaMinK([[1]], 0), /miaMinK: k=0 is not in \(0, 1\]/],
    ["miaAuc direction", () => miaAuc([1], [0], "up" as never), /miaAuc: direction="up" is not a direction/],
    ["miaAuc empty", () => miaAuc([], [0], "lower-is-member"), /miaAuc: memberScores=array of length 0 is empty/],
    ["truthRatio empty perturbed", () => truthRatio([1], [[]]), /truthRatio: perturbedAvgLosses\[0\]=array of length 0 is empty/],
    ["forgetQuality NaN", () => forgetQuality([NaN], [1]), /forgetQuality: unlearnedTruthRatios\[0\]=NaN/],
    ["modelUtility negative", () => modelUtility([0.5, -1]), /modelUtility: components\[1\]=-1/],
    ["privLeak convention", () => privLeak(0.5, 0.5, "tofu" as never), /privLeak: convention="tofu" is not a convention/],
    ["privLeak range", () => privLeak(1.5, 0.5), /privLeak: aucUnlearn=1.5 is not an AUC/],
    ["privLeak positive", () => privLeak(0.5, 0.5, "muse", { positive: "members" as never }), /privLeak: positive="members" is not a set/],
    ["privLeak undefined", () => privLeak(0.5, 1), /privLeak: aucRetrain=1 leaves MUSE's holdout-positive AUC of the retrained model at 0/],
    ["truthRatioScore aggregator", () => truthRatioScore([1], "mean" as never), /truthRatioScore: aggregator="mean" is not an aggregator/],
    ["avgGap missing", () => avgGap({ UA: 0.1 }, { UA: 0.1, RA: 1, TA: 1, MIA: 0 }), /avgGap: metrics.RA=undefined is not a finite number/],
    ["knowledgeRecovery equal", () => knowledgeRecovery({ clean: 0.5, corrupted: 0.5, unlearned: 0.5 }), /knowledgeRecovery: corrupted=0.5 equals clean/],
    ["logistic one class", () => fitLogisticRegression([1, 2], [1, 1], 1), /fitLogisticRegression: y=array of length 2 holds only one class/],
  ];
  it.each(cases)("%s", (_n, f, re) => { expect(f).toThrow(ReplabError); expect(f).toThrow(re); });
});
