// Every public metric of every area refuses null, undefined, NaN and ±Infinity with a ReplabError
// that names the argument (and the index, in an array). "Every" is checked, not hoped: the test
// lists the functions exported both by an area's index and by its metric modules, and fails on
// one that is neither exercised below nor set aside with a reason.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as aq from "arquero";
import { ReplabError } from "../../lib/core/index.js";
import * as R from "../../lib/rollouts/index.js";
import * as S from "../../lib/stats/index.js";
import * as C from "../../lib/continual/index.js";
import * as U from "../../lib/unlearning/index.js";
import * as V from "../../lib/verifiers/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BAD: unknown[] = [null, undefined, NaN, Infinity, -Infinity];

/**
 * One numeric input of a metric: `call(bad, i)` calls the metric with `bad` at position i (of
 * `size`); the error must name `arg(i)`. `call(valid, 0)` must succeed (default valid: 0.3). An
 * `optional` slot is an option whose undefined means "not given".
 */
interface Slot { arg: (i: number) => string; size: number; call: (bad: unknown, i: number) => unknown; valid?: unknown; optional?: boolean }
const at = (n: number, i: number, bad: unknown, fill = (j: number) => 0.15 + (0.7 * j) / n): number[] => Array.from({ length: n }, (_, j) => (j === i ? bad : fill(j)) as number);
const scalar = (arg: string, call: (bad: unknown) => unknown, valid?: unknown): Slot => ({ arg: () => arg, size: 1, call: (b) => call(b), valid });
const array = (arg: string, size: number, call: (bad: unknown, i: number) => unknown, valid?: unknown): Slot => ({ arg: (i) => `${arg}[${i}]`, size, call, valid });
const cell = (arg: string, size: number, call: (bad: unknown, i: number) => unknown, valid?: unknown): Slot => array(arg, size, call, valid); // a table column, named column[row]
const named = (arg: (i: number) => string, size: number, call: (bad: unknown, i: number) => unknown, valid?: unknown): Slot => ({ arg, size, call, valid });

const groups = (i: number, bad: unknown) => aq.from(at(6, i, bad, (j) => j % 2).map((reward, j) => ({ prompt_id: `p${j % 3}`, reward, answer: String(j % 2), reasoning_correct: true })));
const log = (col: string) => (b: unknown, i: number) => C.continualMetrics([0, 1, 2].map((it) => ({ iteration: it, trainTask: 0, evalTask: 0, accuracy: 0.5, [col]: it === i ? b : col === "accuracy" ? 0.5 : it })));
const probs = (b: unknown, i: number) => [[0.5, 0.5], [0.2, 0.8]].map((row, r) => row.map((p, c) => (r * 2 + c === i ? b : p))) as number[][];

