import { describe, expect, it } from "vitest";
import fs from "node:fs";
import * as aq from "arquero";
import fc from "fast-check";
import { ReplabError } from "../../lib/core/index.js";
import { continualMetrics, type ContinualMetrics } from "../../lib/continual/index.js";

// References: a log worked by hand from the definitions (fixtures/metrics-hand.json, arithmetic
// written out there) and an independent numpy re-implementation on seeded random logs
// (fixtures/make_metrics_reference.py → metrics-reference.json).
const hand = JSON.parse(fs.readFileSync(new URL("./fixtures/metrics-hand.json", import.meta.url), "utf8"));
const ref = JSON.parse(fs.readFileSync(new URL("./fixtures/metrics-reference.json", import.meta.url), "utf8"));
// A port of Mattdl/ContinualEvaluation's metric plugins (fixtures/port_continual_evaluation.py → continual-evaluation.json).
const ce = JSON.parse(fs.readFileSync(new URL("./fixtures/continual-evaluation.json", import.meta.url), "utf8"));

type Expected = {
  tasksSeen: number; minAcc: number | null; wcAcc: number | null; wf: Record<string, number | null>; wp: Record<string, number | null>;
  lca: number; finalAcc: number; bwt: number | null; forgetting: { avalanche: number | null; mammoth: number | null };
  R: (number | null)[][]; gaps: Array<Record<string, number | null>>;
};

function near(actual: number | null, expected: number | null, what: string): void {
  if (expected === null) { expect(actual, what).toBeNull(); return; }
  expect(actual, what).not.toBeNull();
  expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).toBeLessThan(1e-9);
}

function compare(m: ContinualMetrics, e: Expected): void {
  expect(m.tasksSeen).toBe(e.tasksSeen);
  near(m.minAcc, e.minAcc, "minAcc");
  near(m.wcAcc, e.wcAcc, "wcAcc");
  for (const w of Object.keys(e.wf)) { near(m.wf[Number(w)]!, e.wf[w]!, `wf[${w}]`); near(m.wp[Number(w)]!, e.wp[w]!, `wp[${w}]`); }
  near(m.lca, e.lca, "lca");
  near(m.finalAcc, e.finalAcc, "finalAcc");
  near(m.bwt, e.bwt, "bwt");
  near(m.forgetting.avalanche, e.forgetting.avalanche, "forgetting.avalanche");
  near(m.forgetting.mammoth, e.forgetting.mammoth, "forgetting.mammoth");
  e.R.forEach((row, t) => row.forEach((v, i) => near(m.accuracyMatrix.R[t]![i]!, v, `R[${t}][${i}]`)));
  const gaps = m.gaps.objects() as Array<Record<string, number | null>>;
  expect(gaps.length).toBe(e.gaps.length);
  e.gaps.forEach((g, k) => { for (const col of Object.keys(g)) near(gaps[k]![col]!, g[col]!, `gaps[${k}].${col}`); });
}

describe("continualMetrics", () => {
  it("matches the hand-worked example", () => {
    compare(continualMetrics(hand.rows, hand.options), hand.expected);
  });

  it("accepts an arquero table as well as rows", () => {
    compare(continualMetrics(aq.from(hand.rows), hand.options), hand.expected);
  });

  for (const c of ref.cases) {
    it(`matches the numpy reference: ${c.name}`, () => {
      compare(continualMetrics(c.rows, { windows: c.windows, lcaBeta: c.lcaBeta, tolerance: c.tolerance }), c.expected);
    });
  }

  it("metrics lie in their ranges and never come out NaN (property)", () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 200, maxLength: 200 }),
      (tasks, steps, accs) => {
        const rows = [];
        let k = 0;
        rows.push({ iteration: 0, trainTask: 0, evalTask: 0, accuracy: accs[k++ % 200]! });
        for (let t = 0; t < tasks; t++) for (let s = 1; s <= steps; s++) for (let i = 0; i <= t; i++) rows.push({ iteration: t * steps + s, trainTask: t, evalTask: i, accuracy: accs[k++ % 200]! });
        const m = continualMetrics(rows);
        for (const v of [m.minAcc, m.wcAcc, m.lca, m.finalAcc, m.wf[10], m.wp[10]]) if (v !== null) { expect(v).toBeGreaterThanOrEqual(0); expect(v).toBeLessThanOrEqual(1); }
        if (m.minAcc !== null) expect(m.minAcc).toBeLessThanOrEqual(1);
        if (m.bwt !== null) expect(m.forgetting.avalanche).toBeCloseTo(-m.bwt, 12);
        if (m.forgetting.mammoth !== null) expect(m.forgetting.mammoth).toBeGreaterThanOrEqual(m.forgetting.avalanche! - 1e-12);
        expect(m.wf[100]!).toBeGreaterThanOrEqual(m.wf[10]! - 1e-12); // a wider window never finds a smaller drop
      }), { numRuns: 60 });
  });

  it("bad logs get a clear ReplabError", () => {
    expect(() => continualMetrics([])).toThrow(/no rows/);
    expect(() => continualMetrics([{ iteration: 0, trainTask: 0, evalTask: 0 } as never])).toThrow(/missing column "accuracy"/);
    expect(() => continualMetrics([{ iteration: 0, trainTask: 0, evalTask: 0, accuracy: 85 }])).toThrow(/accuracy=85 is outside \[0, 1\]/);
    expect(() => continualMetrics([{ iteration: 0, trainTask: 0, evalTask: 0, accuracy: NaN }])).toThrow(ReplabError);
    expect(() => continualMetrics([
      { iteration: 0, trainTask: 1, evalTask: 0, accuracy: 0.5 },
      { iteration: 1, trainTask: 0, evalTask: 0, accuracy: 0.5 },
    ])).toThrow(/increasing order/);
    expect(() => continualMetrics(hand.rows, { windows: [1] })).toThrow(/windows\[0\]/);
    expect(() => continualMetrics(hand.rows, { lcaBeta: 0 })).toThrow(/lcaBeta/);
    expect(() => continualMetrics("log" as never)).toThrow(/not a table/);
  });

  it("a single task: no min-ACC, WC-ACC is its last accuracy, end-of-task metrics are null", () => {
    const m = continualMetrics([{ iteration: 0, trainTask: 0, evalTask: 0, accuracy: 0.1 }, { iteration: 5, trainTask: 0, evalTask: 0, accuracy: 0.7 }]);
    expect(m.minAcc).toBeNull();
    expect(m.wcAcc).toBe(0.7);
    expect(m.bwt).toBeNull();
    expect(m.forgetting.mammoth).toBeNull();
    expect(m.gaps.numRows()).toBe(0);
  });
});

