/** replab: every area (and the labs' check framework) re-exported. Prefer the subpaths (`replab/rollouts`, …) in notebooks. */
export * from "./core/index.js";
export * from "./stats/index.js";
export * from "./display/index.js";
export * from "./frames/index.js";
export * from "./models/index.js";
export * from "./plots/index.js";
export * from "./rollouts/index.js";
export * from "./verifiers/index.js";
export * from "./continual/index.js";
export * from "./unlearning/index.js";
export * from "./labs/index.js";
export * from "./claims/index.js";
