import { isArqueroTable } from "../../core/table-guards.js";
import type { MimeBundle } from "../mime.js";
import { TABLE_PREVIEW_ROWS, tableViewHtml, tableViewText, type TableView } from "./table-html.js";

/** The part of an arquero table the formatter uses (duck-typed, so any copy of arquero renders). */
interface ArqueroLike {
  numRows(): number;
  columnNames(): string[];
  objects(options?: { limit?: number }): Array<Record<string, unknown>>;
  isGrouped?(): boolean;
  groups?(): { names: string[] } | null;
}

/** A bounded view of an arquero table: its first `maxRows` rows (only those are materialised). */
export function arqueroView(table: unknown, maxRows = TABLE_PREVIEW_ROWS): TableView {
  const t = table as ArqueroLike;
  const columns = t.columnNames();
  const rows = t.objects({ limit: maxRows }).map((o) => columns.map((c) => o[c]));
  const names = t.isGrouped?.() ? t.groups?.()?.names : undefined;
  return { kind: "arquero table", columns, rows, totalRows: t.numRows(), ...(names?.length ? { note: `grouped by ${names.join(", ")}` } : {}) };
}

/** MIME bundle for an arquero table: an escaped HTML table and text, truncated to `maxRows` rows. */
export function formatArqueroTable(table: unknown, maxRows = TABLE_PREVIEW_ROWS): MimeBundle {
  const view = arqueroView(table, maxRows);
  return { "text/html": tableViewHtml(view), "text/plain": tableViewText(view) };
}
