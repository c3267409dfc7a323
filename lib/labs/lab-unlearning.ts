import { rng, tf, requireInteger } from "../core/index.js";
import { loadDigits } from "../frames/index.js";
import { subsetRows, type LabelledData, type Mlp } from "../models/index.js";
import { makeUnlearningSplits, trainClassifier, trainEpochs, type UnlearningSplits, type BatchLoss } from "../unlearning/index.js";
import { rocAuc } from "../stats/index.js";
import { check } from "./check.js";
import { callStudent, expectClose, expectEqual } from "./expect.js";
import { notYet } from "./not-yet.js";
import { describeReturned } from "./describe-thrown.js";

const LAB = "unlearning";

/** Gradient-ascent settings the lab prescribes (and its checks reproduce). */
export const UNLEARNING_LAB_GA = { epochs: 3, lr: 0.015, batchSize: 32, seed: 0 } as const;

/** Lab 4's experiment: class-wise forgetting of digit 3, the original and retrained-from-scratch models, and the relearning attack's data. */
export interface UnlearningLabSetup {
  seed: number;
  splits: UnlearningSplits;
  /** MLP [64, 64, 10] trained 20 epochs on the whole training set. */
  original: Mlp;
  /** The same, trained on the retain set only: exact unlearning, the gold standard. */
  retrained: Mlp;
  /** 10% of the forget set, the attacker's relearning data. */
  relearnSlice: LabelledData;
  /** The other 90%, on which the attack measures accuracy. */
  relearnRest: LabelledData;
}

const setups = new Map<number, Promise<UnlearningLabSetup>>();

/**
 * The set-up of lab 4, built once per seed: the 8×8 digits with every training example of digit 3
 * as the forget set (class-wise forgetting, as in SalUn, Fan et al. 2024), an MLP trained on all
 * the training data, one retrained on the retain set only, and a seeded 10% / 90% split of the
 * forget set for the relearning attack (Lynch et al. 2024; Hu et al. 2024).
 */
export function unlearningLabSetup(seed = 0): Promise<UnlearningLabSetup> {
  requireInteger("unlearningLabSetup", "seed", seed, 0);
  let s = setups.get(seed);
  if (!s) {
    s = (async () => {
      const splits = makeUnlearningSplits(loadDigits(), { forget: { kind: "class", class: 3 }, seed });
      const original = await trainClassifier(splits.train, { seed });
      const retrained = await trainClassifier(splits.retain, { seed, classes: 10 });
      const order = rng(seed).fork("relearn-lab").shuffle(Array.from({ length: splits.forget.n }, (_, i) => i));
      const k = Math.round(0.1 * splits.forget.n);
      return { seed, splits, original, retrained, relearnSlice: subsetRows(splits.forget, order.slice(0, k)), relearnRest: subsetRows(splits.forget, order.slice(k)) };
    })();
    setups.set(seed, s);
  }
  return s;
}

/** −(mean softmax cross-entropy): minimising it is gradient ascent on the loss. */
export const referenceGradientAscentLoss: BatchLoss = (z, b) => tf.tidy(() => tf.neg(tf.mean(tf.sub(tf.logSumExp(z, 1), tf.sum(tf.mul(z, tf.oneHot(b.y, z.shape[1])), 1))))) as tf.Scalar;

/** Gradient ascent as the lab prescribes it: a copy of `original`, {@link UNLEARNING_LAB_GA} epochs of SGD on −CE over `forget`. */
export function referenceGradientAscent(original: Mlp, forget: LabelledData): Mlp {
  const m = original.clone();
  trainEpochs(m, forget, referenceGradientAscentLoss, { ...UNLEARNING_LAB_GA });
  return m;
}

