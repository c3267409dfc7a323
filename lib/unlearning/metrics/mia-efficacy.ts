import { require_ } from "../../core/errors.js";
import { rng } from "../../core/rng.js";
import { type LabelledData, type Mlp, subsetRows } from "../../models/index.js";
import { classProbabilities } from "../class-probabilities.js";
import { fitLogisticRegression, logisticProbability } from "./logistic-regression.js";
import { miaConfidence } from "./mia/confidence.js";
import type { UnlearningSplits } from "../splits.js";

/**
 * MIA-efficacy (Jia et al. 2023, ℓ1-sparse, §5 and Unlearn-Sparse's `SVC_MIA`; SalUn §5): train a
 * membership attack on the model's confidence p_y(x) with retain examples as members (label 1)
 * and test examples as non-members (label 0), |members| = |non-members| (a seeded subset of the
 * retain set, as the authors' code does), then apply it to the forget set:
 * MIA-efficacy = share of forget examples predicted non-member. Higher = more forgotten.
 * replab's attack is a logistic regression (scikit-learn LogisticRegression(C=1) objective);
 * the authors use an RBF SVC.
 */
export function miaEfficacy(model: Mlp, splits: UnlearningSplits, options: { seed?: number } = {}): number {
  require_(splits.test.n > 0 && splits.retain.n > 0 && splits.forget.n > 0, "miaEfficacy", "splits", splits, "has an empty retain, test or forget set", "make splits with makeUnlearningSplits");
  const r = rng(options.seed ?? splits.seed).fork("mia-shadow");
  const k = Math.min(splits.test.n, splits.retain.n);
  const shadowIn = subsetRows(splits.retain, r.shuffle(Array.from({ length: splits.retain.n }, (_, i) => i)).slice(0, k));
  const shadowOut = k < splits.test.n ? subsetRows(splits.test, r.shuffle(Array.from({ length: splits.test.n }, (_, i) => i)).slice(0, k)) : splits.test;
  const conf = (d: LabelledData) => miaConfidence(classProbabilities(model, d), d.y);
  const xin = conf(shadowIn), xout = conf(shadowOut);
  const X = new Float64Array(xin.length + xout.length);
  X.set(xin); X.set(xout, xin.length);
  const y = new Uint8Array(X.length);
  y.fill(1, 0, xin.length);
  const attack = fitLogisticRegression(X, y, 1);
  const pf = logisticProbability(attack, conf(splits.forget));
  let nonMember = 0;
  for (const p of pf) if (p < 0.5) nonMember++;
  return nonMember / pf.length;
}
