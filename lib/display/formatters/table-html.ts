import { escapeHtml } from "../../core/html.js";
import { cellText } from "./cell.js";

/** A bounded view of a table: the header, the first rows, and how many rows there are in all. */
export interface TableView {
  /** What kind of table, shown in the caption (e.g. "arquero table", "danfo DataFrame"). */
  kind: string;
  columns: string[];
  /** Column dtypes, when the table knows them. */
  dtypes?: string[];
  /** Row labels (danfo's index); omitted for tables without one. */
  index?: unknown[];
  /** The first rows, as arrays aligned with `columns`. */
  rows: unknown[][];
  totalRows: number;
  /** A note after the counts, e.g. "grouped by phase". */
  note?: string;
}

/** Default number of rows a table formatter shows. */
export const TABLE_PREVIEW_ROWS = 20;

function caption(v: TableView): string {
  return `${v.kind}: ${v.totalRows} row${v.totalRows === 1 ? "" : "s"} × ${v.columns.length} column${v.columns.length === 1 ? "" : "s"}${v.note ? ` (${v.note})` : ""}`;
}

/** The table as HTML; every header and cell is escaped, and a "… N more rows" note ends a truncated table. */
export function tableViewHtml(v: TableView): string {
  const th = 'style="text-align:right;padding:2px 8px;border-bottom:1px solid #999"';
  const td = 'style="text-align:right;padding:2px 8px;font-family:monospace"';
  const head = (v.index ? `<th ${th}></th>` : "") + v.columns.map((c, j) => `<th ${th}>${escapeHtml(c)}${v.dtypes?.[j] ? `<br><small style="color:#888;font-weight:normal">${escapeHtml(v.dtypes[j]!)}</small>` : ""}</th>`).join("");
  const body = v.rows.map((row, i) =>
    "<tr>" + (v.index ? `<th ${td}>${escapeHtml(cellText(v.index[i]))}</th>` : "") + row.map((x) => `<td ${td}>${escapeHtml(cellText(x))}</td>`).join("") + "</tr>").join("");
  const more = v.totalRows - v.rows.length;
  const note = more > 0 ? `<div class="replab-more" style="color:#666;font-size:90%">… ${more} more row${more === 1 ? "" : "s"}</div>` : "";
  return `<div class="replab-table"><div style="color:#666;font-size:90%">${escapeHtml(caption(v))}</div>` +
    `<table style="border-collapse:collapse"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${note}</div>`;
}

/** The table as aligned plain text, with the same caption and "… N more rows" note. */
export function tableViewText(v: TableView): string {
  const header = (v.index ? [""] : []).concat(v.columns);
  const lines = v.rows.map((row, i) => (v.index ? [cellText(v.index[i])] : []).concat(row.map((x) => cellText(x).replace(/\s+/g, " "))));
  const widths = header.map((h, j) => Math.min(30, Math.max(h.length, ...lines.map((l) => l[j]!.length))));
  const fit = (s: string, w: number) => (s.length > w ? s.slice(0, w - 1) + "…" : s.padStart(w));
  const out = [caption(v), header.map((h, j) => fit(h, widths[j]!)).join("  "), ...lines.map((l) => l.map((s, j) => fit(s, widths[j]!)).join("  "))];
  const more = v.totalRows - v.rows.length;
  if (more > 0) out.push(`… ${more} more row${more === 1 ? "" : "s"}`);
  return out.join("\n");
}
