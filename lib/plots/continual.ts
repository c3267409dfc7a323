/** Plotly figure builders for replab/continual: stability-gap curves, accuracy matrices, task-end vs continual evaluation. */
import { figure, type Figure } from "./figure.js";
import { parseContinualLog, continualMetrics, type ContinualLogInput, type ContinualMetrics } from "../continual/index.js";

type LogLike = readonly ContinualLogInput[] | { objects(): object[] };

const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

/** Shaded spans, one per trained task, from the previous task's end to this one's (alternating grey). */
function taskSpans(log: ReturnType<typeof parseContinualLog>): Array<Record<string, unknown>> {
  const shapes: Array<Record<string, unknown>> = [];
  let start = 0;
  log.trained.forEach((t, k) => {
    const end = log.lastIteration.get(t)!;
    shapes.push({ type: "rect", xref: "x", yref: "paper", x0: start, x1: end, y0: 0, y1: 1, fillcolor: k % 2 ? "#f0f0f0" : "#fafafa", line: { width: 0 }, layer: "below" });
    if (k > 0) shapes.push({ type: "line", xref: "x", yref: "paper", x0: start, x1: start, y0: 0, y1: 1, line: { color: "#999", width: 1, dash: "dot" } });
    start = end;
  });
  return shapes;
}

/**
 * Per-task accuracy over training iterations from a continual log (one line per evaluated
 * task), task spans shaded with boundaries dotted, and each stability gap marked: the drop from
 * the accuracy before a switch to the minimum after it (De Lange et al. 2023, Fig. 1).
 */
export function stabilityGapFigure(log: LogLike, options: { title?: string; taskNames?: string[]; tolerance?: number } = {}): Figure {
  const parsed = parseContinualLog("stabilityGapFigure", log);
  const data: Array<Record<string, unknown>> = [];
  for (const i of parsed.tasks) {
    const s = parsed.series.get(i)!;
    data.push({ type: "scatter", mode: "lines", name: options.taskNames?.[i] ?? `task ${i}`, x: s.iteration, y: s.accuracy, line: { color: PALETTE[i % PALETTE.length], width: 1.5 } });
  }
  const gaps = continualMetrics(log, { tolerance: options.tolerance ?? 0.01 }).gaps.objects() as Array<Record<string, number>>;
  if (gaps.length > 0) {
    data.push({
      type: "scatter", mode: "markers", name: "gap minimum", x: gaps.map((g) => g.minIteration), y: gaps.map((g) => g.min),
      marker: { symbol: "triangle-down", size: 9, color: gaps.map((g) => PALETTE[g.task! % PALETTE.length]), line: { color: "#000", width: 1 } },
      text: gaps.map((g) => `task ${g.task} after switch to ${g.switchTo}: ${g.before!.toFixed(3)} → ${g.min!.toFixed(3)} (gap ${g.depth!.toFixed(3)})`),
      hoverinfo: "text",
    });
    // a vertical bar from the pre-switch accuracy down to the minimum: the gap itself
    for (const g of gaps) {
      if (g.depth! <= 0) continue;
      data.push({ type: "scatter", mode: "lines", showlegend: false, hoverinfo: "skip", x: [g.minIteration, g.minIteration], y: [g.before, g.min], line: { color: PALETTE[g.task! % PALETTE.length], width: 3, dash: "dot" } });
    }
  }
  return figure({
    data,
    layout: {
      title: { text: options.title ?? "Accuracy of each task during continual training" },
      xaxis: { title: { text: "training iteration" } },
      yaxis: { title: { text: "accuracy" }, range: [-0.02, 1.02] },
      shapes: taskSpans(parsed),
      hovermode: "closest",
    },
  });
}

/** The accuracy matrix R[t][i] (accuracy on task i at the end of task t) as an annotated heatmap. */
export function accuracyMatrixFigure(input: LogLike | ContinualMetrics, options: { title?: string } = {}): Figure {
  const m = "accuracyMatrix" in (input as object) ? (input as ContinualMetrics) : continualMetrics(input as LogLike);
  const { trainTasks, evalTasks, R } = m.accuracyMatrix;
  return figure({
    data: [{
      type: "heatmap", z: R, x: evalTasks.map((i) => `task ${i}`), y: trainTasks.map((t) => `after task ${t}`), zmin: 0, zmax: 1,
      colorscale: "Viridis", colorbar: { title: { text: "accuracy" } },
      text: R.map((row) => row.map((v) => (v === null ? "" : v.toFixed(2)))), texttemplate: "%{text}", hoverongaps: false,
    }],
    layout: {
      title: { text: options.title ?? "Accuracy matrix R[t][i] (task-end evaluation)" },
      xaxis: { title: { text: "evaluated task" } },
      yaxis: { title: { text: "trained up to" }, autorange: "reversed" },
    },
  });
}

/**
 * Task-end evaluation (markers joined by dashes: what a task-end protocol sees) drawn over
 * per-iteration evaluation (thin lines): the dips between the markers are the stability gap.
 */
export function taskEndOverlayFigure(log: LogLike, options: { title?: string; taskNames?: string[] } = {}): Figure {
  const parsed = parseContinualLog("taskEndOverlayFigure", log);
  const data: Array<Record<string, unknown>> = [];
  for (const i of parsed.tasks) {
    const s = parsed.series.get(i)!;
    const colour = PALETTE[i % PALETTE.length];
    const name = options.taskNames?.[i] ?? `task ${i}`;
    data.push({ type: "scatter", mode: "lines", name: `${name}, every evaluation`, legendgroup: name, x: s.iteration, y: s.accuracy, line: { color: colour, width: 1 }, opacity: 0.6 });
    const ends = parsed.trained.filter((t) => t >= i && parsed.R.get(t)!.has(i));
    data.push({
      type: "scatter", mode: "lines+markers", name: `${name}, task ends`, legendgroup: name,
      x: ends.map((t) => parsed.lastIteration.get(t)!), y: ends.map((t) => parsed.R.get(t)!.get(i)!),
      line: { color: colour, width: 2, dash: "dash" }, marker: { size: 8, color: colour, line: { color: "#000", width: 1 } },
    });
  }
  return figure({
    data,
    layout: {
      title: { text: options.title ?? "Task-end evaluation over continual evaluation" },
      xaxis: { title: { text: "training iteration" } },
      yaxis: { title: { text: "accuracy" }, range: [-0.02, 1.02] },
      shapes: taskSpans(parsed),
    },
  });
}

/** Grouped bars comparing runs (e.g. strategies) on final accuracy, min-ACC and WC-ACC. */
export function continualComparisonFigure(runs: ReadonlyArray<{ name: string; metrics: ContinualMetrics }>, options: { title?: string } = {}): Figure {
  const keys = [["finalAcc", "final accuracy"], ["minAcc", "min-ACC"], ["wcAcc", "WC-ACC"]] as const;
  return figure({
    data: keys.map(([k, label], j) => ({ type: "bar", name: label, x: runs.map((r) => r.name), y: runs.map((r) => r.metrics[k]), marker: { color: PALETTE[j] } })),
    layout: { title: { text: options.title ?? "Final accuracy vs. worst-case accuracy" }, barmode: "group", yaxis: { title: { text: "accuracy" }, range: [0, 1] } },
  });
}
