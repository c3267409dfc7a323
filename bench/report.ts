import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** One benchmark figure, printed as one JSON line (docs/ARCHITECTURE.md, benchmarks). */
export interface BenchRow {
  bench: string;
  case: string;
  value: number;
  unit: string;
  /** The named baseline measured in the same run, when it ran. */
  baseline?: string;
  baselineValue?: number;
  /** value / baselineValue, oriented so that > 1 means replab is better (see `higherIsBetter`). */
  ratio?: number;
}

const printed: BenchRow[] = [];

/**
 * Prints one figure as a JSON line and keeps it for the closing table. With a baseline, `ratio`
 * is replab's advantage: value/baseline when higher is better (throughput), baseline/value when
 * lower is better (latency).
 */
export function report(row: Omit<BenchRow, "ratio">, higherIsBetter = true): BenchRow {
  const out: BenchRow = { ...row };
  if (row.baselineValue !== undefined && row.baselineValue > 0 && row.value > 0) {
    out.ratio = Number((higherIsBetter ? row.value / row.baselineValue : row.baselineValue / row.value).toFixed(3));
  }
  out.value = Number(out.value.toPrecision(6));
  if (out.baselineValue !== undefined) out.baselineValue = Number(out.baselineValue.toPrecision(6));
  printed.push(out);
  console.log(JSON.stringify(out));
  return out;
}

/** Prints the figures reported so far as a human-readable table. */
export function printTable(): void {
  if (printed.length === 0) return;
  const header = ["bench", "case", "value", "unit", "baseline", "baseline value", "ratio"];
  const rows = printed.map((r) => [r.bench, r.case, String(r.value), r.unit, r.baseline ?? "", r.baselineValue === undefined ? "" : String(r.baselineValue), r.ratio === undefined ? "" : `${r.ratio}×`]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  console.log("\n" + line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

/** Debian's Python (which has numpy, scipy, scikit-learn, torch), or null when absent. */
export function debianPython(): string | null {
  for (const p of ["/usr/bin/python3"]) if (fs.existsSync(p)) return p;
  return null;
}

/** True when Debian's Python can import every module named. */
export function pythonHas(...modules: string[]): boolean {
  const py = debianPython();
  if (!py) return false;
  try {
    execFileSync(py, ["-c", modules.map((m) => `import ${m}`).join("; ")], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Options of {@link runPythonBaseline}. */
export interface PythonBaselineOptions {
  /** The script's working directory (default this process's). */
  cwd?: string;
  /** The script's environment (default this process's). */
  env?: NodeJS.ProcessEnv;
  /** Bytes the script reads: written to a temporary file whose path goes before `args`, and removed after the run. */
  input?: Buffer;
}

/**
 * Runs a Python baseline script from bench/python/ with Debian's Python and parses the JSON
 * object it prints last.
 */
export function runPythonBaseline<T = Record<string, number>>(script: string, args: string[] = [], options: PythonBaselineOptions = {}): T {
  const py = debianPython();
  if (!py) throw new Error("no python3");
  const file = options.input ? path.join(os.tmpdir(), `replab-bench-${path.basename(script, ".py")}-${process.pid}.bin`) : null;
  try {
    if (file) fs.writeFileSync(file, options.input!);
    const out = execFileSync(py, [script, ...(file ? [file] : []), ...args], { cwd: options.cwd, env: options.env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const last = out.trim().split("\n").pop()!;
    return JSON.parse(last) as T;
  } finally {
    if (file) fs.rmSync(file, { force: true });
  }
}

/** A baseline's input: a 4-byte little-endian length, that many bytes of `meta` as JSON, then `parts`. */
export function withJsonHeader(meta: unknown, parts: Buffer[]): Buffer {
  const json = Buffer.from(JSON.stringify(meta));
  const len = Buffer.alloc(4); len.writeUInt32LE(json.length);
  return Buffer.concat([len, json, ...parts]);
}

/** Median of a list of numbers. */
export function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
