import * as aq from "arquero";
import { ReplabError, describeValue } from "../core/errors.js";
import { isDanfoDataFrame, isDanfoSeries } from "../core/table-guards.js";
import type { Table } from "./table-types.js";

/** Options for {@link fromDanfo}. */
export interface FromDanfoOptions {
  /** Also keep the DataFrame's index, as a first column with this name. */
  index?: string;
}

interface DanfoInternals {
  $isSeries: boolean;
  $columns: string[];
  $index: unknown[];
  $data: unknown[];
  $dataIncolumnFormat: unknown[];
}

/**
 * An arquero table with the columns of a danfo DataFrame (or the one column of a Series), in
 * order, optionally with the index as a first column. Works with any copy of danfojs (duck-typed).
 */
export function fromDanfo(df: unknown, options: FromDanfoOptions = {}): Table {
  if (!(isDanfoDataFrame(df) || isDanfoSeries(df))) {
    throw new ReplabError(`fromDanfo: df=${describeValue(df)} is not a danfo DataFrame or Series; pass one made with danfojs-node (new dfd.DataFrame(…))`);
  }
  const d = df as DanfoInternals;
  const columns: Record<string, unknown[]> = {};
  if (options.index !== undefined) {
    if (d.$columns.includes(options.index)) {
      throw new ReplabError(`fromDanfo: options.index=${JSON.stringify(options.index)} is already a column name; pick another name for the index column`);
    }
    columns[options.index] = d.$index.slice();
  }
  if (d.$isSeries) {
    columns[String(d.$columns[0] ?? "0")] = d.$data.slice();
  } else {
    d.$columns.forEach((name, j) => { columns[String(name)] = (d.$dataIncolumnFormat[j] as unknown[]).slice(); });
  }
  return aq.table(columns);
}
