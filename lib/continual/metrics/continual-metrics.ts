import type * as aq from "arquero";
import { require_, requireInteger } from "../../core/errors.js";
import { parseContinualLog, type ContinualLogInput } from "./continual-log.js";
import { minAccuracy } from "./min-acc.js";
import { worstCaseAccuracy } from "./wc-acc.js";
import { windowedForgetting, windowedPlasticity } from "./windowed-forgetting.js";
import { learningCurveArea } from "./learning-curve-area.js";
import { finalAccuracy } from "./final-acc.js";
import { backwardTransfer } from "./backward-transfer.js";
import { forgettingAvalanche, forgettingMammoth } from "./forgetting.js";
import { accuracyMatrix } from "./accuracy-matrix.js";
import { stabilityGaps } from "./stability-gaps.js";
import { checkConvention, type ContinualConvention } from "./convention.js";

/** Options for {@link continualMetrics}. */
export interface ContinualMetricsOptions {
  /** Window sizes w of WF^w and WP^w (default [10, 100]). */
  windows?: number[];
  /** β of LCA_β (default 10). */
  lcaBeta?: number;
  /** Recovery tolerance of the gaps table (default 0.01: back within one accuracy point). */
  tolerance?: number;
  /** Whose definitions of min-ACC, WC-ACC, LCA and WF/WP (default "replab"; see {@link ContinualConvention}). */
  convention?: ContinualConvention;
}

/** Everything {@link continualMetrics} returns; a metric with nothing to average is null, never NaN. */
export interface ContinualMetrics {
  /** k: tasks seen (trained). */
  tasksSeen: number;
  minAcc: number | null;
  wcAcc: number | null;
  wf: Record<number, number | null>;
  wp: Record<number, number | null>;
  lca: number | null;
  finalAcc: number | null;
  bwt: number | null;
  forgetting: { avalanche: number | null; mammoth: number | null };
  /** R[t][i] (see `accuracyMatrix`). */
  accuracyMatrix: { trainTasks: number[]; evalTasks: number[]; R: (number | null)[][] };
  /** One row per (earlier task, switch): see `StabilityGapRow`. */
  gaps: aq.ColumnTable;
  options: { windows: number[]; lcaBeta: number; tolerance: number; convention: ContinualConvention };
}

/**
 * Continual-evaluation metrics of a log `{ iteration, trainTask, evalTask, accuracy }` (a table
 * or rows; tasks trained in increasing order), as defined by De Lange et al. 2023 ("Continual
 * evaluation for lifelong learning: identifying the stability gap", §3; code
 * Mattdl/ContinualEvaluation; see docs/ARCHITECTURE.md): min-ACC, WC-ACC, WF^w, WP^w, LCA_β, final
 * accuracy, BWT (GEM), forgetting in Avalanche's and Mammoth's variants, the accuracy matrix
 * and the per-switch stability gaps. With A_i the accuracy series of task i in iteration order
 * and R[t][i] the accuracy of task i at the last evaluation made while task t trained.
 * `convention: "continual-evaluation"` computes min-ACC, WC-ACC, LCA and WF/WP as
 * Mattdl/ContinualEvaluation's plugins do (see {@link ContinualConvention}); the rest is the same.
 */
export function continualMetrics(log: readonly ContinualLogInput[] | { objects(): object[] }, options: ContinualMetricsOptions = {}): ContinualMetrics {
  const windows = options.windows ?? [10, 100];
  require_(Array.isArray(windows) && windows.length > 0, "continualMetrics", "windows", windows, "is not a non-empty list", "pass window sizes such as [10, 100]");
  windows.forEach((w, k) => requireInteger("continualMetrics", `windows[${k}]`, w, 2));
  const lcaBeta = options.lcaBeta ?? 10;
  requireInteger("continualMetrics", "lcaBeta", lcaBeta, 1);
  const tolerance = options.tolerance ?? 0.01;
  require_(typeof tolerance === "number" && tolerance >= 0 && tolerance <= 1, "continualMetrics", "tolerance", tolerance, "is not in [0, 1]", "pass an accuracy tolerance such as 0.01");
  const convention = options.convention ?? "replab";
  checkConvention("continualMetrics", convention);
  const parsed = parseContinualLog("continualMetrics", log);
  const minAcc = minAccuracy(parsed, convention);
  const bwt = backwardTransfer(parsed);
  return {
    tasksSeen: parsed.trained.length,
    minAcc,
    wcAcc: worstCaseAccuracy(parsed, minAcc, convention),
    wf: Object.fromEntries(windows.map((w) => [w, windowedForgetting(parsed, w, convention)])),
    wp: Object.fromEntries(windows.map((w) => [w, windowedPlasticity(parsed, w, convention)])),
    lca: learningCurveArea(parsed, lcaBeta, convention),
    finalAcc: finalAccuracy(parsed),
    bwt,
    forgetting: { avalanche: forgettingAvalanche(parsed), mammoth: forgettingMammoth(parsed) },
    accuracyMatrix: accuracyMatrix(parsed),
    gaps: stabilityGaps(parsed, tolerance),
    options: { windows: windows.slice(), lcaBeta, tolerance, convention },
  };
}
