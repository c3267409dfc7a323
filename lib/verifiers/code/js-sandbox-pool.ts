import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { requireInteger } from "../../core/errors.js";
import { JS_SANDBOX_CHILD } from "./js-sandbox-child.js";
import { OUTPUT_CAP, type CodeVerification } from "./types.js";

interface ChildResult {
  id: number; loaded?: boolean; tests?: Array<{ ok: boolean; error: string | null }>; output?: string;
  timeout?: boolean; memory?: boolean; error?: string | null; recycle?: boolean; fatal?: string;
}

interface Pending { id: number; tests: string[]; resolve: (r: CodeVerification) => void; timer?: NodeJS.Timeout; settled: boolean }

/** Node's permission flag: `--permission` from Node 22, `--experimental-permission` in Node 20. */
export const PERMISSION_FLAG = process.allowedNodeEnvironmentFlags.has("--permission") ? "--permission" : "--experimental-permission";
const PAGE = 4096;
/** Grace period beyond the candidate's timeout before the parent kills its process. */
const KILL_GRACE_MS = 250;
/** Most bytes a process may write for one job (results plus capped output) before it is killed. */
const STDOUT_CAP = 4 * OUTPUT_CAP + 65_536;

function rssBytes(pid: number): number {
  try {
    const statm = fs.readFileSync(`/proc/${pid}/statm`, "utf8").split(" ");
    return Number(statm[1]) * PAGE;
  } catch {
    return 0;
  }
}

class SandboxProcess {
  readonly child: ChildProcess;
  job: Pending | null = null;
  dead = false;
  private out = "";
  private outBytes = 0;
  private stderr = "";
  private monitor: NodeJS.Timeout | null = null;
  killReason: "timeout" | "memory-limit" | "output" | null = null;

  constructor(readonly memoryMb: number, private readonly onExit: (p: SandboxProcess) => void) {
    this.child = spawn(process.execPath, [PERMISSION_FLAG, "--experimental-vm-modules", "--no-warnings", `--max-old-space-size=${memoryMb}`, "--max-semi-space-size=8", "-e", JS_SANDBOX_CHILD], {
      env: {}, stdio: ["pipe", "pipe", "pipe"], cwd: os.tmpdir(), detached: false,
    });
    this.child.unref();
    for (const s of [this.child.stdin, this.child.stdout, this.child.stderr]) (s as unknown as { unref?: () => void } | null)?.unref?.();
    this.child.stdin!.on("error", () => {});
    this.child.stdout!.setEncoding("utf8");
    this.child.stdout!.on("data", (d: string) => this.onData(d));
    this.child.stderr!.setEncoding("utf8");
    this.child.stderr!.on("data", (d: string) => { this.stderr = (this.stderr + d).slice(-4096); });
    this.child.on("exit", (code, signal) => this.onDeath(code, signal));
    this.child.on("error", () => this.onDeath(null, null));
  }

  send(job: Pending, payload: { code: string; tests: string[]; timeoutMs: number }): void {
    this.job = job;
    this.hold(true);
    this.out = "";
    this.outBytes = 0;
    this.killReason = null;
    job.timer = setTimeout(() => this.kill("timeout"), payload.timeoutMs + KILL_GRACE_MS);
    const rssLimit = (this.memoryMb + 128) * 1024 * 1024;
    this.monitor = setInterval(() => { if (rssBytes(this.child.pid!) > rssLimit) this.kill("memory-limit"); }, 20);
    this.monitor.unref();
    this.child.stdin!.write(JSON.stringify({ id: job.id, code: payload.code, tests: payload.tests, timeoutMs: payload.timeoutMs, outputCap: OUTPUT_CAP }) + "\n");
  }

  /** True once the process has been told to die: it takes no more jobs. */
  retiring = false;

  kill(reason: "timeout" | "memory-limit" | "output"): void {
    if (this.dead) return;
    this.retiring = true;
    this.killReason ??= reason;
    this.hold(true);
    this.child.kill("SIGKILL");
  }

  /** Keeps the host's event loop alive while this process works or dies (idle processes never hold it). */
  private hold(on: boolean): void {
    if (on) this.child.ref(); else this.child.unref();
    const out = this.child.stdout as unknown as { ref?: () => void; unref?: () => void };
    if (on) out.ref?.(); else out.unref?.();
  }

  private finish(result: CodeVerification, recycle: boolean): void {
    const job = this.job;
    if (!job || job.settled) return;
    job.settled = true;
    clearTimeout(job.timer);
    if (this.monitor) clearInterval(this.monitor);
    this.monitor = null;
    this.job = null;
    this.hold(false);
    if (recycle) this.kill("timeout");
    job.resolve(result);
  }

  private onData(d: string): void {
    this.outBytes += d.length;
    if (this.outBytes > STDOUT_CAP) { this.kill("output"); return; }
    this.out += d;
    let i: number;
    while ((i = this.out.indexOf("\n")) >= 0) {
      const line = this.out.slice(0, i);
      this.out = this.out.slice(i + 1);
      let msg: ChildResult;
      try { msg = JSON.parse(line) as ChildResult; } catch { continue; }
      if (!this.job || msg.id !== this.job.id) continue;
      this.finish(toVerification(msg, this.job.tests), msg.recycle === true || msg.fatal !== undefined);
    }
  }

