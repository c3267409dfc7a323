/** Plotly figure builders for replab/rollouts: pass@k curves, advantages, zero-std groups, per-problem solve rates, entropy over training. */
import * as aq from "arquero";
import { require_ } from "../core/errors.js";
import { figure, type Figure } from "./figure.js";
import { groupAdvantages, groupRewardStd, solveRates, type GroupAdvantageOptions } from "../rollouts/index.js";

type Rows = Array<Record<string, unknown>>;
const rowsOf = (where: string, t: aq.ColumnTable | Rows): Rows => {
  const rows = Array.isArray(t) ? t : (t as aq.ColumnTable).objects() as Rows;
  require_(rows.length > 0, where, "table", t, "has no rows", "pass a non-empty table");
  return rows;
};
const byKey = (rows: Rows, key: string): Map<string, Rows> => {
  const m = new Map<string, Rows>();
  for (const r of rows) { const k = String(r[key] ?? ""); if (!m.has(k)) m.set(k, []); m.get(k)!.push(r); }
  return m;
};

/**
 * pass@k against k on a log₂ axis, one line per policy: pass one table with a `policy` column (e.g.
 * several `passAtKCurve(…, { policy })` tables concatenated), or several tables.
 */
export function passAtKFigure(curves: aq.ColumnTable | Rows | Array<aq.ColumnTable>, options: { title?: string; policyColumn?: string } = {}): Figure {
  const rows: Rows = Array.isArray(curves) && curves.length > 0 && typeof (curves[0] as aq.ColumnTable).objects === "function"
    ? (curves as aq.ColumnTable[]).flatMap((t) => t.objects() as Rows)
    : rowsOf("passAtKFigure", curves as aq.ColumnTable | Rows);
  require_(rows.length > 0 && "k" in rows[0]! && "pass_at_k" in rows[0]!, "passAtKFigure", "curves", curves, "lacks k and pass_at_k columns", "pass passAtKCurve(…) tables");
  const col = options.policyColumn ?? "policy";
  const data = [...byKey(rows, col)].map(([name, rs]) => ({ type: "scatter", mode: "lines+markers", name: name || "policy", x: rs.map((r) => Number(r.k)), y: rs.map((r) => Number(r.pass_at_k)) }));
  return figure({
    data,
    layout: { title: { text: options.title ?? "pass@k" }, xaxis: { title: { text: "k (samples)" }, type: "log", dtick: Math.log10(2) }, yaxis: { title: { text: "pass@k" }, range: [0, 1.02] }, legend: { orientation: "h", y: -0.28 }, margin: { b: 90 } },
  });
}

/**
 * Distribution of group advantages (histogram) beside each group's reward std, so groups whose
 * std is zero — no learning signal — stand out.
 */
export function advantageFigure(rewards: ArrayLike<number>, groupSize: number, options: GroupAdvantageOptions & { title?: string } = {}): Figure {
  const adv = groupAdvantages(rewards, groupSize, options);
  const std = groupRewardStd(rewards, groupSize);
  return figure({
    data: [
      { type: "histogram", x: Array.from(adv), name: "advantage", nbinsx: 40, xaxis: "x", yaxis: "y" },
      { type: "bar", x: Array.from(std, (_, i) => i), y: Array.from(std), name: "group reward std", marker: { color: Array.from(std, (s) => (s <= 1e-8 ? "#d62728" : "#1f77b4")) }, xaxis: "x2", yaxis: "y2" },
      // zero-height bars are invisible: mark the signal-free groups with red crosses on the axis
      { type: "scatter", mode: "markers", x: Array.from(std, (_, i) => i).filter((i) => std[i]! <= 1e-8), y: Array.from(std).filter((s) => s <= 1e-8).map(() => 0), name: "std 0 (no signal)", marker: { color: "#d62728", symbol: "x", size: 9 }, xaxis: "x2", yaxis: "y2", cliponaxis: false },
    ],
    layout: {
      title: { text: options.title ?? `Group advantages (${options.estimator ?? "grpo"}, G=${groupSize})` },
      grid: { rows: 1, columns: 2, pattern: "independent" },
      xaxis: { title: { text: "advantage" } }, yaxis: { title: { text: "completions" } },
      xaxis2: { title: { text: "group (red: std 0, no signal)" } }, yaxis2: { title: { text: "reward std" } },
      showlegend: false,
    },
  });
}

