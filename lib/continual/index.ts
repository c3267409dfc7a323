/** replab/continual: task streams, learners and strategies, the continual evaluator and stability-gap metrics. */
export { type LabelledData, checkLabelledData, datasetFromTensors, subsetRows, concatData } from "./dataset.js";
export { softmaxCrossEntropy, softmaxCrossEntropyPerExample } from "./losses.js";
export { Mlp, createMlp, createMlpSync, type MlpOptions, type MlpStepOptions, type MlpTensors, type LogitsLoss } from "./mlp.js";
export { splitTrainTest } from "./split-train-test.js";
export { type Scenario, type Task, type TaskStream, makeTaskStream } from "./task-stream.js";
export { splitTaskStream, type SplitStreamOptions } from "./split-stream.js";
export { permutedTaskStream, permuteFeatures } from "./permuted-stream.js";
export { rotatedTaskStream, rotateImage, rotateData } from "./rotated-stream.js";
