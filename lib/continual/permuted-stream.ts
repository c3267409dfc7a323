import { requireInteger } from "../core/errors.js";
import { rng } from "../core/rng.js";
import { type LabelledData, checkLabelledData, splitTrainTest } from "../models/index.js";
import { type Task, type TaskStream, makeTaskStream } from "./task-stream.js";

/** Applies a pixel permutation: out[:, j] = x[:, perm[j]]. */
export function permuteFeatures(data: LabelledData, perm: ArrayLike<number>): LabelledData {
  const f = data.features;
  const x = new Float32Array(data.x.length);
  for (let i = 0; i < data.n; i++) for (let j = 0; j < f; j++) x[i * f + j] = data.x[i * f + perm[j]!]!;
  return { x, y: data.y, n: data.n, features: f };
}

/**
 * Permuted stream (Goodfellow et al. 2013; Kirkpatrick et al. 2017 "permuted MNIST"),
 * domain-incremental: every task has all classes, its inputs shuffled by a fixed seeded pixel
 * permutation (task 0 keeps the original order). One seeded train/test split is shared by all tasks.
 */
export function permutedTaskStream(data: LabelledData, options: { tasks: number; testFraction?: number; seed: number }): TaskStream {
  checkLabelledData("permutedTaskStream", "data", data);
  requireInteger("permutedTaskStream", "tasks", options?.tasks, 1);
  requireInteger("permutedTaskStream", "seed", options.seed, 0);
  const { train, test } = splitTrainTest(data, { testFraction: options.testFraction, seed: options.seed });
  const r = rng(options.seed).fork("permutations");
  const identity = Array.from({ length: data.features }, (_, j) => j);
  let maxLabel = 0;
  for (let i = 0; i < data.n; i++) maxLabel = Math.max(maxLabel, data.y[i]!);
  const classes = Array.from({ length: maxLabel + 1 }, (_, c) => c);
  const tasks: Task[] = [];
  for (let t = 0; t < options.tasks; t++) {
    const perm = t === 0 ? identity : r.shuffle(identity);
    tasks.push({ index: t, name: t === 0 ? "original pixels" : `permutation ${t}`, train: permuteFeatures(train, perm), test: permuteFeatures(test, perm), classes, heads: null });
  }
  return makeTaskStream("domain-incremental", tasks, classes.length, { kind: "permuted", tasks: options.tasks, testFraction: options.testFraction ?? 0.25, seed: options.seed });
}
