import crypto from "node:crypto";
import os from "node:os";
import { openRunLog } from "../frames/index.js";
import { require_, requireFinite, requireInteger } from "../core/errors.js";
import { createCodeSandboxPool, type CodeSandboxPool } from "./code/js-sandbox-pool.js";
import { runPythonCandidate } from "./code/python-runner.js";
import { createPythonForkPool, type PythonForkPool } from "./code/python-fork-pool.js";
import type { CodeJob, CodeVerification } from "./code/types.js";

const pools = new Map<number, CodeSandboxPool>();
let pythonPool: PythonForkPool | null | undefined;

function sharedPool(memoryMb: number): CodeSandboxPool {
  let pool = pools.get(memoryMb);
  if (!pool) { pool = createCodeSandboxPool({ memoryMb }); pools.set(memoryMb, pool); }
  return pool;
}

/** Kills the shared sandbox processes that {@link verifyCode} started (new calls start new ones). */
export function closeCodeSandboxes(): void {
  for (const p of pools.values()) p.close();
  pools.clear();
  pythonPool?.close();
  pythonPool = undefined;
}

function checkJob(where: string, job: CodeJob): { language: "javascript" | "python"; timeoutMs: number; memoryMb: number } {
  require_(job !== null && typeof job === "object", where, "job", job, "is not an object", "pass { code, tests }");
  require_(typeof job.code === "string", where, "code", job.code, "is not a string", "pass the candidate's source text");
  require_(Array.isArray(job.tests) && job.tests.length > 0 && job.tests.every((t) => typeof t === "string" && t.trim() !== ""), where, "tests", job.tests, "is not a non-empty list of expressions", "pass e.g. [\"add(2, 3) === 5\"]");
  const language = job.language ?? "javascript";
  require_(language === "javascript" || language === "python", where, "language", language, "is not supported", "use \"javascript\" or \"python\"");
  const timeoutMs = job.timeoutMs ?? 2000;
  const memoryMb = job.memoryMb ?? 256;
  requireFinite(where, "timeoutMs", timeoutMs);
  require_(timeoutMs > 0 && timeoutMs <= 600_000, where, "timeoutMs", timeoutMs, "is outside (0, 600000]", "give a limit in milliseconds, e.g. 2000");
  requireInteger(where, "memoryMb", memoryMb, 16);
  return { language, timeoutMs, memoryMb };
}

/**
 * Runs a candidate program against boolean test expressions, treating it as hostile.
 * JavaScript: in a pool of long-lived `node` processes under the permission model with no
 * grants, an empty environment, a heap and RSS cap, each candidate in a fresh `vm` context with
 * no host objects, killed and replaced from the parent on timeout, memory blow-up, crash,
 * `Atomics.wait` or a never-settling promise. Python: each candidate in its own process forked
 * from a clean `python3 -I -S` fork server, with setrlimit limits (address space, CPU, file size,
 * no new processes), a fresh temporary directory as cwd, an empty environment and an audit hook;
 * or, with `pythonIsolation: "fresh-interpreter"`, a new interpreter per candidate under `prlimit`.
 * Verdict: "pass" when every test returns exactly true; "fail" when some do not; "error" when
 * the code does not load or the process dies; "timeout"; "memory-limit". The sandbox is
 * modelled on openai/human-eval's `execution.py` (which runs one process per candidate and
 * warns that its guard is not a security boundary) — here the boundary is the OS process plus
 * Node's permission model.
 */
export function verifyCode(job: CodeJob): Promise<CodeVerification> {
  const { language, timeoutMs, memoryMb } = checkJob("verifyCode", job);
  if (language === "python") {
    if (job.pythonIsolation === "fresh-interpreter") return runPythonCandidate(job.code, job.tests, timeoutMs, memoryMb);
    if (pythonPool === undefined) pythonPool = createPythonForkPool();
    if (pythonPool === null) return Promise.resolve({ verdict: "error", passed: 0, total: job.tests.length, detail: "no /usr/bin/python3 on this machine" });
    return pythonPool.run(job.code, job.tests, timeoutMs, memoryMb);
  }
  return sharedPool(memoryMb).run(job.code, job.tests, timeoutMs);
}

/** Identifies a job in a run log: a hash of its language, limits, code and tests. */
function jobKey(job: CodeJob): string {
  return crypto.createHash("sha256").update(JSON.stringify([job.language ?? "javascript", job.timeoutMs ?? 2000, job.memoryMb ?? 256, job.pythonIsolation ?? "", job.code, job.tests])).digest("hex").slice(0, 32);
}

/** Options for {@link verifyCodeBatch}. */
export interface VerifyCodeBatchOptions {
  /** Candidates verified at once (default: CPU count). */
  concurrency?: number;
  /** Called after each verified candidate. */
  onProgress?: (done: number, total: number) => void;
  /**
   * A JSONL file (frames' `openRunLog`): each result is appended as soon as it is known, and a
   * rerun with the same file takes finished jobs (same code, tests and limits) from it instead of
   * running them again — an interrupted batch resumes where it stopped.
   */
  runLog?: string;
}

/**
 * Verifies many candidates in parallel: JavaScript through the process pool (one process per
 * CPU), Python through the fork servers, `concurrency` at a time. Results are in input order.
 */
export async function verifyCodeBatch(jobs: readonly CodeJob[], options: VerifyCodeBatchOptions = {}): Promise<CodeVerification[]> {
  require_(Array.isArray(jobs), "verifyCodeBatch", "jobs", jobs, "is not an array", "pass a list of { code, tests }");
  jobs.forEach((j, i) => checkJob(`verifyCodeBatch (jobs[${i}])`, j));
  const concurrency = options.concurrency ?? Math.max(1, os.availableParallelism());
  requireInteger("verifyCodeBatch", "options.concurrency", concurrency, 1);
  const log = options.runLog === undefined ? null : openRunLog<CodeVerification & { key: string }>(options.runLog, { key: (r) => r.key });
  const logged = new Map((log?.rows() ?? []).map((r) => [r.key, r]));
  const results = new Array<CodeVerification>(jobs.length);
  const todo: number[] = [];
  let done = 0;
  jobs.forEach((job, i) => {
    const hit = logged.get(jobKey(job));
    if (hit) { const { key: _key, ...r } = hit; results[i] = r; done++; } else todo.push(i);
  });
  if (done > 0) options.onProgress?.(done, jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const i = todo[next++]!;
      results[i] = await verifyCode(jobs[i]!);
      log?.append({ key: jobKey(jobs[i]!), ...results[i]! });
      options.onProgress?.(++done, jobs.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
  return results;
}
