import fs from "node:fs";
import path from "node:path";
import { ReplabError } from "../core/errors.js";
import { asTable, type Table, type TableInput } from "./as-table.js";

/**
 * Writes a table as JSON Lines (one JSON object per row, https://jsonlines.org), creating the
 * folder. For rows appended as a run goes (and resumed after a crash) use `openRunLog` instead.
 */
export function writeJsonl(table: TableInput, file: string): void {
  if (typeof file !== "string" || file === "") throw new ReplabError(`writeJsonl: file=${JSON.stringify(file)} is not a path; pass a file path such as "results/rows.jsonl"`);
  const t = asTable(table, "writeJsonl");
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const rows = t.objects();
  fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : ""));
}

/**
 * Reads a JSON Lines file into an arquero table (blank lines skipped). A line that is not a
 * JSON object is a ReplabError naming the file and line.
 */
export function readJsonl(file: string): Table {
  if (typeof file !== "string" || !fs.existsSync(file)) throw new ReplabError(`readJsonl: file=${JSON.stringify(file)} does not exist; pass the path of a .jsonl file`);
  const rows: Array<Record<string, unknown>> = [];
  fs.readFileSync(file, "utf8").split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let row: unknown;
    try { row = JSON.parse(line); } catch (e) {
      throw new ReplabError(`readJsonl: line ${i + 1} of ${file} is not JSON (${(e as Error).message}); fix or remove that line`);
    }
    if (row === null || typeof row !== "object" || Array.isArray(row)) throw new ReplabError(`readJsonl: line ${i + 1} of ${file} is not a JSON object; each line must be one row such as {"step": 0}`);
    rows.push(row as Record<string, unknown>);
  });
  return asTable(rows, "readJsonl");
}
