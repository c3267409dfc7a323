import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { ReplabError } from "../../lib/core/index.js";
import { loadDigits } from "../../lib/frames/index.js";
import { rotateImage, splitTaskStream, permutedTaskStream, rotatedTaskStream, splitTrainTest } from "../../lib/continual/index.js";

// Reference: scipy.ndimage.rotate, bilinear (fixtures/make_rotate_scipy.py).
const rot = JSON.parse(fs.readFileSync(new URL("./fixtures/rotate-scipy.json", import.meta.url), "utf8"));

describe("task streams", () => {
  it("rotateImage matches scipy.ndimage.rotate (order=1, grid-constant 0)", () => {
    for (const c of rot.cases) {
      const out = rotateImage(c.input, 8, c.angle);
      for (let i = 0; i < 64; i++) expect(Math.abs(out[i]! - c.output[i])).toBeLessThan(1e-5);
    }
  });

  it("splitTrainTest is seeded, stratified and disjoint", () => {
    const d = loadDigits();
    const a = splitTrainTest(d, { seed: 1 }), b = splitTrainTest(d, { seed: 1 }), c = splitTrainTest(d, { seed: 2 });
    expect(a.test.y).toEqual(b.test.y);
    expect(a.test.x).toEqual(b.test.x);
    expect(a.test.x).not.toEqual(c.test.x);
    expect(a.train.n + a.test.n).toBe(d.n);
    const count = (y: Int32Array, k: number) => y.filter((v) => v === k).length;
    for (let k = 0; k < 10; k++) expect(Math.abs(count(a.test.y, k) - 0.25 * count(d.y, k))).toBeLessThanOrEqual(0.5);
  });

  it("split stream: 5 tasks of 2 digits, heads only in the task-incremental scenario", () => {
    const d = loadDigits();
    const s = splitTaskStream(d, { seed: 0 });
    expect(s.tasks.map((t) => t.classes)).toEqual([[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]]);
    expect(s.scenario).toBe("class-incremental");
    expect(s.tasks.every((t) => t.heads === null)).toBe(true);
    expect(s.tasks.reduce((n, t) => n + t.train.n + t.test.n, 0)).toBe(d.n);
    for (const t of s.tasks) expect([...new Set(t.train.y)].sort()).toEqual(t.classes);
    const ti = splitTaskStream(d, { seed: 0, scenario: "task-incremental", taskClasses: [[3, 1], [0, 2]] });
    expect(ti.tasks[0]!.heads).toEqual([3, 1]);
    expect(() => splitTaskStream(d, { seed: 0, taskClasses: [[0, 1], [1, 2]] })).toThrow(/is in two tasks/);
    expect(() => splitTaskStream(d, { seed: 0, taskClasses: [[0, 12]] })).toThrow(ReplabError);
  });

  it("split stream with a given test set: every task trains on data and tests on its classes of test", () => {
    const { train, test } = splitTrainTest(loadDigits(), { seed: 3 });
    const s = splitTaskStream(train, { seed: 0, test });
    expect(s.tasks.reduce((n, t) => n + t.train.n, 0)).toBe(train.n);
    expect(s.tasks.reduce((n, t) => n + t.test.n, 0)).toBe(test.n);
    for (const t of s.tasks) {
      expect([...new Set(t.test.y)].sort()).toEqual(t.classes);
      expect(t.test.n).toBe(test.y.filter((y) => t.classes.includes(y)).length);
    }
    expect(s.config.test).toBe(`given (${test.n} examples)`);
    expect(s.tasks[0]!.name).toBe("digits 0,1");
    expect(splitTaskStream(train, { seed: 0, test, classNames: ["zero", "one"] }).tasks.map((t) => t.name).slice(0, 2)).toEqual(["zero / one", "2 / 3"]);
    expect(() => splitTaskStream(train, { seed: 0, test, testFraction: 0.2 })).toThrow(/testFraction=0.2 is given together with test/);
    expect(() => splitTaskStream(train, { seed: 0, test: { x: new Float32Array(3), y: new Int32Array(1), n: 1, features: 3 } })).toThrow(/test.features=3 differs from data.features=64/);
  });

  it("permuted and rotated streams keep labels and transform inputs", () => {
    const d = loadDigits();
    const p = permutedTaskStream(d, { tasks: 3, seed: 4 });
    expect(p.tasks[0]!.train.x).toEqual(splitTrainTest(d, { seed: 4 }).train.x);
    const sorted = (a: Float32Array) => Array.from(a.subarray(0, 64)).sort();
    expect(sorted(p.tasks[2]!.train.x)).toEqual(sorted(p.tasks[0]!.train.x));
    expect(p.tasks[2]!.train.x).not.toEqual(p.tasks[0]!.train.x);
    const r = rotatedTaskStream(d, { angles: [0, 90], seed: 4 });
    expect(r.tasks[1]!.train.y).toEqual(r.tasks[0]!.train.y);
    expect(Array.from(r.tasks[1]!.train.x.subarray(0, 64))).toEqual(Array.from(rotateImage(r.tasks[0]!.train.x.subarray(0, 64), 8, 90)));
    expect(() => rotatedTaskStream(d, { angles: [], seed: 1 })).toThrow(/angles/);
    expect(() => rotatedTaskStream({ x: new Float32Array(5), y: new Int32Array(1), n: 1, features: 5 }, { angles: [1], seed: 1 })).toThrow(/square/);
  });
});

describe("datasets", () => {
  it("datasetFromTensors copies tensors into a dataset and checks them", async () => {
    const { tf } = await import("../../lib/core/index.js");
    const { datasetFromTensors, subsetRows, concatData } = await import("../../lib/continual/index.js");
    const d = datasetFromTensors(tf.tensor2d([[1, 2], [3, 4], [5, 6]]), tf.tensor1d([0, 2, 1], "int32"));
    expect(Array.from(d.x)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(d.y)).toEqual([0, 2, 1]);
    expect(d.n).toBe(3);
    const sub = subsetRows(d, [2, 0]);
    expect(Array.from(sub.x)).toEqual([5, 6, 1, 2]);
    expect(concatData([d, sub]).n).toBe(5);
    expect(() => datasetFromTensors(tf.tensor1d([1, 2]), tf.tensor1d([0, 1]))).toThrow(/rank-2/);
    expect(() => datasetFromTensors(tf.tensor2d([[1, 2]]), tf.tensor1d([-1], "int32"))).toThrow(/negative/);
    expect(() => subsetRows(d, [3])).toThrow(/indices\[0\]/);
  });
});
