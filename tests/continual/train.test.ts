import { describe, expect, it, beforeAll } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { initBackend, tf, ReplabError } from "../../lib/core/index.js";
import { loadDigits } from "../../lib/frames/index.js";
import {
  createMlpSync, splitTaskStream, trainContinual, experienceReplay, evaluateTasks, continualMetrics, type ContinualLogRow, type Strategy,
} from "../../lib/continual/index.js";

describe("trainContinual and the continual evaluator", () => {
  beforeAll(async () => { await initBackend(); });
  const stream = () => splitTaskStream(loadDigits(), { seed: 3, taskClasses: [[0, 1], [2, 3], [4, 5]] });

  it("evaluates before training, at each new task, every evalEvery steps and at every task end", () => {
    const model = createMlpSync({ sizes: [64, 32, 10], seed: 1 });
    const start = tf.memory().numTensors;
    const run = trainContinual({ model, stream: stream(), stepsPerTask: 7, evalEvery: 3, seed: 5, progress: false, evalSize: 20 });
    const rows = run.log.objects() as ContinualLogRow[];
    const at = (it: number) => rows.filter((r) => r.iteration === it).map((r) => `${r.trainTask}:${r.evalTask}`);
    expect(at(0)).toEqual(["0:0"]);
    expect(at(3)).toEqual(["0:0"]);
    expect(at(7)).toEqual(["0:0", "1:1"]); // end of task 0, then task 1 before its first step
    expect(at(9)).toEqual(["1:0", "1:1"]);
    expect(at(14)).toEqual(["1:0", "1:1", "2:2"]);
    expect(at(21)).toEqual(["2:0", "2:1", "2:2"]);
    expect(rows.every((r) => r.n === 20 && r.subset === "fixed")).toBe(true);
    expect(run.taskEnds).toEqual([7, 14, 21]);
    expect(run.timing.steps).toBe(21);
    expect(run.timing.evalShare).toBeGreaterThan(0);
    expect(run.timing.evalShare).toBeLessThan(1);
    expect(run.config.evalSubset).toBe("fixed");
    expect(tf.memory().numTensors).toBe(start);
    model.dispose();
  });

  it("a fixed subset gives the same accuracy for an unchanged model; resampled subsets are recorded as such", () => {
    const s = stream();
    const model = createMlpSync({ sizes: [64, 32, 10], seed: 1 });
    const frozen: Strategy = { name: "frozen", config: {} };
    const a = trainContinual({ model, stream: s, strategy: frozen, stepsPerTask: 3, lr: 0, seed: 2, progress: false, evalSize: 15 });
    const t0 = (a.log.objects() as ContinualLogRow[]).filter((r) => r.evalTask === 0).map((r) => r.accuracy);
    expect(new Set(t0).size).toBe(1);
    const b = trainContinual({ model, stream: s, strategy: frozen, stepsPerTask: 3, lr: 0, seed: 2, progress: false, evalSize: 15, evalSubset: "resampled" });
    const rowsB = b.log.objects() as ContinualLogRow[];
    expect(rowsB.every((r) => r.subset === "resampled")).toBe(true);
    expect(b.config.evalSubset).toBe("resampled");
    // The same frozen model on fresh subsets: accuracy now varies, and min-ACC falls below the
    // model's true (whole test split) accuracy — the low bias De Lange et al. warn about.
    const t0b = rowsB.filter((r) => r.evalTask === 0).map((r) => r.accuracy);
    expect(new Set(t0b).size).toBeGreaterThan(1);
    const truth = [0, 1].map((i) => evaluateTasks(model, s, [{ task: i, data: s.tasks[i]!.test }])[0]!.accuracy);
    const minAcc = continualMetrics(b.log).minAcc!;
    expect(minAcc).toBeLessThan((truth[0]! + truth[1]!) / 2);
    model.dispose();
  });

  it("evaluateTasks agrees with argmax predictions; task-incremental evaluation uses only the task's heads", () => {
    const model = createMlpSync({ sizes: [64, 10], seed: 4 });
    const s = stream();
    const [score] = evaluateTasks(model, s, [{ task: 1, data: s.tasks[1]!.test }]);
    const pred = model.predict(s.tasks[1]!.test);
    expect(score!.accuracy).toBeCloseTo(pred.filter((p, i) => p === s.tasks[1]!.test.y[i]).length / pred.length, 12);
    const ti = splitTaskStream(loadDigits(), { seed: 3, taskClasses: [[0, 1], [2, 3]], scenario: "task-incremental" });
    const [masked] = evaluateTasks(model, ti, [{ task: 1, data: ti.tasks[1]!.test }]);
    const z = model.logits(ti.tasks[1]!.test).arraySync() as number[][];
    const byHand = z.filter((row, i) => (row[2]! > row[3]! ? 2 : 3) === ti.tasks[1]!.test.y[i]).length / z.length;
    expect(masked!.accuracy).toBeCloseTo(byHand, 12);
    model.dispose();
  });

  it("streams the log to disk and resumes after the last finished task with the same rows", () => {
    const s = stream();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-continual-"));
    const opts = { stream: s, stepsPerTask: 6, evalEvery: 2, seed: 8, progress: false as const, batchSize: 16, lr: 0.1 };
    const whole = trainContinual({ ...opts, model: createMlpSync({ sizes: [64, 24, 10], seed: 1 }), strategy: experienceReplay({ memorySize: 20 }) });
    // Interrupt a run in its third task, then rerun it in the same folder with a fresh model.
    const crash = experienceReplay({ memorySize: 20 });
    let calls = 0;
    const interrupted: Strategy = { ...crash, name: crash.name, config: crash.config, beforeTask(ctx) { if (ctx.task.index === 2 && calls++ === 0) throw new Error("power cut"); } };
    expect(() => trainContinual({ ...opts, model: createMlpSync({ sizes: [64, 24, 10], seed: 1 }), strategy: interrupted, runDir: dir })).toThrow("power cut");
    const onDisk = fs.readFileSync(path.join(dir, "log.jsonl"), "utf8").trim().split("\n").length;
    expect(onDisk).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(dir, "checkpoint-task1.json"))).toBe(true);
    const resumed = trainContinual({ ...opts, model: createMlpSync({ sizes: [64, 24, 10], seed: 99 }), strategy: interrupted, runDir: dir });
    expect(resumed.timing.steps).toBe(6); // only the last task was trained again
    const strip = (rows: object[]) => rows.map((r) => JSON.stringify(r));
    expect(strip(resumed.log.objects())).toEqual(strip(whole.log.objects()));
    expect(continualMetrics(resumed.log).finalAcc).toBe(continualMetrics(whole.log).finalAcc);
    fs.rmSync(dir, { recursive: true });
  });

  it("bad options get a ReplabError naming the argument", () => {
    const model = createMlpSync({ sizes: [64, 10], seed: 1 });
    expect(() => trainContinual({ model, stream: stream(), stepsPerTask: 0, seed: 1, progress: false })).toThrow(/stepsPerTask/);
    expect(() => trainContinual({ model, stream: stream(), stepsPerTask: 2, seed: 1, evalEvery: 0, progress: false })).toThrow(/evalEvery/);
    expect(() => trainContinual({ model, stream: stream(), stepsPerTask: 2, seed: 1, evalSubset: "random" as never, progress: false })).toThrow(/evalSubset/);
    const small = createMlpSync({ sizes: [64, 4], seed: 1 });
    expect(() => trainContinual({ model: small, stream: stream(), stepsPerTask: 2, seed: 1, progress: false })).toThrow(ReplabError);
    model.dispose(); small.dispose();
  });
});

describe("run folders and datasets", () => {
  beforeAll(async () => { await initBackend(); });

  it("refuses to resume a run folder made with other settings", () => {
    const s = splitTaskStream(loadDigits(), { seed: 3, taskClasses: [[0, 1], [2, 3]] });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-continual-"));
    const model = createMlpSync({ sizes: [64, 10], seed: 1 });
    trainContinual({ model, stream: s, stepsPerTask: 2, seed: 1, progress: false, runDir: dir });
    expect(() => trainContinual({ model, stream: s, stepsPerTask: 3, seed: 1, progress: false, runDir: dir })).toThrow(/other settings/);
    model.dispose();
    fs.rmSync(dir, { recursive: true });
  });
});
