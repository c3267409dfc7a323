import fs from "node:fs";
import path from "node:path";
import { parquetWriteFile } from "hyparquet-writer";
import { asyncBufferFromFile, parquetReadObjects, parquetMetadataAsync, parquetSchema } from "hyparquet";
import * as aq from "arquero";
import { ReplabError } from "../core/errors.js";
import { asTable, type Table, type TableInput } from "./as-table.js";

type ParquetType = "BOOLEAN" | "INT32" | "INT64" | "FLOAT" | "DOUBLE" | "STRING" | "JSON" | "TIMESTAMP";

/** The Parquet type for a column: from a typed array's kind, else from its values (nulls allowed). */
function columnType(name: string, values: ArrayLike<unknown>): ParquetType {
  if (values instanceof Float32Array) return "FLOAT";
  if (values instanceof Float64Array) return "DOUBLE";
  if (values instanceof Int32Array || values instanceof Int16Array || values instanceof Int8Array || values instanceof Uint16Array || values instanceof Uint8Array) return "INT32";
  if (values instanceof BigInt64Array) return "INT64";
  const kinds = new Set<string>();
  let allInt32 = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (typeof v === "number") { kinds.add("number"); if (!(Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31)) allInt32 = false; }
    else if (typeof v === "string") kinds.add("string");
    else if (typeof v === "boolean") kinds.add("boolean");
    else if (typeof v === "bigint") kinds.add("bigint");
    else if (v instanceof Date) kinds.add("date");
    else kinds.add("object");
  }
  if (kinds.size === 0) return "STRING";
  if (kinds.size > 1) {
    throw new ReplabError(`writeParquet: column ${JSON.stringify(name)} mixes ${[...kinds].join(" and ")} values; give each column one type (convert with a derive() first)`);
  }
  const kind = [...kinds][0]!;
  return kind === "number" ? (allInt32 ? "INT32" : "DOUBLE") : kind === "string" ? "STRING" : kind === "boolean" ? "BOOLEAN" : kind === "bigint" ? "INT64" : kind === "date" ? "TIMESTAMP" : "JSON";
}

/**
 * Writes a table as an Apache Parquet file (hyparquet-writer, snappy-compressed), creating the
 * folder; DuckDB, Spark, pandas and HF datasets read it. Column types: numbers → INT32 when every
 * value is a 32-bit integer, else DOUBLE; Float32Array → FLOAT; strings → STRING; booleans →
 * BOOLEAN; bigint → INT64; Date → TIMESTAMP (ms); objects/arrays → JSON. null is allowed anywhere.
 */
export function writeParquet(table: TableInput, file: string): void {
  if (typeof file !== "string" || file === "") throw new ReplabError(`writeParquet: file=${JSON.stringify(file)} is not a path; pass a file path such as "results/rollouts.parquet"`);
  const t = asTable(table, "writeParquet");
  const names = t.columnNames();
  if (names.length === 0) throw new ReplabError(`writeParquet: table has no columns; a Parquet file needs at least one column`);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const columnData = names.map((name) => {
    // keep a typed column's kind (Float32Array → FLOAT); array() honours filters and order
    const raw = t.column(name) as unknown;
    const typed = ArrayBuffer.isView(raw) ? (raw.constructor as new (n: number) => ArrayLike<number>) : undefined;
    const values = (typed ? t.array(name, typed as never) : t.array(name)) as ArrayLike<unknown>;
    const type = columnType(name, values);
    const data = ArrayBuffer.isView(values) ? values : Array.from(values, (v) => (v === undefined ? null : v));
    return { name, data, type } as { name: string; data: never; type: ParquetType };
  });
  parquetWriteFile({ filename: file, columnData });
}

/** Reads an Apache Parquet file (hyparquet) into an arquero table, columns in the file's order. */
export async function readParquet(file: string): Promise<Table> {
  if (typeof file !== "string" || !fs.existsSync(file)) throw new ReplabError(`readParquet: file=${JSON.stringify(file)} does not exist; pass the path of a .parquet file`);
  const buffer = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buffer);
  const names = parquetSchema(metadata).children.map((c) => c.element.name);
  const rows = await parquetReadObjects({ file: buffer, metadata });
  const cols: Record<string, unknown[]> = {};
  for (const name of names) cols[name] = rows.map((r) => r[name]);
  return aq.table(cols);
}
