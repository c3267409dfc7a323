import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** replab's own command line (dist/kernel/cli.js), for running notebooks in child processes. */
const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "cli.js");

/**
 * Node's arguments for a child `replab run INPUT --output OUTPUT --allow-errors --timeout S`
 * with this package's cli.js: every cell runs even after one fails, and the executed notebook
 * goes to OUTPUT. Node's own flags (a heap limit) go in front.
 */
export function replabRunArgs(input: string, output: string, cellTimeoutS: number): string[] {
  return [CLI, "run", input, "--output", output, "--allow-errors", "--timeout", String(cellTimeoutS)];
}

/** How a child process ended (see {@link runChild}). */
export interface ChildEnd { code: number | null; signal: NodeJS.Signals | null; killedAtLimit: boolean; output: string; truncated: boolean }

/**
 * Runs one child in its own process group; kills the whole group at the time limit (and whatever
 * the child left running when it ends); keeps at most `maxOutput` bytes of its stdout and stderr.
 * Never rejects: a child that cannot start ends with its error message as output.
 */
export function runChild(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, limitMs: number, maxOutput: number): Promise<ChildEnd> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    let kept = 0;
    let truncated = false;
    const take = (b: Buffer) => {
      if (kept >= maxOutput) { truncated = true; return; }
      const slice = b.subarray(0, maxOutput - kept);
      chunks.push(slice);
      kept += slice.length;
      if (slice.length < b.length) truncated = true;
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    let killedAtLimit = false;
    const killGroup = () => {
      try { if (child.pid) process.kill(-child.pid, "SIGKILL"); } catch { /* already gone */ }
    };
    const timer = setTimeout(() => { killedAtLimit = true; killGroup(); }, limitMs);
    child.on("error", (e) => { chunks.push(Buffer.from(String(e.message))); });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      killGroup(); // anything the notebook left running (its kernel, its children) goes with it
      resolve({ code, signal, killedAtLimit, output: Buffer.concat(chunks).toString("utf8"), truncated });
    });
  });
}

/** The last line of a child's output that tells what went wrong (mentions an error, a timeout, a kill), else its first line; at most 200 characters. */
export function telltaleLine(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
  const line = lines.reverse().find((l) => /error|timeout|timed out|exceeded|killed/i.test(l)) ?? lines[0] ?? "";
  return line.length > 200 ? line.slice(0, 199) + "…" : line;
}

/**
 * Calls `work` on every item, at most `jobs` at a time, and returns the results in the items'
 * order; `onDone` sees each result as it arrives.
 */
export async function inParallel<T, R>(items: readonly T[], jobs: number, work: (item: T, index: number) => Promise<R>, onDone?: (result: R, index: number) => void): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
      onDone?.(results[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return results;
}
