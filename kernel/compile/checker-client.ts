import path from "node:path";
import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import { packageRoot } from "../package-root.js";
import type { CellDiagnostic } from "./typecheck.js";

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

  /** `cwd`: the notebook's folder (imports resolve from it). */
  constructor(cwd: string) {
    // Each check leaves a program's worth of short-lived objects: a large young generation lets
    // most of it die there instead of being copied and promoted by frequent scavenges.
    this.worker = new Worker(workerFile(), { workerData: { cwd }, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
    this.worker.unref();
    this.worker.on("message", (m: { id: number; result?: unknown; error?: string }) => {
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

  /** Type-checks a cell against the earlier ones; remembers its declarations when it passes. */
  check(src: string): Promise<CellDiagnostic[]> {
    return this.call("check", src);
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
