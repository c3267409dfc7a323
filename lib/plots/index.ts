/** replab/plots: Plotly figures (rendered offline) and builders for every metric family. */
export * from "./rollouts.js";
export * from "./verifiers.js";
export * from "./continual.js";
export * from "./unlearning.js";
