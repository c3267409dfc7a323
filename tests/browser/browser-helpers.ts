import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { isPageLocal } from "../../kernel/notebook/static-figures.js";

/** Debian's Chromium and its headless flags, the same ones replab's static figures use. */
export { DEFAULT_CHROMIUM as CHROMIUM, CHROMIUM_ARGS } from "../../kernel/notebook/static-figures.js";

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port: p } = s.address() as net.AddressInfo;
      s.close(() => resolve(p));
    });
  });
}

/** True for URLs that stay on this machine (localhost, data:, blob:, about:). */
export function isLocal(url: string): boolean {
  if (isPageLocal(url)) return true;
  try {
    const host = new URL(url).hostname;
    return host === "127.0.0.1" || host === "localhost" || host === "[::1]" || host === "::1";
  } catch { return false; }
}

/** A Jupyter server started by a test, with what it printed so far (for failure messages). */
export interface JupyterServer {
  process: ChildProcess;
  log(): string;
  /** Ends the server and its kernels (its process group). */
  stop(): Promise<void>;
}

/** Starts Debian's Python with `args` (a Jupyter server) in its own process group, collecting its output. */
export function startServer(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): JupyterServer {
  let log = "";
  const child = spawn("/usr/bin/python3", [...args, ...(process.getuid?.() === 0 ? ["--allow-root"] : [])], { ...options, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (d: Buffer) => { log += d.toString(); });
  child.stderr!.on("data", (d: Buffer) => { log += d.toString(); });
  child.once("exit", (code) => { log += `\n[server exited with ${code}]\n`; });
  return {
    process: child,
    log: () => log,
    async stop() {
      if (!child.pid || child.exitCode !== null) return;
      try { process.kill(-child.pid, "SIGTERM"); } catch { /* already gone */ }
      await new Promise((r) => setTimeout(r, 1500));
      try { process.kill(-child.pid, "SIGKILL"); } catch { /* already gone */ }
    },
  };
}

/**
 * Polls `probe` until it returns something truthy; fails naming `what`, the probe's last error
 * and the server's log when the time is up or the server has exited.
 */
export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>, server?: JupyterServer | null): Promise<T> {
  const end = Date.now() + timeoutMs;
  let lastError = "";
  while (Date.now() < end) {
    if (server && server.process.exitCode !== null) break;
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) { lastError = (e as Error).message; }
    await new Promise((r) => setTimeout(r, 250));
  }
  const why = server && server.process.exitCode !== null ? "the server exited while waiting for" : `timed out after ${timeoutMs / 1000} s waiting for`;
  throw new Error(`${why} ${what}${lastError ? ` (last error: ${lastError})` : ""}${server ? `\n--- server log (tail) ---\n${server.log().slice(-3000)}` : ""}`);
}
