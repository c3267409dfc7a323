/**
 * replab/models: the learners the areas share — a seeded MLP with a hand-written backward pass
 * (a fused step on CPU backends: OpenBLAS through a native addon, else WebAssembly SIMD), losses
 * on logits, the labelled-data type (what `loadDigits()` returns), a stratified train/test split,
 * and the one Adam every hand-written learner steps with.
 */
export { type LabelledData, checkLabelledData, datasetFromTensors, subsetRows, concatData } from "./labelled-data.js";
export { type LogitsLoss, softmaxCrossEntropy, softmaxCrossEntropyPerExample, crossEntropyLoss, lossWithGradient, lossValueAndGradient, sumLogitsLosses } from "./losses.js";
export { Mlp, createMlp, createMlpSync, type MlpOptions, type MlpStepOptions, type MlpTensors } from "./mlp.js";
export { splitTrainTest } from "./split-train-test.js";
export { loadFashionMnist, FASHION_MNIST_DIR, FASHION_MNIST_CLASSES, type FashionMnistOptions } from "./fashion-mnist.js";
export { type HostLogitsLoss, type MlpEngine, type MlpKernelBuild, mlpEngine, mlpEngines, mlpKernelBuild } from "./fused-mlp.js";
export { type NativeMlpStatus, nativeMlpStatus } from "./native/native-mlp.js";
export { Adam, type AdamParameter, type AdamStepOptions } from "./adam.js";
// Registers the `mlpEngine` row of environment() (a side effect of loading replab/models).
export { mlpEngineRow } from "./engine-environment.js";
