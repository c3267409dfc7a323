/** replab/plots: Plotly figures (rendered offline) and builders for every metric family. */
export { figure, Figure, type FigureSpec } from "./figure.js";
export * from "./rollouts.js";
export * from "./verifiers.js";
export * from "./continual.js";
export * from "./unlearning.js";
