import * as aq from "arquero";
import { require_ } from "../../core/index.js";

/** Reads `name` from `table` as a plain array, with a clear error if the column is missing. */
export function columnOf(where: string, table: aq.ColumnTable, name: string): unknown[] {
  require_(table && typeof table.columnNames === "function", where, "table", table, "is not an arquero table", "pass an arquero table (aq.from(rows)) such as sampleRollouts returns");
  require_(table.columnNames().includes(name), where, "column", name, `is not a column of the table (columns: ${table.columnNames().join(", ")})`, "name an existing column in the options");
  return Array.from(table.array(name) as ArrayLike<unknown>);
}

/**
 * Truthiness of a correctness cell: true, a number > 0 (a reward of 1 counts as correct), or the
 * verifier verdict "correct" (replab/verifiers' `correct | incorrect | invalid`).
 */
export function isCorrectCell(v: unknown): boolean {
  return v === true || (typeof v === "number" && v > 0) || v === "correct";
}

/** Row indices grouped by key, in order of first appearance. */
export function groupIndices(keys: readonly unknown[]): Map<unknown, number[]> {
  const groups = new Map<unknown, number[]>();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    let g = groups.get(k);
    if (!g) { g = []; groups.set(k, g); }
    g.push(i);
  }
  return groups;
}
