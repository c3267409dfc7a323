import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PYTHON_HARNESS } from "./python-harness.js";
import { OUTPUT_CAP, type CodeVerification } from "./types.js";

/** The Python that runs candidates (Debian's), or null when there is none. */
export function sandboxPython(): string | null {
  return fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : null;
}

const PRLIMIT = fs.existsSync("/usr/bin/prlimit") ? "/usr/bin/prlimit" : null;
const STDOUT_CAP = 4 * OUTPUT_CAP + 65_536;

/**
 * Runs one Python candidate in its own process: `prlimit` (address space `memoryMb`, CPU
 * seconds, file size 1 MB, no new processes, no core files) around `python3 -I -S` (isolated:
 * no user site, no PYTHON* variables, no site), an empty environment, a fresh temporary
 * directory as cwd (removed afterwards), the audit-hook harness, and a wall-clock kill.
 */
export function runPythonCandidate(code: string, tests: string[], timeoutMs: number, memoryMb: number): Promise<CodeVerification> {
  const py = sandboxPython();
  const total = tests.length;
  if (!py) return Promise.resolve({ verdict: "error", passed: 0, total, detail: "no /usr/bin/python3 on this machine" });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-py-"));
  const nonce = crypto.randomBytes(12).toString("hex");
  const cpu = Math.max(1, Math.ceil(timeoutMs / 1000) + 1);
  const harness = PYTHON_HARNESS.replace("OUTPUT_CAP", String(OUTPUT_CAP));
  const pyArgs = [py, "-I", "-S", "-c", harness];
  const limits = [`--as=${memoryMb * 1024 * 1024}`, `--cpu=${cpu}`, `--fsize=${1024 * 1024}`, "--nproc=0", "--core=0"];
  const [cmd, args] = PRLIMIT ? [PRLIMIT, [...limits, "--", ...pyArgs]] : [py, pyArgs.slice(1)];
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: dir, env: {}, stdio: ["pipe", "pipe", "pipe"] });
    let out = "", err = "", bytes = 0, killed: "timeout" | "output" | null = null, done = false;
    const timer = setTimeout(() => { killed = "timeout"; child.kill("SIGKILL"); }, timeoutMs);
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (d: string) => { bytes += d.length; if (bytes > STDOUT_CAP) { killed ??= "output"; child.kill("SIGKILL"); } else out += d; });
    child.stderr.on("data", (d: string) => { err = (err + d).slice(-4096); });
    child.stdin.on("error", () => {});
    child.stdin.end(JSON.stringify({ code, tests, nonce }) + "\n");
    const finish = (r: CodeVerification) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      fs.rmSync(dir, { recursive: true, force: true });
      resolve(r);
    };
    child.on("error", (e) => finish({ verdict: "error", passed: 0, total, detail: `could not start python: ${e.message}` }));
    child.on("close", (codeNum, signal) => {
      if (killed === "timeout" || signal === "SIGXCPU") return finish({ verdict: "timeout", passed: 0, total, detail: "killed: wall-clock or CPU limit reached" });
      if (killed === "output") return finish({ verdict: "error", passed: 0, total, detail: `killed: output over ${STDOUT_CAP} bytes` });
      const line = out.split("\n").find((l) => l.startsWith(nonce));
      if (!line) {
        const memory = /MemoryError|Cannot allocate memory|std::bad_alloc/.test(err);
        return finish({ verdict: memory ? "memory-limit" : "error", passed: 0, total, detail: `python exited (code ${codeNum}, signal ${signal}) without a result: ${err.trim().split("\n").slice(-2).join(" ")}` });
      }
      const r = JSON.parse(line.slice(nonce.length)) as { loaded: boolean; tests: Array<{ ok: boolean; error: string | null }>; error: string | null; memory: boolean; output: string };
      const o = r.output ? `; output: ${r.output.slice(0, 400)}` : "";
      if (!r.loaded) return finish({ verdict: r.memory ? "memory-limit" : "error", passed: 0, total, detail: `candidate failed to load: ${r.error}${o}` });
      const passed = r.tests.filter((t) => t.ok).length;
      if (r.memory) return finish({ verdict: "memory-limit", passed, total, detail: "a test raised MemoryError" });
      if (passed === total) return finish({ verdict: "pass", passed, total, detail: `all ${total} tests passed${o}` });
      const first = r.tests.findIndex((t) => !t.ok);
      return finish({ verdict: "fail", passed, total, detail: `test ${first} (${tests[first]}) ${r.tests[first]!.error}${o}` });
    });
  });
}
