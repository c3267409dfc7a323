import { describe, expect, it } from "vitest";
import { stabilityGapLab, stabilityGapSetup, referenceAccuracy, referenceGap, referenceFullRun, type StabilityGapSetup } from "../../lib/labs/index.js";
import type { ContinualLogInput } from "../../lib/continual/index.js";
import { capturedCheck, todo } from "./capture.js";

type Row = ContinualLogInput;

function run(setup: StabilityGapSetup, evalEvery: number, onlyAtEnds = false): Row[] {
  const model = setup.makeModel();
  const rows: Row[] = [];
  const evaluate = (iteration: number, trainTask: number) => {
    for (const t of setup.stream.tasks.slice(0, trainTask + 1)) rows.push({ iteration, trainTask, evalTask: t.index, accuracy: referenceAccuracy(model.predict(t.test), t.test.y) });
  };
  let it = 0;
  evaluate(0, 0);
  for (const task of setup.stream.tasks) for (let s = 0; s < setup.stepsPerTask; s++) {
    setup.trainStep(model, task.index, it++);
    if ((!onlyAtEnds && it % evalEvery === 0) || s === setup.stepsPerTask - 1) evaluate(it, task.index);
  }
  model.dispose();
  return rows;
}

describe("lab 3", () => {
  it("references: accuracy and the gap worked by hand", () => {
    expect(referenceAccuracy([1, 2, 3, 4], [1, 2, 0, 4])).toBe(0.75);
    const rows: Row[] = [
      { iteration: 0, trainTask: 0, evalTask: 0, accuracy: 0.1 }, { iteration: 5, trainTask: 0, evalTask: 0, accuracy: 0.9 },
      { iteration: 6, trainTask: 1, evalTask: 0, accuracy: 0.5 }, { iteration: 6, trainTask: 1, evalTask: 1, accuracy: 0.2 },
      { iteration: 7, trainTask: 1, evalTask: 0, accuracy: 0.4 }, { iteration: 7, trainTask: 1, evalTask: 1, accuracy: 0.6 },
      { iteration: 8, trainTask: 1, evalTask: 0, accuracy: 0.8 }, { iteration: 8, trainTask: 1, evalTask: 1, accuracy: 0.9 },
    ];
    const g = referenceGap(rows);
    expect(g).toMatchObject({ atSwitch: 0.9, min: 0.4, minIteration: 7, final: 0.8 });
    expect(g.depth).toBeCloseTo(0.5, 12);
    expect(g.recovery).toBeCloseTo(0.4, 12);
  });

  it("the lab's learner shows a stability gap with recovery that task-end evaluation hides", () => {
    const rows = referenceFullRun(0);
    const g = referenceGap(rows);
    expect(g.depth).toBeGreaterThan(0.2);
    expect(g.recovery).toBeGreaterThan(0.1);
    expect(referenceGap(rows.filter((r) => r.iteration % 100 === 0)).depth).toBeLessThan(g.depth / 2);
  });

  it("checks pass correct solutions and say not yet to mistakes and stubs", async () => {
    expect((await capturedCheck(() => stabilityGapLab.checkAccuracy((p: Int32Array, l: Int32Array) => referenceAccuracy(p, l)))).status).toBe("pass");
    expect((await capturedCheck(() => stabilityGapLab.checkAccuracy((p: Int32Array) => p.length))).message).toBe("accuracy([1,2,3,4], [1,2,0,4]) is 4, expected 0.75");
    expect((await capturedCheck(() => stabilityGapLab.checkPerIterationEval(run))).status).toBe("pass");
    const endsOnly = await capturedCheck(() => stabilityGapLab.checkPerIterationEval((s: StabilityGapSetup, e: number) => run(s, e, true)));
    expect(endsOnly.message).toBe("runWithEvaluation(setup, 5) logged 4 rows, expected 13 (20 steps per task, 2 tasks)");
    const offByOne = await capturedCheck(() => stabilityGapLab.checkPerIterationEval((s: StabilityGapSetup, e: number) => run(s, e).map((r) => ({ ...r, iteration: r.iteration + 1 }))));
    expect(offByOne.message).toMatch(/^row 0 of runWithEvaluation\(setup, 5\) is .*, expected \{ iteration: 0, trainTask: 0, evalTask: 0, accuracy: /);
    expect((await capturedCheck(() => stabilityGapLab.checkGapDepth((rows: Row[]) => referenceGap(rows)))).status).toBe("pass");
    const wrongMin = await capturedCheck(() => stabilityGapLab.checkGapDepth((rows: Row[]) => ({ ...referenceGap(rows), minIteration: 0 })));
    expect(wrongMin.message).toMatch(/^gapOf\(rows\)\.minIteration is 0, expected \d+$/);
    for (const r of [() => stabilityGapLab.checkAccuracy(todo), () => stabilityGapLab.checkPerIterationEval(todo), () => stabilityGapLab.checkGapDepth(todo), () => stabilityGapLab.checkWorstCaseAccuracy(todo)]) {
      expect(await capturedCheck(r)).toMatchObject({ status: "not-yet", message: expect.stringMatching(/is still the TODO stub$/) });
    }
  });

  it("min-ACC / WC-ACC check matches a hand-worked formula", async () => {
    // min-ACC: min of task 0 while task 1 trains; WC-ACC = A_1(last)/2 + min-ACC/2 (k = 2)
    const byHand = (rows: Row[]) => {
      const minAcc = Math.min(...rows.filter((r) => r.evalTask === 0 && r.trainTask === 1).map((r) => r.accuracy));
      const last = rows.filter((r) => r.evalTask === 1).at(-1)!.accuracy;
      return { minAcc, wcAcc: last / 2 + minAcc / 2 };
    };
    expect((await capturedCheck(() => stabilityGapLab.checkWorstCaseAccuracy(byHand))).status).toBe("pass");
    const overall = (rows: Row[]) => ({ minAcc: Math.min(...rows.filter((r) => r.evalTask === 0).map((r) => r.accuracy)), wcAcc: 0 });
    expect((await capturedCheck(() => stabilityGapLab.checkWorstCaseAccuracy(overall))).message).toMatch(/^worstCase\(rows\)\.minAcc is /);
    expect(stabilityGapSetup(0).stepsPerTask).toBe(100);
  });
});