/** Full-batch SGD steps on `slice` (cross-entropy, `lr`) until accuracy on `rest` reaches `target`; null if not within `maxSteps`. `model` is not changed. */
export function referenceStepsToRelearn(model: Mlp, slice: LabelledData, rest: LabelledData, target: number, lr = 0.03, maxSteps = 100): number | null {
  const m = model.clone();
  try {
    for (let steps = 0; ; steps++) {
      if (m.accuracy(rest) >= target) return steps;
      if (steps === maxSteps) return null;
      m.trainStep(slice.x, slice.y, lr);
    }
  } finally {
    m.dispose();
  }
}

/** Mean cross-entropy −log softmax(z)_y of a logits array, computed in plain JS (the check's independent reference). */
function meanCrossEntropy(logits: number[][], labels: number[]): number {
  let total = 0;
  logits.forEach((row, i) => {
    const m = Math.max(...row);
    const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
    total += lse - row[labels[i]!]!;
  });
  return total / labels.length;
}

/**
 * The checks of lab 4 (unlearning): the gradient-ascent loss against −CE computed in plain JS;
 * the unlearned model's weights against a reference run with the same seed; the membership AUC
 * against replab/stats' `rocAuc` (scikit-learn's `roc_auc_score`, ties half); the relearning
 * attack's step counts against a reference loop on the lab's models.
 */
