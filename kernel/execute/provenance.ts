import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { environment } from "../../lib/core/index.js";
import { packageRoot } from "../package-root.js";
import type { ParameterValue } from "./parameters.js";

/**
 * How a saved notebook says how it was made. Per cell, `metadata.execution` as Jupyter's nbclient
 * records it (its four timestamps: iopub.status.busy, iopub.execute_input, shell.execute_reply,
 * iopub.status.idle, written `%Y-%m-%dT%H:%M:%S.%fZ`); for the notebook, `metadata.replab.run`:
 * the parameters, replab's, Node's and tfjs's versions, the tensor backend, the MLP step's engine (when
 * replab/models was loaded), the session seed,
 * the package-lock.json the packages came from (path and SHA-256), and when the run began and ended.
 */

/** A moment as nbclient writes it (UTC, microseconds, a Z). */
export function nbclientTimestamp(epochMs: number): string {
  const whole = Math.floor(epochMs);
  const micros = String(Math.floor((epochMs - whole) * 1000)).padStart(3, "0");
  return new Date(whole).toISOString().replace(/\.(\d{3})Z$/, `.$1${micros}Z`);
}

/** Now, to the microsecond (performance.now() from the time origin). */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

/** nbclient's `metadata.execution` for a cell that ran from `start` to `end` (epoch milliseconds). */
export function cellExecutionMetadata(start: number, end: number): Record<string, string> {
  return {
    "iopub.status.busy": nbclientTimestamp(start),
    "iopub.execute_input": nbclientTimestamp(start),
    "shell.execute_reply": nbclientTimestamp(end),
    "iopub.status.idle": nbclientTimestamp(end),
  };
}

/** The package-lock.json nearest the notebook (up its folders), else replab's own: path and SHA-256. */
export function packageLock(notebookDir: string): { path: string; sha256: string } | null {
  for (let d = path.resolve(notebookDir); ; d = path.dirname(d)) {
    const f = path.join(d, "package-lock.json");
    if (fs.existsSync(f)) return { path: path.relative(notebookDir, f) || "package-lock.json", sha256: createHash("sha256").update(fs.readFileSync(f)).digest("hex") };
    if (path.dirname(d) === d) break;
  }
  const own = path.join(packageRoot(), "package-lock.json");
  return fs.existsSync(own) ? { path: own, sha256: createHash("sha256").update(fs.readFileSync(own)).digest("hex") } : null;
}

/** What `metadata.replab.run` holds for a run from `start` to `end`. */
export async function runProvenance(notebookDir: string, parameters: Readonly<Record<string, ParameterValue>>, start: number, end: number): Promise<Record<string, unknown>> {
  const env = await environment();
  return {
    parameters,
    replab: env.replab,
    node: env.node,
    tfjs: env.tfjs,
    backend: env.backend,
    ...(env.mlpEngine === undefined ? {} : { mlp_engine: env.mlpEngine }),
    seed: env.seed,
    platform: env.platform,
    package_lock: packageLock(notebookDir),
    start_time: nbclientTimestamp(start),
    end_time: nbclientTimestamp(end),
    duration_s: Math.round((end - start) / 10) / 100,
  };
}
