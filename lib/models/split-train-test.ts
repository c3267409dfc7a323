import { require_, requireInteger } from "../core/errors.js";
import { rng } from "../core/rng.js";
import { type LabelledData, checkLabelledData, subsetRows } from "./labelled-data.js";

/**
 * Seeded stratified train/test split: within each class, a `rng(seed)` shuffle puts
 * round(testFraction·count) examples in the test set and the rest in the training set.
 */
export function splitTrainTest(data: LabelledData, options: { testFraction?: number; seed: number }): { train: LabelledData; test: LabelledData } {
  checkLabelledData("splitTrainTest", "data", data);
  const testFraction = options?.testFraction ?? 0.25;
  require_(typeof testFraction === "number" && testFraction > 0 && testFraction < 1, "splitTrainTest", "testFraction", testFraction, "is not in (0, 1)", "pass a fraction such as 0.25");
  requireInteger("splitTrainTest", "seed", options?.seed, 0);
  const r = rng(options.seed);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < data.n; i++) {
    const c = data.y[i]!;
    if (!byClass.has(c)) byClass.set(c, []);
    byClass.get(c)!.push(i);
  }
  const train: number[] = [], test: number[] = [];
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const rows = r.shuffle(byClass.get(c)!);
    const k = Math.round(testFraction * rows.length);
    test.push(...rows.slice(0, k));
    train.push(...rows.slice(k));
  }
  train.sort((a, b) => a - b); test.sort((a, b) => a - b);
  return { train: subsetRows(data, train), test: subsetRows(data, test) };
}
