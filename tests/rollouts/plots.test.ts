import { describe, expect, it } from "vitest";
import * as aq from "arquero";
import { passAtKFigure, advantageFigure, zeroStdFigure, trainingCurveFigure } from "../../lib/plots/index.js";
import { TabularPolicy, passAtKCurve } from "../../lib/rollouts/index.js";

type Trace = { name: string; x: unknown[]; y: number[]; marker?: { color: string[] } };
const spec = (f: { spec: { data: unknown[]; layout?: Record<string, unknown> } }) => f.spec as { data: Trace[]; layout: Record<string, any> };

describe("rollout figures", () => {
  const pol = new TabularPolicy([{ id: "a", answers: ["1", "2"], rewards: [1, 0], logits: [0, 1] }], { name: "tab" });
  it("pass@k: one trace per policy on a log-k axis, values from the curves", () => {
    const sampled = passAtKCurve(aq.from([{ prompt_id: "a", reward: 1 }, { prompt_id: "a", reward: 0 }]), { policy: "sampled" });
    const f = spec(passAtKFigure([pol.passAtKCurve([1, 2, 4]), sampled]));
    expect(f.data.map((t) => t.name)).toEqual(["tab", "sampled"]);
    expect(f.layout.xaxis.type).toBe("log");
    expect(f.data[0]!.y[2]).toBeCloseTo(1 - (1 - 1 / (1 + Math.E)) ** 4, 12);
    expect(f.data[1]!.y).toEqual([0.5, 1]);
    expect(() => passAtKFigure(aq.from([{ a: 1 }]))).toThrow(/lacks k and pass_at_k/);
  });
  it("advantages: histogram of TRL advantages, zero-std groups in red", () => {
    const f = spec(advantageFigure([1, 0, 1, 1, 0, 0], 2));
    expect(f.data[0]!.x).toHaveLength(6);
    expect(f.data[1]!.marker!.color).toEqual(["#1f77b4", "#d62728", "#d62728"]);
    expect(f.data[2]!.x).toEqual([1, 2]); // the zero-std groups, marked on the axis
    expect(() => advantageFigure([1, 0, 1], 2)).toThrow(/not a positive multiple of groupSize=2/);
  });
  it("zero-std and training curves: one line per series", () => {
    const f = spec(zeroStdFigure([{ group_size: 2, frac_zero_std: 0.5, series: "L1" }, { group_size: 4, frac_zero_std: 0.25, series: "L1" }, { group_size: 2, frac_zero_std: 0.9, series: "L2" }], { logX: true }));
    expect(f.data.map((t) => t.name)).toEqual(["L1", "L2"]);
    expect(f.data[0]!.y).toEqual([0.5, 0.25]);
    const g = spec(trainingCurveFigure([{ step: 0, entropy: 2, run: "psr" }, { step: 1, entropy: 1.5, run: "psr" }]));
    expect(g.data[0]!.y).toEqual([2, 1.5]);
    expect(() => trainingCurveFigure([{ step: 0 }])).toThrow(/lacks step and entropy/);
  });
});
