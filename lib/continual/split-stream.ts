import { require_, requireInteger } from "../core/errors.js";
import { type LabelledData, checkLabelledData, subsetRows, splitTrainTest } from "../models/index.js";
import { type TaskStream, type Task, makeTaskStream } from "./task-stream.js";

/** Options for {@link splitTaskStream}. */
export interface SplitStreamOptions {
  /** Classes of each task, in training order; default: consecutive pairs [[0,1],[2,3],…]. */
  taskClasses?: number[][];
  /** "class-incremental" (one shared head, default) or "task-incremental" (each task predicts among its own classes). */
  scenario?: "class-incremental" | "task-incremental";
  /** Share of each class held out for testing (default 0.25); not with `test`. */
  testFraction?: number;
  /**
   * A held-out set to take every task's test examples from — e.g. a dataset's own test split, as
   * De Lange et al. (2023) evaluate on — instead of splitting `data`, which is then all training data.
   */
  test?: LabelledData;
  /** Names of the classes by label, used to name the tasks (default: "digits 0,1", …). */
  classNames?: readonly string[];
  seed: number;
}

/**
 * Split stream (Zenke et al. 2017 "Split MNIST"; van de Ven & Tolias 2019): the classes are
 * divided into disjoint groups, one task per group, trained in order. The train/test split is a
 * seeded stratified split of `data` made once before dividing it, or, with `test`, `data` trains
 * and `test` tests.
 */
export function splitTaskStream(data: LabelledData, options: SplitStreamOptions): TaskStream {
  checkLabelledData("splitTaskStream", "data", data);
  requireInteger("splitTaskStream", "seed", options?.seed, 0);
  const scenario = options.scenario ?? "class-incremental";
  require_(scenario === "class-incremental" || scenario === "task-incremental", "splitTaskStream", "scenario", scenario, "is not a split scenario", 'use "class-incremental" or "task-incremental"');
  let maxLabel = 0;
  for (let i = 0; i < data.n; i++) maxLabel = Math.max(maxLabel, data.y[i]!);
  const classes = maxLabel + 1;
  const groups = options.taskClasses ?? Array.from({ length: Math.ceil(classes / 2) }, (_, t) => [2 * t, 2 * t + 1].filter((c) => c < classes));
  const seen = new Set<number>();
  groups.forEach((g, t) => {
    require_(Array.isArray(g) && g.length > 0, "splitTaskStream", `taskClasses[${t}]`, g, "is not a non-empty list of classes", "give each task at least one class");
    for (const c of g) {
      require_(Number.isInteger(c) && c >= 0 && c < classes, "splitTaskStream", `taskClasses[${t}]`, c, `is not a class of the data (0…${classes - 1})`, "use labels that occur in the data");
      require_(!seen.has(c), "splitTaskStream", `taskClasses[${t}]`, c, "is in two tasks", "give each class to one task");
      seen.add(c);
    }
  });
  if (options.test !== undefined) {
    checkLabelledData("splitTaskStream", "test", options.test);
    require_(options.test.features === data.features, "splitTaskStream", "test.features", options.test.features, `differs from data.features=${data.features}`, "pass a test set with the same input width as data");
    require_(options.testFraction === undefined, "splitTaskStream", "testFraction", options.testFraction, "is given together with test", "pass either test (a held-out set) or testFraction (a share of data to hold out), not both");
  }
  const { train, test } = options.test !== undefined ? { train: data, test: options.test } : splitTrainTest(data, { testFraction: options.testFraction, seed: options.seed });
  const pick = (d: LabelledData, g: number[]) => {
    const rows: number[] = [];
    for (let i = 0; i < d.n; i++) if (g.includes(d.y[i]!)) rows.push(i);
    return subsetRows(d, rows);
  };
  const tasks: Task[] = groups.map((g, index) => ({
    index, name: options.classNames ? g.map((c) => options.classNames![c] ?? String(c)).join(" / ") : `digits ${g.join(",")}`, train: pick(train, g), test: pick(test, g), classes: g.slice(),
    heads: scenario === "task-incremental" ? g.slice() : null,
  }));
  const held = options.test !== undefined ? { test: `given (${options.test.n} examples)` } : { testFraction: options.testFraction ?? 0.25 };
  return makeTaskStream(scenario, tasks, classes, { kind: "split", scenario, taskClasses: groups, ...held, seed: options.seed });
}
