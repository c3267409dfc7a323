import { beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import { loadDigits } from "../../lib/frames/index.js";
import type { Mlp } from "../../lib/models/index.js";
import {
  makeUnlearningSplits, trainClassifier, unlearnRetrain, unlearnGradientAscent, quantizeMatrix, quantizeModel, unlearningRobustnessTable,
  type UnlearningSplits, type UnlearnResult,
} from "../../lib/unlearning/index.js";

// numpy from the formula (fixtures/make_quantize_fixture.py → quantize.json)
const qf = JSON.parse(fs.readFileSync(new URL("./fixtures/quantize.json", import.meta.url), "utf8"));

describe("quantizeMatrix: symmetric round-to-nearest per output unit", () => {
  it.each(qf.cases.map((c: { rows: number; cols: number }) => [c.rows, c.cols, c]))("%i × %i against numpy", (_r, _c, c: any) => {
    for (const bits of [8, 4, 2]) expect(Array.from(quantizeMatrix(c.W, c.rows, c.cols, bits))).toEqual(c[`int${bits}`]);
  });
  it("refuses bad widths and non-finite weights", () => {
    expect(() => quantizeMatrix([1, 2], 1, 2, 1)).toThrow(/quantizeMatrix: bits=1 is below 2/);
    expect(() => quantizeMatrix([1, 2], 1, 3, 8)).toThrow(/W=array of length 2 has 2 entries, not rows·cols = 3/);
    expect(() => quantizeMatrix([1, null as never], 1, 2, 8)).toThrow(/quantizeMatrix: W\[1\]=null is not a finite number/);
  });
});

describe("unlearningRobustnessTable: relearning and quantization beside retraining", () => {
  let splits: UnlearningSplits, original: Mlp, results: UnlearnResult[];
  beforeAll(async () => {
    splits = makeUnlearningSplits(loadDigits(), { forget: { kind: "class", class: 3 }, seed: 0 });
    original = await trainClassifier(splits.train, { hidden: [32], epochs: 8, seed: 1, classes: 10 });
    results = [await unlearnRetrain(original, splits, { seed: 2, epochs: 8 }), await unlearnGradientAscent(original, splits, { seed: 2 })];
  }, 120_000);

  it("one row per method with fp32, int8 and int4 forget accuracy and relearning steps, gaps to Retrain", () => {
    const t = unlearningRobustnessTable(results, splits, { relearn: { target: 0.8, seed: 3, maxSteps: 40 } });
    const rows = t.objects() as Array<Record<string, number | string | null>>;
    expect(rows.map((r) => r.method)).toEqual(["Retrain", "GA"]);
    expect(t.columnNames()).toEqual(["method", "forget_acc", "retain_acc", "forget_acc_int8", "retain_acc_int8", "forget_acc_int4", "retain_acc_int4", "relearn_steps", "forget_acc_gap_int8", "forget_acc_gap_int4", "relearn_steps_gap"]);
    const retrain = rows[0]!;
    expect(retrain.forget_acc_gap_int4).toBe(0);
    // sanity: int8 rounding barely moves an MLP's accuracies; the original's weights are untouched
    for (const r of rows) expect(Math.abs((r.retain_acc_int8 as number) - (r.retain_acc as number))).toBeLessThan(0.02);
    expect(results[1]!.model.accuracy(splits.forget)).toBe(rows[1]!.forget_acc);
  }, 120_000);

  it("quantizeModel copies: the model passed in keeps its weights", () => {
    const before = original.getWeights();
    const q = quantizeModel(original, 4);
    expect(original.getWeights()).toEqual(before);
    expect(q.getWeights()[0]).not.toEqual(before[0]);
    expect(q.getWeights()[1]).toEqual(before[1]); // biases stay in float
    q.dispose();
  });

  it("needs the Retrain row", () => {
    expect(() => unlearningRobustnessTable(results.slice(1), splits, { relearn: { target: 0.8, seed: 3 } })).toThrow(/unlearningRobustnessTable: results="GA" has no row named "Retrain"/);
  });
});
