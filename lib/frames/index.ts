/** replab/frames: arquero tables as the common currency, danfo adapters, and run logs on disk. */
export { openRunLog, type RunLog, type RunLogOptions } from "./run-log.js";
export { openRunFolder, type RunFolder, type RunFolderOptions } from "./run-folder.js";
export { loadDigits, datasetPath, type Digits } from "./digits.js";
export { asTable, type Table, type TableInput } from "./as-table.js";
export { toDanfo, type DanfoFrame } from "./danfo.js";
export { fromDanfo, type FromDanfoOptions } from "./from-danfo.js";
export { writeParquet, readParquet } from "./parquet.js";
export { writeJsonl, readJsonl } from "./jsonl.js";
