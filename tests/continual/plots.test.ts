import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { stabilityGapFigure, accuracyMatrixFigure, taskEndOverlayFigure, continualComparisonFigure } from "../../lib/plots/index.js";
import { continualMetrics } from "../../lib/continual/index.js";
import { formatValue } from "../../lib/display/index.js";

const hand = JSON.parse(fs.readFileSync(new URL("./fixtures/metrics-hand.json", import.meta.url), "utf8"));

describe("continual figures", () => {
  it("stability-gap figure: one line per task, task spans shaded, each gap marked at its minimum", () => {
    const f = stabilityGapFigure(hand.rows);
    const lines = f.spec.data.filter((t) => t.mode === "lines" && t.showlegend !== false);
    expect(lines.map((t) => t.name)).toEqual(["task 0", "task 1", "task 2"]);
    expect(lines[0]!.y).toEqual([0.1, 0.6, 0.9, 0.4, 0.95, 0.5, 0.2]);
    const marks = f.spec.data.find((t) => t.name === "gap minimum")!;
    expect(marks.x).toEqual([3, 6, 5]);
    expect(marks.y).toEqual([0.4, 0.2, 0.3]);
    const shapes = f.spec.layout!.shapes as Array<Record<string, unknown>>;
    expect(shapes.filter((s) => s.type === "rect").map((s) => [s.x0, s.x1])).toEqual([[0, 2], [2, 4], [4, 6]]);
    expect(JSON.stringify(formatValue(f))).toContain("plotly");
  });

  it("accuracy-matrix heatmap holds R; overlay draws task ends over every evaluation; comparison has three bars per run", () => {
    const m = continualMetrics(hand.rows);
    const h = accuracyMatrixFigure(m);
    expect(h.spec.data[0]!.z).toEqual(hand.expected.R);
    const o = taskEndOverlayFigure(hand.rows);
    const ends = o.spec.data.filter((t) => String(t.name).endsWith("task ends"));
    expect(ends[0]!.x).toEqual([2, 4, 6]);
    expect(ends[0]!.y).toEqual([0.9, 0.95, 0.2]);
    const c = continualComparisonFigure([{ name: "a", metrics: m }, { name: "b", metrics: m }]);
    expect(c.spec.data.map((t) => t.y)).toEqual([[0.65, 0.65], [0.25, 0.25], [m.wcAcc, m.wcAcc]]);
  });
});
