import { createRequire } from "node:module";
import { asTable } from "./as-table.js";
import type { TableInput } from "./table-types.js";

const require = createRequire(import.meta.url);

/** The danfojs-node module, loaded on first use (it takes a second or two to load). */
type Danfo = typeof import("danfojs-node");
let danfo: Danfo | null = null;
function loadDanfo(): Danfo {
  danfo ??= require("danfojs-node") as Danfo;
  return danfo;
}

/** A danfo DataFrame (danfojs-node). */
export type DanfoFrame = InstanceType<Danfo["DataFrame"]>;

/**
 * A danfo DataFrame with the columns of a table (arquero table, rows or column object, as
 * {@link asTable} accepts). danfojs-node is loaded on first call.
 */
export function toDanfo(table: TableInput): DanfoFrame {
  const t = asTable(table, "toDanfo");
  const dfd = loadDanfo();
  const names = t.columnNames();
  if (names.length === 0) return new dfd.DataFrame([]);
  const cols: Record<string, unknown[]> = {};
  for (const name of names) cols[name] = Array.from(t.array(name) as ArrayLike<unknown>);
  return new dfd.DataFrame(cols as never);
}
