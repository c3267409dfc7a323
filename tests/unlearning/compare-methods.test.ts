// Multi-seed method comparison with a resumable run log, and the paired tests over seeds.
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadDigits } from "../../lib/frames/index.js";
import { initBackend } from "../../lib/core/index.js";
import { compareUnlearningMethods, pairedMethodComparison, unlearnRetrain, unlearnFinetune, unlearnGradientAscent, type UnlearningMethod } from "../../lib/unlearning/index.js";
import { pairedTTest, holmBonferroni } from "../../lib/stats/index.js";

describe("compareUnlearningMethods", () => {
  it("runs every (seed, method), logs each row, and a rerun resumes without redoing any", async () => {
    await initBackend();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-unlearn-"));
    const log = path.join(dir, "rows.jsonl");
    let calls = 0;
    const counted = (f: UnlearningMethod): UnlearningMethod => (o, s, seed) => { calls++; return f(o, s, seed); };
    const methods = {
      Retrain: counted((o, s, seed) => unlearnRetrain(o, s, { seed, epochs: 4 })),
      FT: counted((o, s, seed) => unlearnFinetune(o, s, { seed, epochs: 1 })),
      GA: counted((o, s, seed) => unlearnGradientAscent(o, s, { seed })),
    };
    const opts = { forget: { kind: "class" as const, class: 3 }, seeds: [0, 1, 2], methods, train: { hidden: [32], epochs: 4 }, log };
    const progress: number[] = [];
    const table = await compareUnlearningMethods(loadDigits(), { ...opts, onProgress: (d) => progress.push(d) });
    expect(table.numRows()).toBe(9);
    expect(calls).toBe(9);
    expect(progress.at(-1)).toBe(9);
    expect(fs.readFileSync(log, "utf8").trim().split("\n")).toHaveLength(9);
    const retrainRows = table.objects().filter((r: any) => r.method === "Retrain") as any[];
    expect(retrainRows.every((r) => r.avgGap === 0 && r.UA === 1)).toBe(true);
    // Resume: everything is logged, nothing runs again, same table.
    const again = await compareUnlearningMethods(loadDigits(), opts);
    expect(calls).toBe(9);
    expect(again.objects()).toEqual(table.objects());
    // Paired comparison over seeds, checked against stats' own pieces on the same numbers.
    const cmp = pairedMethodComparison(table, { baseline: "FT" }).objects() as any[];
    expect(cmp.map((r) => r.method)).toEqual(["GA"]);
    const ga = [0, 1, 2].map((s) => (table.objects() as any[]).find((r) => r.seed === s && r.method === "GA").avgGap);
    const ft = [0, 1, 2].map((s) => (table.objects() as any[]).find((r) => r.seed === s && r.method === "FT").avgGap);
    expect(cmp[0].meanDiff).toBeCloseTo((ga[0] - ft[0] + ga[1] - ft[1] + ga[2] - ft[2]) / 3, 12);
    expect(cmp[0].tTestP).toBeCloseTo(pairedTTest(ga, ft).pvalue, 12);
    expect(cmp[0].tTestHolm).toBeCloseTo(holmBonferroni([cmp[0].tTestP])[0]!, 12);
    expect(() => pairedMethodComparison(table, { baseline: "SalUn" })).toThrow(/pairedMethodComparison: baseline="SalUn" is not a method in the rows/);
    await expect(compareUnlearningMethods(loadDigits(), { ...opts, methods: { FT: methods.FT } })).rejects.toThrow(/compareUnlearningMethods: methods="FT" has no "Retrain" entry/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("with runDir: resumes from the folder's log, and refuses the folder for another comparison by name", async () => {
    await initBackend();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-unlearn-dir-"));
    let calls = 0;
    const counted = (f: UnlearningMethod): UnlearningMethod => (o, s, seed) => { calls++; return f(o, s, seed); };
    const methods = {
      Retrain: counted((o, s, seed) => unlearnRetrain(o, s, { seed, epochs: 2 })),
      FT: counted((o, s, seed) => unlearnFinetune(o, s, { seed, epochs: 1 })),
    };
    const opts = { forget: { kind: "class" as const, class: 3 }, seeds: [0, 1], methods, train: { hidden: [16], epochs: 2 }, runDir: dir };
    const table = await compareUnlearningMethods(loadDigits(), opts);
    expect(calls).toBe(4);
    expect(fs.existsSync(path.join(dir, "config.json"))).toBe(true);
    expect(fs.readFileSync(path.join(dir, "log.jsonl"), "utf8").trim().split("\n")).toHaveLength(4);
    // One more seed: only its rows run; the logged ones are read back.
    const more = await compareUnlearningMethods(loadDigits(), { ...opts, seeds: [0, 1, 2] });
    expect(calls).toBe(6);
    expect(more.objects().slice(0, 4)).toEqual(table.objects());
    // Another forget set, or another training set-up, in the same folder: refused, nothing run.
    await expect(compareUnlearningMethods(loadDigits(), { ...opts, forget: { kind: "class" as const, class: 5 } }))
      .rejects.toThrow(/compareUnlearningMethods: runDir=.* holds a run made with other settings/);
    await expect(compareUnlearningMethods(loadDigits(), { ...opts, train: { hidden: [32], epochs: 2 } })).rejects.toThrow(/holds a run made with other settings/);
    await expect(compareUnlearningMethods(loadDigits(), { ...opts, log: path.join(dir, "x.jsonl") })).rejects.toThrow(/compareUnlearningMethods: log=.* is given together with runDir/);
    expect(calls).toBe(6);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
