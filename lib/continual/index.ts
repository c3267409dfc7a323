/** replab/continual: task streams, learners and strategies, the continual evaluator and stability-gap metrics. */
export { type LabelledData, checkLabelledData, datasetFromTensors, subsetRows, concatData } from "./dataset.js";
export { softmaxCrossEntropy, softmaxCrossEntropyPerExample } from "./losses.js";
export { Mlp, createMlp, createMlpSync, type MlpOptions, type MlpStepOptions, type MlpTensors, type LogitsLoss } from "./mlp.js";
