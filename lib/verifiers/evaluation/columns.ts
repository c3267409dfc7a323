import * as aq from "arquero";
import { ReplabError, require_ } from "../../core/errors.js";
import { asTable, type TableInput } from "../../frames/index.js";

/** An arquero table, a list of row objects, or a danfo DataFrame: what the evaluation functions accept. */
export type RowsOrTable = aq.ColumnTable | ReadonlyArray<Record<string, unknown>> | TableInput;

/** Reads one column as an array, from an arquero table or an array of rows, failing with a named error. */
export function readColumn(where: string, data: RowsOrTable, column: string): unknown[] {
  if (Array.isArray(data)) {
    return data.map((row, i) => {
      if (!(column in row)) throw new ReplabError(`${where}: rows[${i}] has no "${column}" column; name the column in the options (e.g. { ${column === "label" ? "label" : "verdict"}: "myColumn" })`);
      return row[column];
    });
  }
  const t = asTable(data as TableInput, where) as unknown as aq.ColumnTable;
  require_(t.columnNames().includes(column), where, "column", column, `is not in the table (columns: ${t.columnNames().join(", ")})`, "name an existing column in the options");
  return Array.from(t.array(column) as ArrayLike<unknown>);
}

/**
 * Turns a verdict into "accepted" (the verifier says correct): `"correct"`, `"pass"`, `true`
 * or 1 → true; `"incorrect"`, `"invalid"`, `"fail"`, `"timeout"`, `"error"`,
 * `"memory-limit"`, `false` or 0 → false. An invalid verdict gives no reward, so it counts as
 * not accepted.
 */
export function toAccepted(where: string, arg: string, v: unknown, i: number): boolean {
  if (v === true || v === 1 || v === "correct" || v === "pass") return true;
  if (v === false || v === 0 || v === "incorrect" || v === "invalid" || v === "fail" || v === "timeout" || v === "error" || v === "memory-limit") return false;
  throw new ReplabError(`${where}: ${arg}[${i}]=${JSON.stringify(v)} is not a verdict; use "correct"/"incorrect"/"invalid", "pass"/"fail", true/false or 1/0`);
}

/** Reads a ground-truth label: true/1/"correct" = the response is right; false/0/"incorrect" = wrong. */
export function toLabel(where: string, arg: string, v: unknown, i: number): boolean {
  if (v === true || v === 1 || v === "correct") return true;
  if (v === false || v === 0 || v === "incorrect") return false;
  throw new ReplabError(`${where}: ${arg}[${i}]=${JSON.stringify(v)} is not a label; use true/false, 1/0 or "correct"/"incorrect"`);
}

/** Mean of a non-empty numeric array. */
export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s / xs.length;
}
