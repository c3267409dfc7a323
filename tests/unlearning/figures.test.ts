// Figure builders: the specs carry the numbers they were given (rendering is the display area's job).
import { describe, expect, it } from "vitest";
import { unlearningTradeoffFigure, miaRocFigure, relearnCurveFigure } from "../../lib/plots/index.js";
import { rocAuc } from "../../lib/stats/index.js";
import { ReplabError } from "../../lib/core/index.js";

describe("unlearning figures", () => {
  it("trade-off marks retrain with a star and joins a method's steps", () => {
    const f = unlearningTradeoffFigure([
      { method: "Retrain", forget: 1, utility: 0.95 },
      { method: "GA", forget: 0.2, utility: 0.9, label: "step 1" }, { method: "GA", forget: 0.6, utility: 0.5, label: "step 2" },
    ]);
    const d = f.spec.data;
    expect(d).toHaveLength(2);
    expect((d[0]!.marker as any).symbol).toBe("star");
    expect(d[1]!.mode).toBe("lines+markers");
    expect(d[1]!.x).toEqual([0.2, 0.6]);
    expect(() => unlearningTradeoffFigure([])).toThrow(ReplabError);
  });
  it("MIA ROC: members positive, AUC in the legend equals rocAuc with the score's direction applied", () => {
    const members = [0.1, 0.2, 0.3, 0.9], nonMembers = [0.5, 0.6, 0.25];
    const f = miaRocFigure([{ name: "loss", members, nonMembers, direction: "lower-is-member" }]);
    const auc = rocAuc([...members.map((v) => -v), ...nonMembers.map((v) => -v)], [1, 1, 1, 1, 0, 0, 0]);
    expect(f.spec.data[0]!.name).toBe(`loss (AUC ${auc.toFixed(3)})`);
    expect((f.spec.data[0]!.x as number[])[0]).toBe(0);
    expect((f.spec.data[0]!.y as number[]).at(-1)).toBe(1);
  });
  it("relearn curves plot each step and the target", () => {
    const f = relearnCurveFigure([{ method: "GA", curve: [0.1, 0.5, 0.9] }, { method: "Retrain", curve: [0, 0.1, 0.2, 0.4] }], { target: 0.8 });
    expect(f.spec.data).toHaveLength(3);
    expect(f.spec.data[2]!.y).toEqual([0.8, 0.8]);
    expect(f.spec.data[2]!.x).toEqual([0, 3]);
  });
});
