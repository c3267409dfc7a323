import { SourceMap } from "node:module";
import path from "node:path";
import { packageRoot } from "../package-root.js";

/** How to map a cell script's positions back to the cell's own lines. */
export interface CellMap {
  /** TypeScript's source map of the cell (JSON), decoded the first time an error needs it. */
  sourceMap: string;
  decoded?: SourceMap | null;
  firstLineShift: number;
}

function decodedMap(m: CellMap): SourceMap | null {
  if (m.decoded === undefined) {
    try {
      m.decoded = m.sourceMap ? new SourceMap(JSON.parse(m.sourceMap)) : null;
    } catch {
      m.decoded = null;
    }
  }
  return m.decoded;
}

/** The file name a cell's script runs under; stack frames with it are the cell's own. */
export function cellFileName(cellId: number): string {
  return `replab-cell-${cellId}`;
}

const CELL_FRAME = /replab-cell-(\d+):(\d+):(\d+)/;

/** Maps a (1-based) line:column of a cell's script to the (1-based) line:column of the cell. */
export function mapCellPosition(m: CellMap, line: number, column: number): { line: number; column: number } {
  const col0 = line === 1 ? Math.max(0, column - 1 - m.firstLineShift) : column - 1;
  const map = decodedMap(m);
  if (map) {
    const e = map.findEntry(line - 1, col0) as { originalLine?: number; originalColumn?: number };
    if (e && typeof e.originalLine === "number") return { line: e.originalLine + 1, column: (e.originalColumn ?? 0) + 1 };
  }
  return { line, column: col0 + 1 };
}

function isKernelFrame(frame: string): boolean {
  if (/\(node:|at node:|\(internal\/|at internal\//.test(frame)) return true;
  const root = packageRoot();
  return frame.includes(path.join(root, "kernel") + path.sep) || frame.includes(path.join(root, "dist", "kernel") + path.sep);
}

/** The error's name and message, whatever was thrown. */
export function errorNameAndValue(err: unknown): { ename: string; evalue: string } {
  if (err instanceof Error || (err && typeof err === "object" && "message" in err && "name" in err)) {
    const e = err as Error;
    return { ename: String(e.name || "Error"), evalue: String(e.message ?? "") };
  }
  return { ename: err === null ? "null" : typeof err === "object" ? (err as object).constructor?.name ?? "Object" : typeof err, evalue: String(err) };
}

/**
 * A Jupyter traceback for a runtime error in a cell: `Name: message`, then the stack with each
 * frame in a cell shown at the cell's own line (`cell [3], line 2, column 7`, through TypeScript's
 * source map), frames in libraries kept, and the kernel's own frames (and Node's internals) left out.
 */
export function cellTraceback(err: unknown, maps: ReadonlyMap<number, CellMap>, cellLabel: (id: number) => string): string[] {
  const { ename, evalue } = errorNameAndValue(err);
  const head = `${ename}: ${evalue}`;
  const stack = err instanceof Error && typeof err.stack === "string" ? err.stack : "";
  const lines = stack.split("\n");
  const frames = lines.filter((l) => /^\s+at /.test(l));
  const out: string[] = [head];
  // Below the cell's outermost frame is only whoever ran the cell (the kernel): leave it out.
  let lastCell = -1;
  frames.forEach((f, i) => { if (CELL_FRAME.test(f)) lastCell = i; });
  for (const f of lastCell >= 0 ? frames.slice(0, lastCell + 1) : frames) {
    const m = CELL_FRAME.exec(f);
    if (m) {
      const id = Number(m[1]);
      const cm = maps.get(id);
      const pos = cm ? mapCellPosition(cm, Number(m[2]), Number(m[3])) : { line: Number(m[2]), column: Number(m[3]) };
      const fn = /^\s+at (?:async )?([^\s(]+) \(/.exec(f)?.[1];
      const where = `${cellLabel(id)}, line ${pos.line}, column ${pos.column}`;
      out.push(fn && !fn.startsWith("replab-cell") ? `    at ${fn} (${where})` : `    at ${where}`);
      continue;
    }
    if (isKernelFrame(f)) continue;
    out.push(f);
  }
  return out;
}
