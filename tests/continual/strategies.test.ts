import { describe, expect, it, beforeAll } from "vitest";
import fs from "node:fs";
import { initBackend, tf, rng, ReplabError } from "../../lib/core/index.js";
import { loadDigits } from "../../lib/frames/index.js";
import {
  createMlpSync, makeTaskStream, elasticWeightConsolidation, experienceReplay, learningWithoutForgetting, jointTraining,
  splitTaskStream, crossEntropyLoss, type StrategyContext, type Task,
} from "../../lib/continual/index.js";

// Reference: Avalanche-style EWC importances computed with PyTorch autograd (fixtures/make_strategies_torch.py).
const ewcRef = JSON.parse(fs.readFileSync(new URL("./fixtures/ewc-fisher-torch.json", import.meta.url), "utf8"));

describe("strategies", () => {
  beforeAll(async () => { await initBackend(); });

  it("EWC's diagonal Fisher matches Avalanche's importances computed in PyTorch", () => {
    const model = createMlpSync({ sizes: ewcRef.sizes, seed: 0 });
    model.setWeights([ewcRef.W[0], ewcRef.b[0], ewcRef.W[1], ewcRef.b[1]]);
    const data = { x: Float32Array.from(ewcRef.x), y: Int32Array.from(ewcRef.y), n: 10, features: 4 };
    const task: Task = { index: 0, name: "t", train: data, test: data, classes: [0, 1, 2], heads: null };
    const stream = makeTaskStream("domain-incremental", [task], 3, {});
    const ewc = elasticWeightConsolidation({ lambda: 2, fisherBatchSize: ewcRef.fisherBatchSize });
    const ctx: StrategyContext = { model, stream, task, iteration: 0, rng: rng(0), lr: 0.1 };
    ewc.afterTask!(ctx);
    const state = ewc.saveState!() as { fSum: Array<{ v: number[] }> };
    state.fSum.forEach((f, k) => f.v.forEach((v, j) => expect(Math.abs(v - ewcRef.fisher[k][j])).toBeLessThan(1e-6)));
    // penalty gradient 2λ·F⊙(θ − θ*): zero at θ*, and 2λ·F·δ after moving every weight by δ
    const g0 = ewc.penaltyGrad!(ctx, { W: model.W, b: model.b });
    for (const t of [...g0.W, ...g0.b]) expect(Math.max(...Array.from(t.dataSync(), Math.abs))).toBeLessThan(1e-7);
    model.setWeights(model.getWeights().map((w) => w.map((v) => v + 0.5)));
    const g1 = ewc.penaltyGrad!(ctx, { W: model.W, b: model.b });
    const flatG = [g1.W[0]!, g1.b[0]!, g1.W[1]!, g1.b[1]!];
    flatG.forEach((t, k) => Array.from(t.dataSync()).forEach((v, j) => expect(v).toBeCloseTo(2 * 2 * ewcRef.fisher[k][j] * 0.5, 5)));
    ewc.dispose!(); model.dispose();
    expect(() => elasticWeightConsolidation({ lambda: -1 })).toThrow(ReplabError);
  });

  it("LwF's analytic gradient equals tfjs autograd of its distillation loss", () => {
    const stream = splitTaskStream(loadDigits(), { seed: 0, taskClasses: [[0, 1], [2, 3]] });
    const model = createMlpSync({ sizes: [64, 16, 10], seed: 2 });
    const lwf = learningWithoutForgetting({ alpha: 0.7, temperature: 2 });
    const ctx: StrategyContext = { model, stream, task: stream.tasks[0]!, iteration: 0, rng: rng(0), lr: 0.1 };
    lwf.afterTask!(ctx);
    model.setWeights(model.getWeights().map((w, k) => w.map((v, j) => v + 0.05 * Math.sin(k + j))));
    const x = tf.tensor2d(stream.tasks[1]!.train.x.subarray(0, 8 * 64), [8, 64]);
    const loss = lwf.extraLoss!({ ...ctx, task: stream.tasks[1]! }, x, null as never)!;
    const z = model.logits(x);
    const auto = tf.grad(loss)(z).arraySync() as number[][];
    const mine = loss.gradient!(z).arraySync() as number[][];
    auto.forEach((row, i) => row.forEach((v, j) => expect(mine[i]![j]!).toBeCloseTo(v, 6)));
    // only the old units (digits 0 and 1) are distilled
    for (const row of mine) for (let j = 2; j < 10; j++) expect(row[j]).toBe(0);
    expect(loss(z).dataSync()[0]!).toBeGreaterThan(0);
    lwf.dispose!(); model.dispose();
  });

  it("cross-entropy's analytic gradient equals tfjs autograd, with weights and a heads mask", () => {
    const z = tf.tensor2d([[1, 2, 0.5, -1], [0.3, -0.2, 2, 1]]);
    const y = tf.tensor1d([1, 3], "int32");
    const w = tf.tensor1d([0.25, 0.75]);
    const mask = tf.tensor2d([[0, 0, -1e9, -1e9], [-1e9, -1e9, 0, 0]]);
    const loss = crossEntropyLoss(y, { weights: w, mask });
    const auto = tf.grad(loss)(z).arraySync() as number[][];
    (loss.gradient!(z).arraySync() as number[][]).forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(auto[i]![j]!, 6)));
    // by hand: row 0 uses units 0,1: 0.25·(−log σ(2−1)) ; row 1 units 2,3: 0.75·(−log σ(1−2))
    const byHand = 0.25 * Math.log(1 + Math.exp(-1)) + 0.75 * Math.log(1 + Math.exp(1));
    expect(loss(z).dataSync()[0]!).toBeCloseTo(byHand, 5);
    const both = loss.valueAndGradient!(z);
    expect(both.value.dataSync()[0]!).toBeCloseTo(byHand, 5);
    (both.grad.arraySync() as number[][]).forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(auto[i]![j]!, 6)));
  });

  it("replay keeps a class-balanced buffer and replays it with the given weight", () => {
    const stream = splitTaskStream(loadDigits(), { seed: 0 });
    const model = createMlpSync({ sizes: [64, 10], seed: 0 });
    const replay = experienceReplay({ memorySize: 30, replayBatchSize: 6, replayWeight: 0.4 });
    for (const task of stream.tasks.slice(0, 2)) replay.afterTask!({ model, stream, task, iteration: 0, rng: rng(task.index), lr: 0.1 });
    const state = replay.saveState!() as Array<{ c: number; task: number; y: number[] }>;
    expect(state.map((e) => [e.c, e.y.length, e.task])).toEqual([[0, 8, 0], [1, 8, 0], [2, 7, 1], [3, 7, 1]]);
    for (const e of state) expect(new Set(e.y)).toEqual(new Set([e.c]));
    const ctx: StrategyContext = { model, stream, task: stream.tasks[2]!, iteration: 0, rng: rng(9), lr: 0.1 };
    const base = { ...stream.tasks[2]!.train, n: 4, x: stream.tasks[2]!.train.x.slice(0, 4 * 64), y: stream.tasks[2]!.train.y.slice(0, 4), task: new Int32Array(4).fill(2), weight: new Float32Array(4).fill(0.25) };
    const b = replay.extendBatch!(ctx, base);
    expect(b.n).toBe(10);
    expect(Array.from(b.weight.slice(0, 4))).toEqual([0.15, 0.15, 0.15, 0.15].map(Math.fround));
    for (const v of b.weight.slice(4)) expect(v).toBeCloseTo(0.4 / 6, 7);
    for (let i = 4; i < 10; i++) { expect(b.y[i]).toBeLessThan(4); expect(b.task[i]).toBe(b.y[i]! < 2 ? 0 : 1); }
    expect(() => experienceReplay({ replayWeight: 2 })).toThrow(/replayWeight/);
    model.dispose();
  });

  it("joint training draws from every task seen so far", () => {
    const stream = splitTaskStream(loadDigits(), { seed: 0 });
    const model = createMlpSync({ sizes: [64, 10], seed: 0 });
    const pool = jointTraining().trainingData!({ model, stream, task: stream.tasks[2]!, iteration: 0, rng: rng(0), lr: 0.1 });
    expect(pool.n).toBe(stream.tasks[0]!.train.n + stream.tasks[1]!.train.n + stream.tasks[2]!.train.n);
    expect(new Set(pool.task)).toEqual(new Set([0, 1, 2]));
    model.dispose();
  });
});
