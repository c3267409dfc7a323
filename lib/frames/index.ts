/** replab/frames: arquero tables as the common currency, danfo adapters, and run logs on disk. */
export { openRunLog, type RunLog, type RunLogOptions } from "./run-log.js";
export { loadDigits, datasetPath, type Digits } from "./digits.js";
