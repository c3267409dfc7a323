/** Built-in formatters, registered when lib/display loads (docs/ARCHITECTURE.md, the display protocol). Each detects its type by duck typing. */
import { registerFormatter } from "../format.js";
import { isArqueroTable, isDanfoDataFrame, isDanfoSeries } from "../../core/table-guards.js";
import { formatArqueroTable } from "./arquero.js";
import { formatDanfo } from "./danfo.js";
import { formatTensor, isTensor } from "./tensor.js";

let registered = false;

/**
 * Registers the built-in formatters (arquero tables, danfo DataFrame/Series, tf.Tensor); runs
 * once when lib/display loads, and again does nothing. Plotly figures (lib/plots `Figure`)
 * render through their own display symbol with {@link formatPlotly}.
 */
export function registerBuiltinFormatters(): void {
  if (registered) return;
  registered = true;
  registerFormatter(isArqueroTable, (v) => formatArqueroTable(v), "arquero table");
  registerFormatter((v) => isDanfoDataFrame(v) || isDanfoSeries(v), (v) => formatDanfo(v), "danfo");
  registerFormatter(isTensor, (v) => formatTensor(v), "tf.Tensor");
}

export { isArqueroTable, isDanfoDataFrame, isDanfoSeries } from "../../core/table-guards.js";
export { formatArqueroTable, arqueroView } from "./arquero.js";
export { formatDanfo, danfoView } from "./danfo.js";
export { isTensor, formatTensor, tensorStats, tensorPreview, tensorHeatmapGrid, previewShape, TENSOR_PREVIEW, type TensorStats } from "./tensor.js";
export { formatPlotly, plotlyHtml, plotlySource, plotlyInlined, resetPlotlyInlining, type PlotlySpec } from "./plotly.js";
export { tableViewHtml, tableViewText, TABLE_PREVIEW_ROWS, type TableView } from "./table-html.js";
export { heatmapDataUrl, encodePngRgb, viridis } from "./heatmap-png.js";
export { cellText } from "./cell.js";