  private onDeath(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.dead) return;
    this.dead = true;
    if (this.monitor) clearInterval(this.monitor);
    const total = this.job?.tests.length ?? 0;
    const oom = /heap limit|out of memory|allocation failed/i.test(this.stderr);
    const reason = this.killReason === "timeout" ? "timeout" : this.killReason === "memory-limit" || oom ? "memory-limit" : "error";
    const detail = reason === "timeout" ? "killed: wall-clock limit reached (the process was replaced)"
      : reason === "memory-limit" ? "killed: memory cap reached (the process was replaced)"
      : this.killReason === "output" ? `killed: output over ${STDOUT_CAP} bytes (the process was replaced)`
      : `sandbox process exited (code ${code}, signal ${signal}); ${this.stderr.trim().split("\n").slice(-2).join(" ")}`.trim();
    this.finish({ verdict: reason, passed: 0, total, detail }, false);
    this.onExit(this);
  }
}

function toVerification(msg: ChildResult, tests: string[]): CodeVerification {
  const total = tests.length;
  const out = msg.output ? `; output: ${msg.output.slice(0, 400)}` : "";
  if (msg.fatal !== undefined) return { verdict: "error", passed: 0, total, detail: `uncaught in sandbox: ${msg.fatal}` };
  if (!msg.loaded) {
    if (msg.timeout) return { verdict: "timeout", passed: 0, total, detail: `candidate did not finish loading: ${msg.error}` };
    if (msg.memory) return { verdict: "memory-limit", passed: 0, total, detail: `candidate ran out of memory: ${msg.error}` };
    return { verdict: "error", passed: 0, total, detail: `candidate failed to load: ${msg.error}${out}` };
  }
  const results = msg.tests ?? [];
  const passed = results.filter((t) => t.ok).length;
  if (msg.timeout) return { verdict: "timeout", passed, total, detail: `test ${results.length - 1} (${tests[results.length - 1]}) ran past the limit` };
  if (msg.memory) return { verdict: "memory-limit", passed, total, detail: `a test ran out of memory: ${results.find((t) => t.error)?.error}` };
  if (passed === total) return { verdict: "pass", passed, total, detail: `all ${total} tests passed${out}` };
  const first = results.findIndex((t) => !t.ok);
  return { verdict: "fail", passed, total, detail: `test ${first} (${tests[first]}) ${results[first]!.error}${out}` };
}

/** Options for {@link createCodeSandboxPool}. */
export interface CodeSandboxPoolOptions {
  /** Number of long-lived sandbox processes (default: CPU count). */
  size?: number;
  /** Heap cap per process in MB (default 256). */
  memoryMb?: number;
}

/** A pool of long-lived JavaScript sandbox processes. */
export interface CodeSandboxPool {
  /** Verifies one JavaScript candidate in the next free process. */
  run(code: string, tests: string[], timeoutMs: number): Promise<CodeVerification>;
  /** Starts every process now (otherwise they start on first use). */
  warm(): Promise<void>;
  /** Kills every process; later `run` calls start new ones. */
  close(): void;
  /** Processes started since the pool was made (replacements included). */
  readonly started: number;
}

/**
 * A pool of JavaScript sandboxes: long-lived `node` processes started with the permission model
 * and no grants (no file reads or writes, no child processes, no workers), an empty
 * environment, a V8 heap cap, and an RSS cap watched by the parent. Each candidate runs in a
 * fresh `vm` context in one of them; the parent enforces the wall-clock limit and kills and
 * replaces a process on timeout, memory blow-up, crash, output flood or a promise that never
 * settles, so one hostile candidate costs one process, never the host or the pool.
 */
export function createCodeSandboxPool(options: CodeSandboxPoolOptions = {}): CodeSandboxPool {
  const size = options.size ?? Math.max(1, os.availableParallelism());
  const memoryMb = options.memoryMb ?? 256;
  requireInteger("createCodeSandboxPool", "size", size, 1);
  requireInteger("createCodeSandboxPool", "memoryMb", memoryMb, 16);
  const procs: SandboxProcess[] = [];
  const waiting: Array<{ pending: Pending; payload: { code: string; tests: string[]; timeoutMs: number } }> = [];
  let nextId = 1;
  let started = 0;
  const remove = (p: SandboxProcess) => {
    const i = procs.indexOf(p);
    if (i >= 0) procs.splice(i, 1);
    setImmediate(dispatch);
  };
  const spawnOne = () => { const p = new SandboxProcess(memoryMb, remove); procs.push(p); started++; return p; };
  function dispatch(): void {
    while (waiting.length > 0) {
      let free = procs.find((p) => !p.dead && !p.retiring && p.job === null);
      if (!free && procs.filter((p) => !p.retiring).length < size) free = spawnOne();
      if (!free) return;
      const next = waiting.shift()!;
      free.send(next.pending, next.payload);
    }
  }
  return {
    get started() { return started; },
    run(code, tests, timeoutMs) {
      return new Promise<CodeVerification>((resolve) => {
        const pending: Pending = { id: nextId++, tests, resolve: (r) => { resolve(r); setImmediate(dispatch); }, settled: false };
        waiting.push({ pending, payload: { code, tests, timeoutMs } });
        dispatch();
      });
    },
    async warm() {
      while (procs.length < size) spawnOne();
      await Promise.all(procs.map((p) => new Promise<void>((res) => { if (p.child.pid) res(); else p.child.once("spawn", () => res()); })));
    },
    close() {
      for (const p of procs.splice(0)) p.kill("timeout");
    },
  };
}
