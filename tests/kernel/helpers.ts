import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const CLI = path.join(ROOT, "dist", "kernel", "cli.js");
export const PYTHON = "/usr/bin/python3";

/** The kernel tests start the built kernel: fail clearly when `npx tsc -p tsconfig.json` has not run. */
export function requireBuilt(): void {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: build first with \`npx tsc -p tsconfig.json\` (npm test does)`);
}

/** Installs the replab kernelspec into a fresh temp prefix; returns env vars for a Jupyter child. */
export function installTempKernelspec(): { env: NodeJS.ProcessEnv; dir: string } {
  requireBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-kernelspec-"));
  execFileSync(process.execPath, [CLI, "install", "--prefix", dir], { stdio: "pipe" });
  const env = {
    ...process.env,
    JUPYTER_PATH: path.join(dir, "share", "jupyter"),
    JUPYTER_DATA_DIR: path.join(dir, "data"),
    JUPYTER_RUNTIME_DIR: path.join(dir, "runtime"),
    JUPYTER_PLATFORM_DIRS: "1",
    PYTHONDONTWRITEBYTECODE: "1",
  };
  return { env, dir };
}

/** Runs a command to completion; resolves with its exit code and output (never rejects on a non-zero exit). */
export function runProcess(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); });
    const timer = options.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), options.timeoutMs) : null;
    child.on("error", reject);
    child.on("close", (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * For a test file: installs the replab kernelspec into a temp prefix before its tests and removes
 * it after them. Returns a function giving the environment for a Jupyter child process.
 */
export function useTempKernelspec(): () => NodeJS.ProcessEnv {
  let spec: { env: NodeJS.ProcessEnv; dir: string } | null = null;
  beforeAll(() => { spec = installTempKernelspec(); });
  afterAll(() => { if (spec) fs.rmSync(spec.dir, { recursive: true, force: true }); });
  return () => {
    if (!spec) throw new Error("useTempKernelspec: the kernelspec is installed in beforeAll; call the getter inside a test");
    return spec.env;
  };
}

/** A notebook's JSON text from cells (code unless `markdown`; `tags` into the cell's metadata), for tests that run notebooks. */
export function notebookText(cells: Array<{ src: string; tags?: string[]; markdown?: boolean }>): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "replab", display_name: "TypeScript (replab)", language: "typescript" } },
    cells: cells.map((c, i) => c.markdown
      ? { id: `c${i}`, cell_type: "markdown", metadata: {}, source: c.src }
      : { id: `c${i}`, cell_type: "code", metadata: c.tags ? { tags: c.tags } : {}, source: c.src, outputs: [], execution_count: null }),
  });
}
