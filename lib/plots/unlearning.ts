/** Plotly figure builders for replab/unlearning: forget-vs-utility trade-off, MIA ROC curves, relearning curves. */
import { require_ } from "../core/errors.js";
import { rocCurve, rocAuc } from "../stats/index.js";
import { figure, type Figure } from "./figure.js";

const UNLEARN_PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

/** One point of a forget-vs-utility trade-off: a method (or a method at one step). */
export interface TradeoffPoint {
  method: string;
  /** How much was forgotten (e.g. UA, forget quality, MIA-efficacy). */
  forget: number;
  /** How much was kept (e.g. TA, RA, model utility). */
  utility: number;
  /** Optional label per point (e.g. "step 12"). */
  label?: string;
}

/**
 * Forget-vs-utility trade-off scatter: one marker (or a line through a method's successive points)
 * per method, the retrain-from-scratch point marked as a star — the target every approximate
 * method should land on (SalUn Fig. 1 style; TOFU Fig. 5 style when points are steps).
 * Rows may be plain objects or an arquero table's `objects()`.
 */
export function unlearningTradeoffFigure(points: readonly TradeoffPoint[], options: { retrain?: string; forgetLabel?: string; utilityLabel?: string; title?: string; logForget?: boolean } = {}): Figure {
  require_(points.length > 0, "unlearningTradeoffFigure", "points", points, "is empty", "pass at least one { method, forget, utility } row");
  const retrain = options.retrain ?? "Retrain";
  const methods = [...new Set(points.map((p) => p.method))];
  const data: Array<Record<string, unknown>> = [];
  methods.forEach((m, k) => {
    const ps = points.filter((p) => p.method === m);
    const isRetrain = m === retrain;
    data.push({
      type: "scatter", mode: ps.length > 1 && !isRetrain ? "lines+markers" : "markers", name: m,
      x: ps.map((p) => p.forget), y: ps.map((p) => p.utility), text: ps.map((p) => p.label ?? m), hoverinfo: "text+x+y",
      marker: isRetrain ? { symbol: "star", size: 16, color: "#000" } : { size: 9, color: UNLEARN_PALETTE[k % UNLEARN_PALETTE.length] },
      line: { color: UNLEARN_PALETTE[k % UNLEARN_PALETTE.length], width: 1.5 },
    });
  });
  return figure({
    data,
    layout: {
      title: { text: options.title ?? "Forgetting vs utility (★ = retrain from scratch)" },
      xaxis: { title: { text: options.forgetLabel ?? "forgetting" }, type: options.logForget ? "log" : "linear" },
      yaxis: { title: { text: options.utilityLabel ?? "utility" } },
      legend: { orientation: "h" },
    },
  });
}

/**
 * ROC curves of membership-inference attacks, members as the positive class (see `miaAuc`): for
 * each named attack, scores of members and non-members and which way the score points. The
 * chance diagonal is drawn; the legend gives each AUC.
 */
export function miaRocFigure(attacks: ReadonlyArray<{ name: string; members: ArrayLike<number>; nonMembers: ArrayLike<number>; direction: "higher-is-member" | "lower-is-member" }>, options: { title?: string } = {}): Figure {
  require_(attacks.length > 0, "miaRocFigure", "attacks", attacks, "is empty", "pass at least one { name, members, nonMembers, direction }");
  const data: Array<Record<string, unknown>> = attacks.map((a, k) => {
    const sign = a.direction === "higher-is-member" ? 1 : -1;
    const scores = [...Array.from(a.members, (v) => sign * v), ...Array.from(a.nonMembers, (v) => sign * v)];
    const labels = [...Array.from(a.members, () => 1), ...Array.from(a.nonMembers, () => 0)];
    const c = rocCurve(scores, labels);
    return { type: "scatter", mode: "lines", name: `${a.name} (AUC ${rocAuc(scores, labels).toFixed(3)})`, x: c.fpr, y: c.tpr, line: { color: UNLEARN_PALETTE[k % UNLEARN_PALETTE.length], shape: "hv" } };
  });
  data.push({ type: "scatter", mode: "lines", name: "chance", x: [0, 1], y: [0, 1], line: { color: "#999", dash: "dot" }, hoverinfo: "skip" });
  return figure({
    data,
    layout: {
      title: { text: options.title ?? "Membership inference ROC (member = positive)" },
      xaxis: { title: { text: "false-positive rate (non-members called members)" }, range: [0, 1] },
      yaxis: { title: { text: "true-positive rate (members found)" }, range: [0, 1] },
    },
  });
}

/**
 * Relearning curves: accuracy on the held-out part of the forget set after each relearning step,
 * one line per method, with the target accuracy as a dashed line (suppressed knowledge returns in
 * a few steps; a retrained model must learn it anew).
 */
export function relearnCurveFigure(curves: ReadonlyArray<{ method: string; curve: readonly number[] }>, options: { target?: number; title?: string } = {}): Figure {
  require_(curves.length > 0, "relearnCurveFigure", "curves", curves, "is empty", "pass at least one { method, curve } (relearnAttack(...).curve)");
  const data: Array<Record<string, unknown>> = curves.map((c, k) => ({
    type: "scatter", mode: "lines+markers", name: c.method, x: c.curve.map((_, i) => i), y: c.curve,
    line: { color: c.method === "Retrain" ? "#000" : UNLEARN_PALETTE[k % UNLEARN_PALETTE.length], width: c.method === "Retrain" ? 3 : 1.5 },
  }));
  const maxLen = Math.max(...curves.map((c) => c.curve.length));
  if (options.target !== undefined) data.push({ type: "scatter", mode: "lines", name: "target", x: [0, maxLen - 1], y: [options.target, options.target], line: { color: "#999", dash: "dash" } });
  return figure({
    data,
    layout: {
      title: { text: options.title ?? "Relearning attack: forget-set accuracy vs fine-tuning steps on a slice of it" },
      xaxis: { title: { text: "relearning step" } },
      yaxis: { title: { text: "accuracy on held-out forget examples" }, range: [0, 1.02] },
    },
  });
}
