/** Continual-evaluation metrics, one per file; `continualMetrics` computes them all. */
export { parseContinualLog, type ContinualLogInput, type ParsedContinualLog, type TaskSeries } from "./continual-log.js";
export { type ContinualConvention } from "./convention.js";
export { minAccuracy } from "./min-acc.js";
export { worstCaseAccuracy } from "./wc-acc.js";
export { windowedForgetting, windowedPlasticity } from "./windowed-forgetting.js";
export { learningCurveArea } from "./learning-curve-area.js";
export { finalAccuracy } from "./final-acc.js";
export { backwardTransfer } from "./backward-transfer.js";
export { forgettingAvalanche, forgettingMammoth } from "./forgetting.js";
export { accuracyMatrix } from "./accuracy-matrix.js";
export { stabilityGaps, type StabilityGapRow } from "./stability-gaps.js";
export { sampleWiseForgetting, sampleWiseForgettingTable, type SampleWiseForgetting } from "./sample-wise-forgetting.js";
export { continualMetrics, type ContinualMetrics, type ContinualMetricsOptions } from "./continual-metrics.js";