export const unlearningLab = {
  id: LAB,
  setup: unlearningLabSetup,
  gaSettings: UNLEARNING_LAB_GA,

  /** Exercise 1: `gradientAscentLoss(logits, batch)` = −mean cross-entropy, as a tf.Scalar. */
  checkGradientAscentLoss(gradientAscentLoss: unknown): Promise<void> {
    return check({ lab: LAB, exercise: "gradient-ascent-loss", hint: "cross-entropy per row is logSumExp(z) − z[y]; take the mean and negate it" }, async () => {
      const logits = [[2, -1, 0.5], [0, 0, 0], [-3, 4, 1], [1.5, 1.5, -2]];
      const labels = [0, 2, 1, 0];
      const z = tf.tensor2d(logits);
      const y = tf.tensor1d(labels, "int32");
      try {
        const out = await callStudent<unknown>(gradientAscentLoss, "gradientAscentLoss", [z, { y, rows: Int32Array.from([0, 1, 2, 3]) }]);
        if (!(out instanceof tf.Tensor)) notYet(`gradientAscentLoss returned ${describeReturned(out)}, not a tf.Scalar`, "build the loss with tf operations (tf.logSumExp, tf.oneHot, tf.mean, tf.neg)");
        if (out.size !== 1) notYet(`gradientAscentLoss returned a tensor of shape [${out.shape}], not a scalar`, "average over the batch with tf.mean");
        const value = (await out.data())[0];
        out.dispose();
        const ce = meanCrossEntropy(logits, labels);
        if (value !== undefined && Math.abs(value - ce) < 1e-4) notYet(`gradientAscentLoss is +${ce.toFixed(4)}: that is the cross-entropy itself, so SGD would still descend`, "negate it");
        expectClose(value, -ce, "gradientAscentLoss on the test batch", { tol: 1e-4 });
      } finally {
        z.dispose();
        y.dispose();
      }
    });
  },

  /** Exercise 2: `unlearnGA(original, forget)` returns an unlearned copy, trained with the lab's GA settings. */
  checkUnlearn(unlearnGA: unknown, seed = 0): Promise<void> {
    return check({ lab: LAB, exercise: "unlearn", hint: "const m = original.clone(); trainEpochs(m, forget, gradientAscentLoss, unlearningLab.gaSettings); return m;" }, async () => {
      const s = await unlearningLabSetup(seed);
      const before = s.original.getWeights();
      const got = await callStudent<Mlp>(unlearnGA, "unlearnGA", [s.original, s.splits.forget]);
      const after = s.original.getWeights();
      if (before.some((w, i) => w.some((v, j) => v !== after[i]![j]))) {
        s.original.setWeights(before);
        notYet("unlearnGA changed the original model", "train a copy: original.clone()");
      }
      if (!got || typeof (got as Mlp).getWeights !== "function") notYet(`unlearnGA returned ${describeReturned(got)}, not a model`, "return the unlearned copy");
      if (got === s.original) notYet("unlearnGA returned the original model itself", "train and return original.clone()");
      const want = referenceGradientAscent(s.original, s.splits.forget);
      const forgetAcc = want.accuracy(s.splits.forget);
      const gw = got.getWeights(), ww = want.getWeights();
      want.dispose();
      let maxDiff = 0;
      ww.forEach((w, i) => w.forEach((v, j) => { maxDiff = Math.max(maxDiff, Math.abs(v - (gw[i]?.[j] ?? NaN))); }));
      if (!(maxDiff < 1e-3)) notYet(`the unlearned weights differ from gradient ascent with the lab's settings (largest difference ${Number.isNaN(maxDiff) ? "NaN" : maxDiff.toExponential(2)})`, "use trainEpochs(copy, forget, gradientAscentLoss, unlearningLab.gaSettings)");
      return `forget-set accuracy ${s.original.accuracy(s.splits.forget).toFixed(2)} → ${forgetAcc.toFixed(2)}`;
    });
  },

  /** Exercise 3: `membershipAuc(memberLosses, nonMemberLosses)` = P(member loss < non-member loss) + ½ P(tie). */
  checkLossAuc(membershipAuc: unknown): Promise<void> {
    return check({ lab: LAB, exercise: "loss-auc", hint: "count, over all (member, non-member) pairs, 1 when the member's loss is lower and ½ when equal; divide by the number of pairs" }, async () => {
      const r = rng(7);
      const cases: Array<[number[], number[]]> = [
        [[0.1, 0.2, 0.3], [0.4, 0.5]],
        [[0.5, 0.2, 0.2, 0.9], [0.2, 0.7, 0.1]],
        [Array.from({ length: 40 }, () => Math.round(r.next() * 10) / 10), Array.from({ length: 30 }, () => Math.round((r.next() + 0.2) * 10) / 10)],
      ];
      for (const [m, n] of cases) {
        // members are the positive class; a lower loss means "more likely a member", so the score is −loss
        const want = rocAuc([...m.map((v) => -v), ...n.map((v) => -v)], [...m.map(() => 1), ...n.map(() => 0)]);
        const label = m.length <= 4 ? `membershipAuc([${m}], [${n}])` : "membershipAuc on 40 members and 30 non-members with ties";
        expectClose(await callStudent(membershipAuc, "membershipAuc", [m, n]), want, label, { tol: 1e-9 });
      }
    });
  },

  /** Exercise 4: `stepsToRelearn(model, slice, rest, target)` counts full-batch SGD steps (lr 0.03, at most 100) until accuracy on `rest` reaches `target`. */
  checkRelearning(stepsToRelearn: unknown, seed = 0): Promise<void> {
    return check({ lab: LAB, exercise: "relearning", hint: "clone the model; loop: if accuracy(rest) ≥ target return the step count; if it is 100 return null; else trainStep(slice.x, slice.y, 0.03)" }, async () => {
      const s = await unlearningLabSetup(seed);
      const ga = referenceGradientAscent(s.original, s.splits.forget);
      try {
        for (const [name, model] of [["the original", s.original], ["the unlearned", ga], ["the retrained", s.retrained]] as const) {
          const want = referenceStepsToRelearn(model, s.relearnSlice, s.relearnRest, 0.8);
          const before = model.getWeights();
          const got = await callStudent(stepsToRelearn, "stepsToRelearn", [model, s.relearnSlice, s.relearnRest, 0.8]);
          const after = model.getWeights();
          if (before.some((w, i) => w.some((v, j) => v !== after[i]![j]))) {
            model.setWeights(before);
            notYet(`stepsToRelearn changed ${name} model it was given`, "train a clone: model.clone()");
          }
          expectEqual(got, want as number, `stepsToRelearn(${name} model, …, 0.8)`);
        }
      } finally {
        ga.dispose();
      }
    });
  },
};
