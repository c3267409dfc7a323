import { require_, requireInteger } from "../core/errors.js";
import { type LabelledData, concatData, subsetRows } from "../models/index.js";
import type { Strategy, TrainBatch } from "./strategy.js";

/** Options for {@link experienceReplay}. */
export interface ReplayOptions {
  /** Buffer capacity in examples, shared equally by all classes seen so far (default 200). */
  memorySize?: number;
  /** Replayed examples added to every batch once the buffer holds any (default: the batch size). */
  replayBatchSize?: number;
  /**
   * Loss weight α of the replayed part: loss = (1 − α)·CE(new) + α·CE(replay) (default 0.5,
   * the same as one mean over a half-new, half-replay batch, as De Lange et al. 2023 do).
   */
  replayWeight?: number;
}

/**
 * Experience replay with a class-balanced buffer (Chaudhry et al. 2019 "tiny episodic memories";
 * the ER baseline of De Lange et al. 2023): after each task the buffer is refilled so that every
 * class seen so far keeps ⌊memorySize / classes⌋ examples (a seeded random subset; the remainder
 * goes to the first classes), and each training batch is joined by `replayBatchSize` examples
 * drawn uniformly from the buffer, weighted by `replayWeight`.
 */
export function experienceReplay(options: ReplayOptions = {}): Strategy {
  const memorySize = options.memorySize ?? 200;
  requireInteger("experienceReplay", "memorySize", memorySize, 1);
  if (options.replayBatchSize !== undefined) requireInteger("experienceReplay", "replayBatchSize", options.replayBatchSize, 1);
  const alpha = options.replayWeight ?? 0.5;
  require_(typeof alpha === "number" && alpha >= 0 && alpha <= 1, "experienceReplay", "replayWeight", alpha, "is not in [0, 1]", "pass a weight such as 0.5");
  // Buffer contents per class: rows (features) with the task each came from.
  let perClass = new Map<number, { data: LabelledData; task: number }>();
  let buffer: (LabelledData & { task: Int32Array }) | null = null;

  const rebuild = () => {
    const parts = [...perClass.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
    if (parts.length === 0) { buffer = null; return; }
    const data = concatData(parts.map((p) => p.data));
    const task = new Int32Array(data.n);
    let at = 0;
    for (const p of parts) { task.fill(p.task, at, at + p.data.n); at += p.data.n; }
    buffer = { ...data, task };
  };

  return {
    name: "replay",
    config: { memorySize, replayBatchSize: options.replayBatchSize ?? "batch size", replayWeight: alpha },
    afterTask(ctx) {
      const train = ctx.task.train;
      const classes = new Set<number>([...perClass.keys(), ...ctx.task.classes]);
      const sorted = [...classes].sort((a, b) => a - b);
      const base = Math.floor(memorySize / sorted.length), extra = memorySize % sorted.length;
      const next = new Map<number, { data: LabelledData; task: number }>();
      sorted.forEach((c, k) => {
        const quota = base + (k < extra ? 1 : 0);
        const old = perClass.get(c);
        if (old) {
          next.set(c, { data: subsetRows(old.data, Array.from({ length: Math.min(quota, old.data.n) }, (_, i) => i)), task: old.task });
        } else {
          const rows: number[] = [];
          for (let i = 0; i < train.n; i++) if (train.y[i] === c) rows.push(i);
          const chosen = ctx.rng.shuffle(rows).slice(0, quota);
          next.set(c, { data: subsetRows(train, chosen), task: ctx.task.index });
        }
      });
      perClass = next;
      rebuild();
    },
    extendBatch(ctx, batch): TrainBatch {
      if (!buffer || buffer.n === 0 || alpha === 0) return batch;
      const m = options.replayBatchSize ?? batch.n;
      const idx = Array.from({ length: m }, () => ctx.rng.int(buffer!.n));
      const rep = subsetRows(buffer, idx);
      const joined = concatData([batch, rep]);
      const task = new Int32Array(joined.n);
      task.set(batch.task);
      idx.forEach((r, i) => { task[batch.n + i] = buffer!.task[r]!; });
      const weight = new Float32Array(joined.n);
      for (let i = 0; i < batch.n; i++) weight[i] = batch.weight[i]! * (1 - alpha);
      for (let i = 0; i < m; i++) weight[batch.n + i] = alpha / m;
      return { ...joined, task, weight };
    },
    saveState() {
      return [...perClass.entries()].map(([c, v]) => ({ c, task: v.task, x: Array.from(v.data.x), y: Array.from(v.data.y), features: v.data.features }));
    },
    loadState(state) {
      perClass = new Map();
      for (const e of state as Array<{ c: number; task: number; x: number[]; y: number[]; features: number }>) {
        perClass.set(e.c, { task: e.task, data: { x: Float32Array.from(e.x), y: Int32Array.from(e.y), n: e.y.length, features: e.features } });
      }
      rebuild();
    },
  };
}
