import { concatData } from "../models/index.js";
import type { Strategy } from "./strategy.js";

/**
 * Joint training, the upper bound: while task t trains, batches are drawn uniformly from the
 * union of the training sets of tasks 0…t (all data seen so far, as if it were i.i.d.).
 */
export function jointTraining(): Strategy {
  return {
    name: "joint",
    config: {},
    trainingData(ctx) {
      const seen = ctx.stream.tasks.slice(0, ctx.task.index + 1);
      const data = concatData(seen.map((t) => t.train));
      const task = new Int32Array(data.n);
      let at = 0;
      for (const t of seen) { task.fill(t.index, at, at + t.train.n); at += t.train.n; }
      return { ...data, task };
    },
  };
}