const METRICS: Record<string, Slot[]> = {
  // replab/rollouts
  passAtK: [scalar("n", (b) => R.passAtK(b as number, 1, 1), 4), scalar("c", (b) => R.passAtK(4, b as number, 1), 1), scalar("k", (b) => R.passAtK(4, 1, b as number), 2)],
  passAtKMany: [array("n", 3, (b, i) => R.passAtKMany(at(3, i, b, () => 4), [1, 1, 1], [1, 1, 1]), 4), array("c", 3, (b, i) => R.passAtKMany([4, 4, 4], at(3, i, b, () => 1), [1, 1, 1]), 2)],
  passAtKFromProbability: [scalar("p", (b) => R.passAtKFromProbability(b as number, 2)), scalar("k", (b) => R.passAtKFromProbability(0.5, b as number), 3)],
  passHatK: [scalar("n", (b) => R.passHatK(b as number, 1, 1), 4), scalar("c", (b) => R.passHatK(4, b as number, 1), 1), scalar("k", (b) => R.passHatK(4, 1, b as number), 2)],
  gPassAtK: [scalar("n", (b) => R.gPassAtK(b as number, 1, 1, 0.5), 4), scalar("k", (b) => R.gPassAtK(4, 1, b as number, 0.5), 2), scalar("tau", (b) => R.gPassAtK(4, 1, 2, b as number))],
  mGPassAtK: [scalar("n", (b) => R.mGPassAtK(b as number, 1, 1), 4), scalar("c", (b) => R.mGPassAtK(4, b as number, 1), 2)],
  bayesAtN: [array("correct", 4, (b, i) => R.bayesAtN(at(4, i, b, (j) => j % 3), 3), 1), scalar("n", (b) => R.bayesAtN([1, 2], b as number), 3), cell("reward", 6, (b, i) => R.bayesAtN(groups(i, b)))],
  avgAtN: [array("correct", 4, (b, i) => R.avgAtN(at(4, i, b, (j) => j % 3), 3), 1), cell("reward", 6, (b, i) => R.avgAtN(groups(i, b)))],
  solveRates: [cell("reward", 6, (b, i) => R.solveRates(groups(i, b)))],
  expectedFracRewardZeroStd: [cell("reward", 6, (b, i) => R.expectedFracRewardZeroStd(groups(i, b), 2)), scalar("groupSize", (b) => R.expectedFracRewardZeroStd(groups(-1, 0), b as number), 2)],
  passAtKCurve: [cell("reward", 6, (b, i) => R.passAtKCurve(groups(i, b)))],
  cotPassAtKCurve: [cell("reward", 6, (b, i) => R.cotPassAtKCurve(groups(i, b)))],
  majAtK: [cell("reward", 6, (b, i) => R.majAtK(groups(i, b), 2))],
  entropyOfCounts: [array("counts", 4, (b, i) => R.entropyOfCounts(at(4, i, b, (j) => j + 1)))],
  groupAdvantages: [array("rewards", 6, (b, i) => R.groupAdvantages(at(6, i, b), 2)), cell("reward", 6, (b, i) => R.groupAdvantages(groups(i, b)))],
  groupRewardStd: [array("rewards", 6, (b, i) => R.groupRewardStd(at(6, i, b), 3)), cell("reward", 6, (b, i) => R.groupRewardStd(groups(i, b)))],
  fracRewardZeroStd: [array("rewards", 6, (b, i) => R.fracRewardZeroStd(at(6, i, b), 3)), cell("reward", 6, (b, i) => R.fracRewardZeroStd(groups(i, b)))],
  rewardGroupMetrics: [array("rewards", 6, (b, i) => R.rewardGroupMetrics(at(6, i, b), 2)), cell("reward", 6, (b, i) => R.rewardGroupMetrics(groups(i, b)))],
  sampleStd: [array("x", 5, (b, i) => R.sampleStd(at(5, i, b)))],
  klEstimate: [array("logp", 3, (b, i) => R.klEstimate(at(3, i, b, () => -1), [-1, -2, -3])), array("logq", 3, (b, i) => R.klEstimate([-1, -2, -3], at(3, i, b, () => -1)))],
  klMean: [array("logp", 3, (b, i) => R.klMean(at(3, i, b, () => -1), [-1, -2, -3]))],
  klDivergenceExact: [array("p", 2, (b, i) => R.klDivergenceExact(at(2, i, b, () => 0.5), [0.5, 0.5])), array("q", 2, (b, i) => R.klDivergenceExact([0.5, 0.5], at(2, i, b, () => 0.5)))],
  klShapedRewards: [array("rewards", 2, (b, i) => R.klShapedRewards(at(2, i, b), [-1, -1], [-1, -2], 0.1)), scalar("beta", (b) => R.klShapedRewards([1, 0], [-1, -1], [-1, -2], b as number))],
  entropyBonusRewards: [array("rewards", 2, (b, i) => R.entropyBonusRewards(at(2, i, b), [-1, -1], 0.1)), scalar("alpha", (b) => R.entropyBonusRewards([1, 0], [-1, -1], b as number))],
  // replab/stats
  rocAuc: [array("scores", 4, (b, i) => S.rocAuc(at(4, i, b), [0, 1, 0, 1]))],
  rocCurve: [array("scores", 4, (b, i) => S.rocCurve(at(4, i, b), [0, 1, 0, 1]))],
  ks2samp: [array("a", 4, (b, i) => S.ks2samp(at(4, i, b), [0.2, 0.5])), array("b", 3, (b, i) => S.ks2samp([0.2, 0.5], at(3, i, b)))],
  bootstrapCi: [array("values", 4, (b, i) => S.bootstrapCi(at(4, i, b), { resamples: 10 }))],
  bootstrapCiMany: [named((i) => `samples[1][${i}]`, 4, (b, i) => S.bootstrapCiMany([at(4, -1, 0), at(4, i, b)], { resamples: 10 }))],
  quantile: [array("values", 4, (b, i) => S.quantile(at(4, i, b), 0.5)), scalar("q", (b) => S.quantile([1, 2], b as number))],
  pairedTTest: [array("a", 4, (b, i) => S.pairedTTest(at(4, i, b), [0.3, 0.1, 0.9, 0.4]))],
  wilcoxonSignedRank: [array("b", 4, (b, i) => S.wilcoxonSignedRank([0.3, 0.1, 0.9, 0.4], at(4, i, b)))],
  holmBonferroni: [array("pvalues", 3, (b, i) => S.holmBonferroni(at(3, i, b)))],
  rankAverage: [array("values", 3, (b, i) => S.rankAverage(at(3, i, b)))],
  kolmogorovSf: [scalar("n", (b) => S.kolmogorovSf(b as number, 0.3), 5), scalar("x", (b) => S.kolmogorovSf(5, b as number))],
  smirnovSf: [scalar("x", (b) => S.smirnovSf(5, b as number))],
  normalPpf: [scalar("p", (b) => S.normalPpf(b as number))],
  meanInterval: [array("values", 4, (b, i) => S.meanInterval(at(4, i, b)))],
  studentTQuantile: [scalar("p", (b) => S.studentTQuantile(b as number, 3)), scalar("df", (b) => S.studentTQuantile(0.9, b as number), 3)],
  hypergeomSf: [scalar("x", (b) => S.hypergeomSf(b as number, 10, 4, 3), 1), scalar("M", (b) => S.hypergeomSf(1, b as number, 4, 3), 10)],
  hypergeomPmf: [scalar("N", (b) => S.hypergeomPmf(10, 4, b as number), 3)],
  // replab/continual
  continualMetrics: [named((i) => `log row ${i} accuracy`, 3, log("accuracy")), named((i) => `log row ${i} iteration`, 3, log("iteration"), 0)],
  sampleWiseForgetting: [array("before", 4, (b, i) => C.sampleWiseForgetting(at(4, i, b, (j) => j % 2), [1, 0, 1, 0]), 1), { ...scalar("choices", (b) => C.sampleWiseForgetting([1], [0], { choices: b as number }), 4), optional: true }],
  sampleWiseForgettingTable: [array("after", 3, (b, i) => C.sampleWiseForgettingTable([[1, 0, 1], at(3, i, b, (j) => j % 2)]), 0)],
  // replab/unlearning
  avgGap: [scalar("metrics.UA", (b) => U.avgGap({ UA: b as number, RA: 1, TA: 1, MIA: 1 }, { UA: 1, RA: 1, TA: 1, MIA: 1 }))],
  forgetQuality: [array("unlearnedTruthRatios", 3, (b, i) => U.forgetQuality(at(3, i, b), [0.2, 0.5])), array("retainTruthRatios", 3, (b, i) => U.forgetQuality([0.2, 0.5], at(3, i, b)))],
  knowledgeRecovery: [scalar("corrupted", (b) => U.knowledgeRecovery({ clean: 0.9, corrupted: b as number, unlearned: 0.5 }))],
  modelUtility: [array("components", 3, (b, i) => U.modelUtility(at(3, i, b)))],
  miaAuc: [array("memberScores", 3, (b, i) => U.miaAuc(at(3, i, b), [0.2, 0.3], "lower-is-member"))],
  miaConfidence: [named((i) => `probabilities[${i >> 1}][${i % 2}]`, 4, (b, i) => U.miaConfidence(probs(b, i), [0, 1]), 0.5)],
  miaEntropy: [named((i) => `probabilities[${i >> 1}][${i % 2}]`, 4, (b, i) => U.miaEntropy(probs(b, i), [0, 1]), 0.5)],
  miaLoss: [named((i) => `probabilities[${i >> 1}][${i % 2}]`, 4, (b, i) => U.miaLoss(probs(b, i), [0, 1]), 0.5)],
  miaModifiedEntropy: [named((i) => `probabilities[${i >> 1}][${i % 2}]`, 4, (b, i) => U.miaModifiedEntropy(probs(b, i), [0, 1]), 0.5)],
  miaMinK: [array("tokenLogProbs[0]", 4, (b, i) => U.miaMinK([at(4, i, b, () => -1)]))],
  miaSequenceLoss: [array("tokenLogProbs[0]", 4, (b, i) => U.miaSequenceLoss([at(4, i, b, () => -1)]))],
  miaZlib: [array("avgLosses", 2, (b, i) => U.miaZlib(at(2, i, b), ["a", "b"]))],
  miaReference: [array("targetLosses", 2, (b, i) => U.miaReference(at(2, i, b), [1, 2])), array("referenceLosses", 2, (b, i) => U.miaReference([1, 2], at(2, i, b)))],
  privLeak: [scalar("aucUnlearn", (b) => U.privLeak(b as number, 0.5)), scalar("aucRetrain", (b) => U.privLeak(0.5, b as number))],
  truthRatio: [array("paraphrasedAvgLoss", 2, (b, i) => U.truthRatio(at(2, i, b), [[1], [2]])), array("perturbedAvgLosses[1]", 2, (b, i) => U.truthRatio([1, 2], [[1, 1], at(2, i, b)]))],
  truthRatioScore: [array("ratios", 3, (b, i) => U.truthRatioScore(at(3, i, b), "prob_mean"))],
  fitLogisticRegression: [array("x", 4, (b, i) => U.fitLogisticRegression(at(4, i, b), [0, 1, 0, 1], 1))],
  logisticProbability: [array("x", 2, (b, i) => U.logisticProbability({ coef: [1], intercept: 0, d: 1 } as never, at(2, i, b)))],
  quantizeMatrix: [array("W", 4, (b, i) => U.quantizeMatrix(at(4, i, b), 2, 2, 8))],
  unlearningTable: [scalar("UA", (b) => U.unlearningTable([{ method: "Retrain", UA: 1, RA: 1, TA: 1, MIA: 1, seconds: 1 }, { method: "GA", UA: b as number, RA: 1, TA: 1, MIA: 1, seconds: 1 }]))],
  pairedMethodComparison: [named((i) => `rows[${i}].UA`, 4, (b, i) => U.pairedMethodComparison(aq.from([0, 1, 2, 3].map((s) => ({ seed: s >> 1, method: s % 2 ? "GA" : "FT", UA: s === i ? b : 0.1 * s, avgGap: 0.1 * s }))), { baseline: "FT", metric: "UA" }))],
  // replab/verifiers' evaluation instruments
  calibrationBins: [array("scores", 3, (b, i) => V.calibrationBins(at(3, i, b), [0, 1, 1]))],
  expectedCalibrationError: [array("scores", 3, (b, i) => V.expectedCalibrationError(at(3, i, b), [0, 1, 1]))],
  reliabilityTable: [array("scores", 3, (b, i) => V.reliabilityTable(at(3, i, b), [0, 1, 1]))],
  generationVerificationGap: [array("scores[0]", 3, (b, i) => V.generationVerificationGap([at(3, i, b)], [[0, 1, 1]]))],
  noiseCorrectedReward: [array("observed", 2, (b, i) => V.noiseCorrectedReward(at(2, i, b), 0.1, 0.1)), scalar("rho0", (b) => V.noiseCorrectedReward(0.5, b as number, 0.1))],
  forwardCorrectionWeight: [array("observed", 2, (b, i) => V.forwardCorrectionWeight(at(2, i, b), 0.1)), scalar("rho1", (b) => V.forwardCorrectionWeight(0.5, b as number))],
  estimateNoiseRates: [array("verdicts", 2, (b, i) => V.estimateNoiseRates(at(2, i, b, (j) => j % 2), [1, 0]), 1)],
  rewardInflation: [array("labels", 2, (b, i) => V.rewardInflation([1, 0], at(2, i, b, (j) => j % 2)), 1)],
  verifierRates: [array("accepted", 2, (b, i) => V.verifierRates(at(2, i, b, (j) => j % 2 === 1) as never, [true, false]), true)],
  verifierConfusion: [cell("verdict", 2, (b, i) => V.verifierConfusion([0, 1].map((j) => ({ verdict: j === i ? b : "correct", label: true }))), "correct")],
  wilsonInterval: [scalar("k", (b) => S.wilsonInterval(b as number, 10), 3), scalar("n", (b) => S.wilsonInterval(3, b as number), 10)],
  weakVerifierEnsemble: [array("votes[1]", 3, (b, i) => V.weakVerifierEnsemble([[1, 0, 1], at(3, i, b, (j) => j % 2)]), 1)],
};