/**
 * Share of zero-std groups (TRL's frac_reward_zero_std) against a column — group size, difficulty
 * level or training step — one line per series. Pass rows {x, frac_zero_std, series?}.
 */
export function zeroStdFigure(table: aq.ColumnTable | Rows, options: { x?: string; series?: string; title?: string; xTitle?: string; logX?: boolean } = {}): Figure {
  const rows = rowsOf("zeroStdFigure", table);
  const x = options.x ?? "group_size", s = options.series ?? "series";
  require_(x in rows[0]! && "frac_zero_std" in rows[0]!, "zeroStdFigure", "table", table, `lacks ${x} and frac_zero_std columns`, "pass rows with those columns");
  const data = [...byKey(rows, s)].map(([name, rs]) => ({ type: "scatter", mode: "lines+markers", name: name || "groups", x: rs.map((r) => r[x]), y: rs.map((r) => Number(r.frac_zero_std)) }));
  return figure({
    data,
    layout: { title: { text: options.title ?? "Groups with zero reward std (no GRPO signal)" }, xaxis: { title: { text: options.xTitle ?? x }, ...(options.logX ? { type: "log", dtick: Math.log10(2) } : {}) }, yaxis: { title: { text: "frac_reward_zero_std" }, range: [0, 1.02] }, legend: { orientation: "h", y: -0.28 }, margin: { b: 90 } },
  });
}

/** A metric (default entropy) over training steps, one line per run: rows {step, <metric>, run?}. */
export function trainingCurveFigure(table: aq.ColumnTable | Rows, options: { metric?: string; run?: string; title?: string; yTitle?: string } = {}): Figure {
  const rows = rowsOf("trainingCurveFigure", table);
  const metric = options.metric ?? "entropy", run = options.run ?? "run";
  require_("step" in rows[0]! && metric in rows[0]!, "trainingCurveFigure", "table", table, `lacks step and ${metric} columns`, "pass rows {step, metric, run}");
  return figure({
    data: [...byKey(rows, run)].map(([name, rs]) => ({ type: "scatter", mode: "lines", name: name || metric, x: rs.map((r) => Number(r.step)), y: rs.map((r) => Number(r[metric])) })),
    layout: { title: { text: options.title ?? `${metric} over training` }, xaxis: { title: { text: "step" } }, yaxis: { title: { text: options.yTitle ?? metric } }, legend: { orientation: "h", y: -0.28 }, margin: { b: 90 } },
  });
}

/**
 * Histogram of per-problem solve rates c/n (`solveRates`) of a rollout table: how many problems
 * the policy never solves (rate 0, red), always solves (rate 1, green) and solves sometimes —
 * only the last give GRPO a gradient. The title gives the shares of the first two
 * (`rewardGroupMetrics`' frac_reward_all_zero and frac_reward_all_one when the reward is the 0/1 correctness).
 */
export function solveRateFigure(table: aq.ColumnTable, options: { promptColumn?: string; correctColumn?: string; title?: string } = {}): Figure {
  const rates = (solveRates(table, options).array("solve_rate") as ArrayLike<number>);
  const tally = new Map<number, number>();
  for (let i = 0; i < rates.length; i++) tally.set(rates[i]!, (tally.get(rates[i]!) ?? 0) + 1);
  const xs = [...tally.keys()].sort((a, b) => a - b);
  const share = (v: number) => ((tally.get(v) ?? 0) / rates.length * 100).toFixed(0);
  return figure({
    data: [{ type: "bar", x: xs, y: xs.map((x) => tally.get(x)), name: "problems", marker: { color: xs.map((x) => (x === 0 ? "#d62728" : x === 1 ? "#2ca02c" : "#1f77b4")) } }],
    layout: {
      title: { text: options.title ?? `Per-problem solve rate (${rates.length} problems: ${share(0)}% never solved, ${share(1)}% always)` },
      xaxis: { title: { text: "solve rate c/n (red: never solved, green: always — no GRPO signal)" }, range: [-0.05, 1.05] },
      yaxis: { title: { text: "problems" } }, bargap: 0.1, showlegend: false,
    },
  });
}
