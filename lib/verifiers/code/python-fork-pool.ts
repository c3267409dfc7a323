import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import { PYTHON_FORK_SERVER } from "./python-fork-server-source.js";
import { sandboxPython } from "./python-runner.js";
import { OUTPUT_CAP, type CodeVerification } from "./types.js";

interface Job { id: number; code: string; tests: string[]; timeoutMs: number; memoryMb: number; resolve: (r: CodeVerification) => void; timer?: NodeJS.Timeout }
interface Reply {
  id: number; killed: boolean; signal: number | null; exit: number | null; output: string; outputBytes: number;
  result: { loaded: boolean; tests: Array<{ ok: boolean; error: string | null }>; error: string | null; memory: boolean } | null;
}

const SIGXCPU = os.constants.signals.SIGXCPU;
const FILE_CAP = 1024 * 1024;
/** Extra time the Node side allows a fork server beyond the candidate's limit before killing it. */
const SERVER_GRACE_MS = 2000;

function toVerification(reply: Reply, tests: string[]): CodeVerification {
  const total = tests.length;
  const o = reply.output ? `; output: ${reply.output.slice(0, 400)}` : "";
  if (reply.killed || reply.signal === SIGXCPU) return { verdict: "timeout", passed: 0, total, detail: "killed: wall-clock or CPU limit reached" };
  if (reply.outputBytes >= FILE_CAP) return { verdict: "error", passed: 0, total, detail: `output over ${FILE_CAP} bytes (the file-size limit stopped it)` };
  const r = reply.result;
  if (!r) return { verdict: "error", passed: 0, total, detail: `candidate process ended (exit ${reply.exit}, signal ${reply.signal}) without a result${o}` };
  if (!r.loaded) return { verdict: r.memory ? "memory-limit" : "error", passed: 0, total, detail: `candidate failed to load: ${r.error}${o}` };
  const passed = r.tests.filter((t) => t.ok).length;
  if (r.memory) return { verdict: "memory-limit", passed, total, detail: "a test raised MemoryError" };
  if (passed === total) return { verdict: "pass", passed, total, detail: `all ${total} tests passed${o}` };
  const first = r.tests.findIndex((t) => !t.ok);
  return { verdict: "fail", passed, total, detail: `test ${first} (${tests[first]}) ${r.tests[first]!.error}${o}` };
}

class ForkServer {
  readonly child: ChildProcess;
  job: Job | null = null;
  dead = false;
  private buf = "";

  constructor(python: string, private readonly onExit: (s: ForkServer) => void) {
    this.child = spawn(python, ["-I", "-S", "-c", PYTHON_FORK_SERVER.replace("OUTPUT_CAP_VALUE", String(OUTPUT_CAP))], { env: {}, cwd: os.tmpdir(), stdio: ["pipe", "pipe", "ignore"] });
    this.child.unref();
    (this.child.stdout as unknown as { unref?: () => void }).unref?.();
    this.child.stdin!.on("error", () => {});
    this.child.stdout!.setEncoding("utf8");
    this.child.stdout!.on("data", (d: string) => this.onData(d));
    this.child.on("exit", () => this.onDeath());
    this.child.on("error", () => this.onDeath());
  }

  send(job: Job): void {
    this.job = job;
    this.child.ref();
    job.timer = setTimeout(() => this.child.kill("SIGKILL"), job.timeoutMs + SERVER_GRACE_MS);
    this.child.stdin!.write(JSON.stringify({ id: job.id, code: job.code, tests: job.tests, timeoutMs: job.timeoutMs, memoryMb: job.memoryMb }) + "\n");
  }

  private settle(r: CodeVerification): void {
    const job = this.job;
    if (!job) return;
    clearTimeout(job.timer);
    this.job = null;
    this.child.unref();
    job.resolve(r);
  }

  private onData(d: string): void {
    this.buf += d;
    let i: number;
    while ((i = this.buf.indexOf("\n")) >= 0) {
      const line = this.buf.slice(0, i);
      this.buf = this.buf.slice(i + 1);
      const reply = JSON.parse(line) as Reply;
      if (this.job && reply.id === this.job.id) this.settle(toVerification(reply, this.job.tests));
    }
  }

  private onDeath(): void {
    if (this.dead) return;
    this.dead = true;
    if (this.job) this.settle({ verdict: "timeout", passed: 0, total: this.job.tests.length, detail: "the fork server did not answer in time and was replaced" });
    this.onExit(this);
  }
}

/** A pool of Python fork servers (see PYTHON_FORK_SERVER): one candidate per forked child. */
export interface PythonForkPool {
  run(code: string, tests: string[], timeoutMs: number, memoryMb: number): Promise<CodeVerification>;
  close(): void;
}

/** Starts (lazily) up to `size` Python fork servers; null when there is no /usr/bin/python3. */
export function createPythonForkPool(size = Math.max(1, os.availableParallelism())): PythonForkPool | null {
  const python = sandboxPython();
  if (!python) return null;
  const servers: ForkServer[] = [];
  const waiting: Job[] = [];
  let nextId = 1;
  const dispatch = () => {
    while (waiting.length > 0) {
      let free = servers.find((s) => !s.dead && s.job === null);
      if (!free && servers.length < size) {
        free = new ForkServer(python, (s) => { const i = servers.indexOf(s); if (i >= 0) servers.splice(i, 1); setImmediate(dispatch); });
        servers.push(free);
      }
      if (!free) return;
      free.send(waiting.shift()!);
    }
  };
  return {
    run(code, tests, timeoutMs, memoryMb) {
      return new Promise((resolve) => {
        waiting.push({ id: nextId++, code, tests, timeoutMs, memoryMb, resolve: (r) => { resolve(r); setImmediate(dispatch); } });
        dispatch();
      });
    },
    close() { for (const s of servers.splice(0)) s.child.kill("SIGKILL"); },
  };
}
