/** replab/continual: task streams, learners and strategies, the continual evaluator and stability-gap metrics. */
// The model layer continual learning trains (replab/models), published here too as it always was.
export {
  type LabelledData, checkLabelledData, datasetFromTensors, subsetRows, concatData,
  type LogitsLoss, softmaxCrossEntropy, softmaxCrossEntropyPerExample, crossEntropyLoss, lossWithGradient, lossValueAndGradient, sumLogitsLosses,
  Mlp, createMlp, createMlpSync, type MlpOptions, type MlpStepOptions, type MlpTensors,
  splitTrainTest,
} from "../models/index.js";
export { type Scenario, type Task, type TaskStream, makeTaskStream } from "./task-stream.js";
export { splitTaskStream, type SplitStreamOptions } from "./split-stream.js";
export { permutedTaskStream, permuteFeatures } from "./permuted-stream.js";
export { rotatedTaskStream, rotateImage, rotateData } from "./rotated-stream.js";
export { MASKED_LOGIT, headsMask } from "./heads-mask.js";
export { type Strategy, type StrategyContext, type TrainBatch, fineTuning } from "./strategy.js";
export { experienceReplay, type ReplayOptions } from "./replay.js";
export { elasticWeightConsolidation, type EwcOptions } from "./ewc.js";
export { learningWithoutForgetting, type LwfOptions } from "./lwf.js";
export { jointTraining } from "./joint.js";
export { evaluateTasks, type TaskScore } from "./evaluate-tasks.js";
export { trainContinual, type TrainContinualOptions, type ContinualRun } from "./train-continual.js";
export { ContinualEvaluator, type ContinualLogRow, type EvaluatorSettings } from "./continual-evaluator.js";
export * from "./metrics/index.js";
