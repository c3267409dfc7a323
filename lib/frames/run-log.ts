import fs from "node:fs";
import path from "node:path";
import { ReplabError } from "../core/errors.js";

/**
 * An append-only JSONL file of result rows, written as work proceeds so that an interrupted run
 * loses nothing: every `append` reaches the file before it returns. Reopening the same path
 * reads back what is there, drops a torn last line (a crash mid-write), and carries on.
 */
export interface RunLog<Row extends object> {
  /** The JSONL file. */
  readonly path: string;
  /** Rows already on disk when the log was opened, plus those appended since. */
  rows(): Row[];
  /** Appends rows to the file (synchronously) and to `rows()`. */
  append(rows: Row | readonly Row[]): void;
  /** True if a row with this key is already logged (needs `key` in the options). */
  has(key: string): boolean;
}

/** Options for {@link openRunLog}. */
export interface RunLogOptions<Row> {
  /** Identifies a row, so resumed work can skip what is done and never write a row twice. */
  key?: (row: Row) => string;
}

/**
 * Opens (or creates) a run log at `file`, creating its folder. With `key`, appending a row whose
 * key is already logged is skipped, so resumed work never duplicates a finished row.
 */
export function openRunLog<Row extends object>(file: string, options: RunLogOptions<Row> = {}): RunLog<Row> {
  if (typeof file !== "string" || file === "") {
    throw new ReplabError(`openRunLog: file=${JSON.stringify(file)} is not a path; pass a file path such as "runs/my-run/rows.jsonl"`);
  }
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const existing: Row[] = [];
  if (fs.existsSync(file)) {
    const text = fs.readFileSync(file, "utf8");
    const lines = text.split("\n");
    let goodBytes = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const isLast = i === lines.length - 1;
      if (line.trim() === "") { if (!isLast) goodBytes += line.length + 1; continue; }
      try {
        existing.push(JSON.parse(line) as Row);
        goodBytes += Buffer.byteLength(line) + (isLast ? 0 : 1);
      } catch {
        if (!isLast) throw new ReplabError(`openRunLog: line ${i + 1} of ${file} is not JSON; the file is damaged beyond its last line — move it aside and start a fresh run`);
        // A torn final line from a crash mid-write: cut it off and go on.
        fs.truncateSync(file, goodBytes);
      }
    }
    if (text.length > 0 && !fs.readFileSync(file, "utf8").endsWith("\n") && existing.length > 0) fs.appendFileSync(file, "\n");
  }
  const keys = new Set<string>();
  if (options.key) for (const row of existing) keys.add(options.key(row));
  const all = existing;
  return {
    path: file,
    rows: () => all.slice(),
    has: (key: string) => keys.has(key),
    append(input: Row | readonly Row[]) {
      const batch = (Array.isArray(input) ? input : [input]) as Row[];
      const fresh: Row[] = [];
      for (const row of batch) {
        if (options.key) {
          const k = options.key(row);
          if (keys.has(k)) continue;
          keys.add(k);
        }
        fresh.push(row);
      }
      if (fresh.length === 0) return;
      fs.appendFileSync(file, fresh.map((r) => JSON.stringify(r)).join("\n") + "\n");
      all.push(...fresh);
    },
  };
}
