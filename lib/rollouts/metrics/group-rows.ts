import * as aq from "arquero";
import { ReplabError, describeValue, isArqueroTable, require_ } from "../../core/index.js";

/** Reads `name` from `table` as a plain array, with a clear error if the column is missing. */
export function columnOf(where: string, table: aq.ColumnTable, name: string): unknown[] {
  require_(isArqueroTable(table), where, "table", table, "is not an arquero table", "pass an arquero table (aq.from(rows)) such as sampleRollouts returns");
  require_(table.columnNames().includes(name), where, "column", name, `is not a column of the table (columns: ${table.columnNames().join(", ")})`, "name an existing column in the options");
  return Array.from(table.array(name) as ArrayLike<unknown>);
}

/**
 * Truthiness of a correctness cell: true, a finite number > 0 (a reward of 1 counts as correct),
 * or the verifier verdict "correct" (replab/verifiers' `correct | incorrect | invalid`); false,
 * a finite number ≤ 0, "incorrect" and "invalid" are wrong. Anything else — null (a missing
 * reward, or NaN after a JSON round trip), undefined, NaN, ±Infinity, another string — is a
 * ReplabError naming the column and the row: a completion nobody scored must not count as wrong.
 */
export function correctCell(where: string, column: string, v: unknown, row: number): boolean {
  if (v === true || v === false) return v;
  if (typeof v === "number" && Number.isFinite(v)) return v > 0;
  if (v === "correct") return true;
  if (v === "incorrect" || v === "invalid") return false;
  throw new ReplabError(`${where}: ${column}[${row}]=${describeValue(v)} is not a correctness; score every completion (a reward, true/false, or "correct"/"incorrect"/"invalid") or drop the unscored rows first`);
}

/** Reads a correctness column (see {@link correctCell}) as booleans. */
export function correctColumn(where: string, table: aq.ColumnTable, name: string): boolean[] {
  return columnOf(where, table, name).map((v, i) => correctCell(where, name, v, i));
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

/** Per problem (prompt), in order of first appearance: its id, samples n and correct samples c. */
export interface ProblemCount { id: unknown; n: number; c: number }

/** Counts n and c per prompt of a rollout table (see {@link correctCell} for the correctness column). */
export function problemCounts(where: string, table: aq.ColumnTable, promptColumn: string, correctColumnName: string): ProblemCount[] {
  const prompts = columnOf(where, table, promptColumn);
  const correct = correctColumn(where, table, correctColumnName);
  require_(prompts.length > 0, where, "table", table, "has no rows", "sample some rollouts first");
  const out: ProblemCount[] = [];
  for (const [id, rows] of groupIndices(prompts)) {
    let c = 0;
    for (const i of rows) if (correct[i]) c++;
    out.push({ id, n: rows.length, c });
  }
  return out;
}