describe('continualMetrics(log, { convention: "continual-evaluation" }) against a port of ContinualEvaluation\'s plugins', () => {
  // the plugins average in float32 (torch.mean(torch.tensor(list)))
  const close = (got: number | null, want: number | null, what: string) => {
    if (want === null) { expect(got, what).toBeNull(); return; }
    expect(got, what).not.toBeNull();
    expect(Math.abs(got! - want), `${what}: ${got} vs ${want}`).toBeLessThan(2e-7);
  };
  for (const c of ce.cases) {
    it(c.name, () => {
      const m = continualMetrics(c.rows, { windows: c.windows, lcaBeta: c.lcaBeta, convention: "continual-evaluation" });
      close(m.minAcc, c.expected.minAcc, "minAcc");
      close(m.wcAcc, c.expected.wcAcc, "wcAcc");
      close(m.lca, c.expected.lca, "lca");
      for (const w of c.windows) { close(m.wf[w]!, c.expected.wf[w], `wf[${w}]`); close(m.wp[w]!, c.expected.wp[w], `wp[${w}]`); }
      expect(m.options.convention).toBe("continual-evaluation");
    });
  }

  it("WP^w is the largest rise, not the plugin's pruned value: [0.5, 0.9, 0.1, 0.8] gives 0.7 (the plugin: 0.4)", () => {
    const c = ce.cases.find((x: { name: string }) => x.name.startsWith("plasticity"));
    for (const convention of ["replab", "continual-evaluation"] as const) expect(continualMetrics(c.rows, { windows: [4], convention }).wp[4]).toBeCloseTo(0.7, 12);
    expect(c.expected.wp_plugin["4"]).toBeCloseTo(0.4, 6);
  });

  it("the conventions differ on LCA and on a task evaluated once, and agree elsewhere", () => {
    const c = ce.cases.find((x: { name: string }) => x.name.startsWith("task evaluated once"));
    const own = continualMetrics(c.rows, { windows: c.windows, lcaBeta: c.lcaBeta });
    const theirs = continualMetrics(c.rows, { windows: c.windows, lcaBeta: c.lcaBeta, convention: "continual-evaluation" });
    expect(own.lca).toBeCloseTo(((0.1 + 0.5 + 0.8) / 3 + (0.3 + 0.8 + 0.5) / 3 + 0.7) / 3, 12); // any 3 evaluations; task 2 has 1
    expect(theirs.lca).toBeCloseTo((0.1 + 0.5 + 0.8) / 3, 6); // only task 0 has 3 evaluations in its own training
    expect(own.wf[2]).toBeCloseTo((0.3 + 0.3) / 2, 12); // task 2 (evaluated once) is left out
    expect(theirs.wf[2]).toBeCloseTo((0.3 + 0.3 + 0) / 3, 6); // … counted as 0
    expect(theirs.minAcc).toBeCloseTo(own.minAcc!, 12);
    expect(own.finalAcc).toBe(theirs.finalAcc);
    expect(() => continualMetrics(c.rows, { convention: "avalanche" as never })).toThrow(/continualMetrics: convention="avalanche" is not a convention/);
  });
});
