import * as aq from "arquero";
import { ReplabError, describeValue } from "../core/errors.js";
import { isArqueroTable, isDanfoDataFrame, isDanfoSeries } from "../core/table-guards.js";
import { fromDanfo } from "./from-danfo.js";
import type { Table, TableInput } from "./table-types.js";

export type { Table, TableInput } from "./table-types.js";

/**
 * Converts to an arquero table, the common currency of results (docs/ARCHITECTURE.md, how data flows):
 * - an arquero table (any copy of arquero) is returned as is;
 * - an array of row objects → `aq.from(rows)` (columns from the first row's keys and any later new key);
 * - an object of equal-length columns (arrays or typed arrays) → `aq.table(columns)`;
 * - a danfo DataFrame or Series → {@link fromDanfo}.
 * Anything else is a ReplabError that names what was passed.
 */
export function asTable(x: TableInput, where = "asTable"): Table {
  if (isArqueroTable(x)) return x as Table;
  if (isDanfoDataFrame(x) || isDanfoSeries(x)) return fromDanfo(x);
  if (Array.isArray(x)) {
    x.forEach((row, i) => {
      if (row === null || typeof row !== "object" || Array.isArray(row)) {
        throw new ReplabError(`${where}: rows[${i}]=${describeValue(row)} is not a row object; pass an array of objects such as [{ step: 0, loss: 1.2 }, …]`);
      }
    });
    const names: string[] = [];
    const seen = new Set<string>();
    for (const row of x as Array<Record<string, unknown>>) for (const k of Object.keys(row)) if (!seen.has(k)) { seen.add(k); names.push(k); }
    return aq.from(x as Array<Record<string, unknown>>, names);
  }
  if (x !== null && typeof x === "object" && Object.getPrototypeOf(x) === Object.prototype) {
    const cols = x as Record<string, unknown>;
    let n: number | undefined;
    let first = "";
    for (const [name, col] of Object.entries(cols)) {
      if (!(Array.isArray(col) || (ArrayBuffer.isView(col) && !(col instanceof DataView)))) {
        throw new ReplabError(`${where}: column ${JSON.stringify(name)}=${describeValue(col)} is not an array; pass { name: [values…], … } with one array per column`);
      }
      const len = (col as ArrayLike<unknown>).length;
      if (n === undefined) { n = len; first = name; }
      else if (len !== n) {
        throw new ReplabError(`${where}: column ${JSON.stringify(name)} has ${len} values but ${JSON.stringify(first)} has ${n}; give every column the same length`);
      }
    }
    return aq.table(cols as Record<string, unknown[]>);
  }
  throw new ReplabError(`${where}: x=${describeValue(x)} is not a table; pass an arquero table, an array of row objects, an object of column arrays, or a danfo DataFrame`);
}
