import { isDanfoDataFrame, isDanfoSeries } from "../../core/table-guards.js";
import type { MimeBundle } from "../mime.js";
import { TABLE_PREVIEW_ROWS, tableViewHtml, tableViewText, type TableView } from "./table-html.js";

/** danfo's internal fields the formatter reads (duck-typed, so any copy of danfo renders). */
interface DanfoLike {
  $isSeries: boolean;
  $data: unknown[];
  $index: unknown[];
  $columns: string[];
  $dtypes: string[];
  shape: number[];
}

/** A bounded view of a danfo DataFrame or Series: its first `maxRows` rows with the index. */
export function danfoView(value: unknown, maxRows = TABLE_PREVIEW_ROWS): TableView {
  const d = value as DanfoLike;
  const head = d.$data.slice(0, maxRows);
  const rows = d.$isSeries ? head.map((x) => [x]) : head.map((r) => (Array.isArray(r) ? r : [r]));
  const columns = d.$isSeries ? [String(d.$columns[0] ?? "0")] : d.$columns.map(String);
  return { kind: d.$isSeries ? "danfo Series" : "danfo DataFrame", columns, dtypes: d.$dtypes.map(String), index: d.$index.slice(0, maxRows), rows, totalRows: d.$data.length };
}

/** MIME bundle for a danfo DataFrame or Series: an escaped HTML table and text, truncated to `maxRows` rows. */
export function formatDanfo(value: unknown, maxRows = TABLE_PREVIEW_ROWS): MimeBundle {
  const view = danfoView(value, maxRows);
  return { "text/html": tableViewHtml(view), "text/plain": tableViewText(view) };
}
