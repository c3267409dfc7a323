/** replab/core: seeded random numbers, tensor backend choice, errors and the environment card. */
export { ReplabError, describeValue, require_, requireFinite, requireInteger, requireFiniteArray } from "./errors.js";
export { rng, setSeed, getSeed, type Rng } from "./rng.js";
export { initBackend, tfReady, tf, BACKEND_ORDER, webgpuOutcome, type BackendName } from "./backend.js";
export type { GpuAdapterCard, WebgpuOutcome } from "./webgpu.js";
export { environment, addEnvironmentRows, type EnvironmentCard } from "./environment.js";
export { escapeHtml } from "./html.js";
export { isArqueroTable } from "./table-guards.js";
