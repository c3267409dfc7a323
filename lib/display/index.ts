/** replab/display: the display protocol, formatters, display handles and progress bars. */
export { DISPLAY_SYMBOL, setDisplaySink, getDisplaySink, type MimeBundle, type DisplayOptions, type DisplaySink } from "./mime.js";
export { formatValue, registerFormatter, plainText, type Formatter } from "./format.js";
export { display, type DisplayHandle, type DisplayCallOptions } from "./display.js";
export { progress, ProgressBar, progressText, progressHtml, type ProgressOptions, type ProgressState } from "./progress.js";
export {
  registerBuiltinFormatters, isArqueroTable, formatArqueroTable, isDanfoDataFrame, isDanfoSeries, formatDanfo,
  isTensor, formatTensor, tensorStats, tensorPreview, tensorHeatmapGrid, TENSOR_PREVIEW, type TensorStats,
  formatPlotly, plotlyHtml, plotlySource, plotlyInlined, resetPlotlyInlining, type PlotlySpec, TABLE_PREVIEW_ROWS,
} from "./formatters/index.js";
import { registerBuiltinFormatters } from "./formatters/index.js";
registerBuiltinFormatters();
