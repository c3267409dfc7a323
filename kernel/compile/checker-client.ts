import path from "node:path";
import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import { packageRoot } from "../package-root.js";
import type { CheckResult } from "./typecheck.js";

function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  // From the TypeScript sources (vitest), the built worker is the one that can run.
  return here.endsWith(".ts") ? path.join(packageRoot(), "dist", "kernel", "compile", "checker-worker.js") : path.join(path.dirname(here), "checker-worker.js");
}

/** The {@link TypeChecker} in its own thread (kernel/compile/checker-worker.ts), behind promises. */
export class RemoteTypeChecker {
  private worker: Worker;
  private next = 0;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  /** Why the checker's thread is gone (then every call fails at once, instead of waiting forever). */
  private dead: Error | null = null;
  /** Results of cells sent to the checker through a precheck port, by key, and who waits for them. */
  private prechecks = new Map<string, { result?: CheckResult; error?: Error; discarded?: true; waiter?: { resolve: (r: CheckResult) => void; reject: (e: Error) => void } }>();

  /** `cwd`: the notebook's folder (imports resolve from it); `reserved`: top-level names a cell may not declare. */
  constructor(cwd: string, reserved: readonly string[] = []) {
    // Each check leaves a program's worth of short-lived objects: a large young generation lets
    // most of it die there instead of being copied and promoted by frequent scavenges.
    this.worker = new Worker(workerFile(), { workerData: { cwd, reserved }, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    this.worker.unref();
    this.worker.on("message", (m: { id: number; key?: string; result?: unknown; error?: string }) => {
      if (m.key !== undefined) { this.prechecked(m.key, m.result as CheckResult | undefined, m.error); return; }
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error !== undefined) p.reject(new Error(`type checker: ${m.error}`));
      else p.resolve(m.result);
    });
    const stop = (e: Error) => {
      this.dead ??= e;
      for (const p of this.pending.values()) p.reject(this.dead);
      this.pending.clear();
      for (const p of this.prechecks.values()) p.waiter?.reject(this.dead);
      this.prechecks.clear();
    };
    this.worker.on("error", (e) => stop(new Error(`the type checker's thread failed: ${e.message}`)));
    this.worker.on("exit", (code) => stop(new Error(`the type checker's thread exited (code ${code})`)));
  }

  private call<T>(op: "check" | "complete" | "inspect", src: string, cursor?: number): Promise<T> {
    const id = ++this.next;
    if (this.dead) return Promise.reject(this.dead);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, op, src, cursor });
    });
  }

  private prechecked(key: string, result: CheckResult | undefined, error: string | undefined): void {
    const entry = this.prechecks.get(key) ?? {};
    const e = error !== undefined ? new Error(`type checker: ${error}`) : undefined;
    if (entry.discarded) { this.prechecks.delete(key); return; }
    if (entry.waiter) {
      this.prechecks.delete(key);
      if (e) entry.waiter.reject(e);
      else entry.waiter.resolve(result!);
      return;
    }
    this.prechecks.set(key, e ? { error: e } : { result: result! });
  }

  /**
   * Type-checks a cell against the earlier ones; remembers its declarations when it passes. With
   * `key`, the cell was already sent through a {@link precheckPort} under that key: its result is awaited.
   */
  check(src: string, key?: string): Promise<CheckResult> {
    if (key === undefined) return this.call("check", src);
    if (this.dead) return Promise.reject(this.dead);
    const entry = this.prechecks.get(key);
    if (entry && !entry.waiter) {
      this.prechecks.delete(key);
      return entry.error ? Promise.reject(entry.error) : Promise.resolve(entry.result!);
    }
    return new Promise((resolve, reject) => this.prechecks.set(key, { waiter: { resolve, reject } }));
  }

  /** Forgets a precheck whose cell will not run (a request aborted after a failing cell). */
  discardPrecheck(key: string): void {
    if (this.prechecks.has(key)) this.prechecks.delete(key);
    else this.prechecks.set(key, { discarded: true });
  }

  /**
   * A port on which another thread sends `{ key, src }` for each cell as soon as it arrives, so
   * its check starts before this thread gets to it; {@link check} with the key then waits for it.
   */
  precheckPort(): MessagePort {
    const { port1, port2 } = new MessageChannel();
    this.worker.postMessage({ op: "port", port: port1 }, [port1]);
    return port2;
  }

  /** Completion candidates at `cursor`. */
  complete(src: string, cursor: number): Promise<{ start: number; end: number; matches: string[] }> {
    return this.call("complete", src, cursor);
  }

  /** Quick info at `cursor`, or null. */
  inspect(src: string, cursor: number): Promise<string | null> {
    return this.call("inspect", src, cursor);
  }

  /** Stops the checker's thread. */
  close(): void {
    void this.worker.terminate();
  }
}
