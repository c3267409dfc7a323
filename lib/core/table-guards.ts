/**
 * Duck-typed guards for the table types replab accepts and renders: they recognise a table from
 * any copy of arquero or danfojs (a notebook's own install included) by its methods and fields,
 * so both the display formatters and replab/frames can tell tables apart without loading either
 * library.
 */
import type { ColumnTable } from "arquero";

/** True for an arquero table (any copy of arquero): it has numRows, numCols, columnNames and objects. */
export function isArqueroTable(value: unknown): value is ColumnTable {
  const v = value as Record<string, unknown> | null;
  return v !== null && typeof v === "object" && typeof v.numRows === "function" && typeof v.numCols === "function" &&
    typeof v.columnNames === "function" && typeof v.objects === "function";
}

function looksDanfo(value: unknown): value is { $isSeries: boolean } {
  const v = value as Record<string, unknown> | null;
  return v !== null && typeof v === "object" && typeof v.$isSeries === "boolean" && Array.isArray(v.$data) &&
    Array.isArray(v.$index) && Array.isArray(v.$columns) && "$dataIncolumnFormat" in v;
}

/** True for a danfo DataFrame (any copy of danfojs). */
export function isDanfoDataFrame(value: unknown): boolean {
  return looksDanfo(value) && value.$isSeries === false;
}

/** True for a danfo Series (any copy of danfojs). */
export function isDanfoSeries(value: unknown): boolean {
  return looksDanfo(value) && value.$isSeries === true;
}
