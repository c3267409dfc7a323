import { require_, requireInteger } from "../core/errors.js";
import { rng } from "../core/rng.js";
import { type LabelledData, checkLabelledData, splitTrainTest, subsetRows } from "../models/index.js";

/** How to choose the forget set: a random share of the training set, or every example of one class. */
export type ForgetSpec = { kind: "random"; fraction: number } | { kind: "class"; class: number };

/** Forget / retain / test splits for classification unlearning. */
export interface UnlearningSplits {
  /** The full training set the original model learns (retain ∪ forget). */
  train: LabelledData;
  /** Training examples to forget (D_f). */
  forget: LabelledData;
  /** Training examples to keep (D_r = train \ D_f). */
  retain: LabelledData;
  /** Held-out test examples of the classes that are kept (TA is measured here). */
  test: LabelledData;
  /** Held-out test examples of the forgotten class (class forgetting only; empty otherwise). */
  testForgotten: LabelledData;
  /** Row numbers of `forget` within `train`. */
  forgetRows: number[];
  spec: ForgetSpec;
  seed: number;
}

/**
 * Seeded forget/retain/test splits (SalUn, Fan et al. 2024; ℓ1-sparse, Jia et al. 2023 set-ups):
 * a stratified `testFraction` of `data` is held out as the test set (`splitTrainTest`), then from the training set
 * either a random `fraction` of examples (random forgetting) or every example of one class
 * (class-wise forgetting) forms the forget set; the rest is the retain set.
 */
export function makeUnlearningSplits(data: LabelledData, options: { forget: ForgetSpec; testFraction?: number; seed: number }): UnlearningSplits {
  const where = "makeUnlearningSplits";
  checkLabelledData(where, "data", data);
  requireInteger(where, "seed", options?.seed, 0);
  const spec = options.forget;
  require_(spec && (spec.kind === "random" || spec.kind === "class"), where, "forget", spec, "is not a forget spec", 'pass { kind: "random", fraction: 0.1 } or { kind: "class", class: 3 }');
  const testFraction = options.testFraction ?? 0.2;
  require_(typeof testFraction === "number" && testFraction > 0 && testFraction < 1, where, "testFraction", testFraction, "is not in (0, 1)", "pass a fraction such as 0.2");
  // Stratified test split (replab/models' splitTrainTest), then the forget set from its own stream.
  const { train, test: fullTest } = splitTrainTest(data, { testFraction, seed: options.seed });
  const r = rng(options.seed).fork("forget");
  const classes = new Set(train.y);
  let forgetRows: number[];
  if (spec.kind === "random") {
    require_(typeof spec.fraction === "number" && spec.fraction > 0 && spec.fraction < 1, where, "forget.fraction", spec.fraction, "is not in (0, 1)", "pass a fraction such as 0.1");
    const k = Math.max(1, Math.round(spec.fraction * train.n));
    forgetRows = r.shuffle(Array.from({ length: train.n }, (_, i) => i)).slice(0, k).sort((a, b) => a - b);
  } else {
    require_(classes.has(spec.class), where, "forget.class", spec.class, "is not a class in the data", `pass one of ${[...classes].sort((a, b) => a - b).join(", ")}`);
    forgetRows = [];
    for (let i = 0; i < train.n; i++) if (train.y[i] === spec.class) forgetRows.push(i);
  }
  const inForget = new Uint8Array(train.n);
  for (const i of forgetRows) inForget[i] = 1;
  const retainRows: number[] = [];
  for (let i = 0; i < train.n; i++) if (!inForget[i]) retainRows.push(i);
  const keptTest: number[] = [], forgottenTest: number[] = [];
  for (let i = 0; i < fullTest.n; i++) (spec.kind === "class" && fullTest.y[i] === spec.class ? forgottenTest : keptTest).push(i);
  return {
    train,
    forget: subsetRows(train, forgetRows),
    retain: subsetRows(train, retainRows),
    test: subsetRows(fullTest, keptTest),
    testForgotten: subsetRows(fullTest, forgottenTest),
    forgetRows,
    spec,
    seed: options.seed,
  };
}