/** Exported by a metric module but not a metric on numbers: why each is left out. */
const NOT_ON_NUMBERS: Record<string, string> = {
  passAtKUnchecked: "documented as unchecked, for inner loops whose inputs passAtK already checked",
  passHatKUnchecked: "documented as unchecked, for inner loops whose inputs passHatK already checked",
  answerDiversity: "reads answers (strings; a missing answer is its own outcome), no numbers",
  minAccuracy: "takes a log validated by parseContinualLog (continualMetrics, above, walks it)",
  worstCaseAccuracy: "takes a validated log (see minAccuracy)",
  windowedForgetting: "takes a validated log (see minAccuracy)",
  windowedPlasticity: "takes a validated log (see minAccuracy)",
  learningCurveArea: "takes a validated log (see minAccuracy)",
  finalAccuracy: "takes a validated log (see minAccuracy)",
  backwardTransfer: "takes a validated log (see minAccuracy)",
  forgettingAvalanche: "takes a validated log (see minAccuracy)",
  forgettingMammoth: "takes a validated log (see minAccuracy)",
  accuracyMatrix: "takes a validated log (see minAccuracy)",
  stabilityGaps: "takes a validated log (see minAccuracy)",
  parseContinualLog: "the validation continualMetrics runs (walked there)",
  miaEfficacy: "takes a model and splits; its numbers are the model's",
  unlearningAccuracies: "takes a model and splits; its numbers are the model's",
  quantizeModel: "takes a model (its matrices go through quantizeMatrix, walked)",
  evaluateUnlearning: "takes an unlearned model and splits; its numbers are the model's",
  compareUnlearningMethods: "trains and unlearns models from labelled data (checked as such)",
  sortFloat64: "replab/stats' in-place sort of a Float64Array, a utility (NaN sorts last, as in numpy)",
  roundHalfEven: "replab/stats' rounding utility, not a metric",
  masterKeyProbe: "takes a judge function and strings",
  evaluateJudge: "takes judge functions and strings (its intervals are wilsonInterval's, walked)",
};

