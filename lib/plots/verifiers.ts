/** Plotly figure builders for replab/verifiers: reliability diagram, rates per slice, master-key FPR, training curves. */
import type * as aq from "arquero";
import { require_ } from "../core/errors.js";
import { figure, type Figure } from "./figure.js";
import { calibrationBins, type CalibrationBin } from "../verifiers/index.js";

/**
 * Reliability diagram (Guo et al. 2017): accuracy against mean confidence per bin (from
 * `calibrationBins`, scikit-learn's uniform binning), the diagonal of perfect calibration, and
 * bin counts as a bar underlay. Pass the bins, or scores and labels.
 */
export function reliabilityDiagramFigure(input: CalibrationBin[] | { scores: ArrayLike<number>; labels: ArrayLike<boolean | number>; bins?: number }, options: { title?: string } = {}): Figure {
  const bins = Array.isArray(input) ? input : calibrationBins(input.scores, input.labels, input.bins ?? 10);
  require_(bins.length > 0, "reliabilityDiagramFigure", "bins", bins, "is empty", "pass calibrationBins(scores, labels)");
  const total = bins.reduce((a, b) => a + b.count, 0);
  return figure({
    data: [
      { type: "bar", x: bins.map((b) => (b.lo + b.hi) / 2), y: bins.map((b) => b.count / total), width: bins.map((b) => b.hi - b.lo), name: "share of items", marker: { color: "rgba(120,120,120,0.25)" }, yaxis: "y2", hoverinfo: "y" },
      { type: "scatter", mode: "lines", x: [0, 1], y: [0, 1], name: "perfect calibration", line: { dash: "dash", color: "#888" } },
      { type: "scatter", mode: "lines+markers", x: bins.map((b) => b.confidence), y: bins.map((b) => b.accuracy), name: "verifier", text: bins.map((b) => `n=${b.count}`) },
    ],
    layout: {
      title: { text: options.title ?? "Reliability diagram" },
      xaxis: { title: { text: "mean score (confidence)" }, range: [0, 1] },
      yaxis: { title: { text: "share actually right" }, range: [0, 1] },
      yaxis2: { overlaying: "y", side: "right", range: [0, 1], showgrid: false, title: { text: "share of items" } },
      legend: { orientation: "h" },
    },
  });
}

/** Grouped bars of a verifier's FPR and FNR (or other rate columns) per slice, from `verifierConfusion`. */
export function verifierRatesFigure(table: aq.ColumnTable, options: { rates?: string[]; title?: string } = {}): Figure {
  const rows = table.objects() as Array<Record<string, unknown>>;
  const rates = options.rates ?? ["fpr", "fnr"];
  return figure({
    data: rates.map((r) => ({ type: "bar", name: r.toUpperCase(), x: rows.map((x) => String(x.slice)), y: rows.map((x) => Number(x[r])) })),
    layout: { title: { text: options.title ?? "Verifier error rates by slice" }, barmode: "group", yaxis: { title: { text: "rate" }, range: [0, 1] } },
  });
}

/** Bars of a judge's false-positive rate per master key, from `masterKeyProbe`. */
export function masterKeyFigure(table: aq.ColumnTable, options: { title?: string } = {}): Figure {
  const rows = (table.objects() as Array<{ key: string; fpr: number; n: number }>).filter((r) => r.key !== "all keys");
  return figure({
    data: [{ type: "bar", x: rows.map((r) => JSON.stringify(r.key)), y: rows.map((r) => r.fpr), text: rows.map((r) => `n=${r.n}`) }],
    layout: { title: { text: options.title ?? "Judge false-positive rate per master key" }, yaxis: { title: { text: "FPR" }, range: [0, 1] }, xaxis: { title: { text: "response" } } },
  });
}

/** Lines over training steps — e.g. verifier reward against true accuracy, to show reward inflation. */
export function rewardCurvesFigure(steps: ArrayLike<number>, series: Record<string, ArrayLike<number>>, options: { title?: string; yTitle?: string } = {}): Figure {
  for (const [name, ys] of Object.entries(series)) require_(ys.length === steps.length, "rewardCurvesFigure", `series.${name}`, ys, `has ${ys.length} points but steps has ${steps.length}`, "give one value per step");
  return figure({
    data: Object.entries(series).map(([name, ys]) => ({ type: "scatter", mode: "lines", name, x: Array.from(steps), y: Array.from(ys) })),
    layout: { title: { text: options.title ?? "Reward and true accuracy during training" }, xaxis: { title: { text: "step" } }, yaxis: { title: { text: options.yTitle ?? "mean over prompts" } } },
  });
}
