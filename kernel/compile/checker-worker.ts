import { parentPort, workerData } from "node:worker_threads";
import { TypeChecker } from "./typecheck.js";

/**
 * The type checker's thread: each cell's check builds a TypeScript program and a checker, which
 * leaves many short-lived objects. Kept in its own isolate, that garbage never triggers a GC pause
 * inside a running cell, the main heap stays small for the user's work, and the check runs while
 * the main thread compiles the cell.
 */
interface Request { id: number; op: "check" | "complete" | "inspect"; src: string; cursor?: number }

const checker = new TypeChecker({ cwd: (workerData as { cwd: string }).cwd });
parentPort!.on("message", (m: Request) => {
  try {
    const result = m.op === "check" ? checker.check(m.src) : m.op === "complete" ? checker.complete(m.src, m.cursor ?? m.src.length) : checker.inspect(m.src, m.cursor ?? m.src.length);
    parentPort!.postMessage({ id: m.id, result });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
});