async function metricModules(): Promise<Set<unknown>> {
  const dirs = ["lib/rollouts/metrics", "lib/continual/metrics", "lib/unlearning/metrics", "lib/unlearning/metrics/mia", "lib/verifiers/evaluation"];
  const files = ["lib/stats/index.ts", "lib/rollouts/group-advantages.ts", "lib/rollouts/kl-estimators.ts", "lib/rollouts/kl-shaped-rewards.ts", "lib/unlearning/attacks/quantize.ts", "lib/unlearning/attacks/knowledge-recovery.ts", "lib/unlearning/evaluate-unlearning.ts", "lib/unlearning/compare-methods.ts"];
  for (const d of dirs) for (const f of fs.readdirSync(path.join(root, d))) if (f.endsWith(".ts") && f !== "index.ts") files.push(`${d}/${f}`);
  const fns = new Set<unknown>();
  for (const f of files) for (const v of Object.values(await import(pathToFileURL(path.join(root, f)).href))) if (typeof v === "function") fns.add(v);
  return fns;
}

describe("every public metric refuses null, undefined, NaN and ±Infinity, naming the argument and the index", () => {
  it("walks every function that an area's index exports from its metric modules", async () => {
    const inModules = await metricModules();
    const publicFns = new Map<string, unknown>();
    for (const area of [R, S, C, U, V]) for (const [name, v] of Object.entries(area)) if (typeof v === "function" && inModules.has(v) && !/^[A-Z]/.test(name)) publicFns.set(name, v);
    const unlisted = [...publicFns.keys()].filter((n) => !(n in METRICS) && !(n in NOT_ON_NUMBERS)).sort();
    expect(unlisted, "a public metric is neither walked nor set aside with a reason").toEqual([]);
    const walked = Object.keys(METRICS).filter((n) => !publicFns.has(n));
    expect(walked, "names in METRICS that no area exports").toEqual([]);
  });

  for (const [name, slots] of Object.entries(METRICS)) {
    it(name, () => {
      for (const slot of slots) {
        expect(() => slot.call(slot.valid ?? 0.3, 0), `${name}: a valid call`).not.toThrow(); // the slot's valid value is accepted…
        fc.assert(fc.property(fc.integer({ min: 0, max: slot.size - 1 }), fc.constantFrom(...BAD.filter((b) => !(slot.optional && b === undefined))), (i, bad) => {
          let thrown: unknown = null;
          try { slot.call(bad, i); } catch (e) { thrown = e; }
          expect(thrown, `${name} with ${slot.arg(i)}=${String(bad)}`).toBeInstanceOf(ReplabError);
          expect((thrown as Error).message, `${name} with ${slot.arg(i)}=${String(bad)}`).toContain(slot.arg(i));
        }), { numRuns: 25 });
      }
    });
  }
});
