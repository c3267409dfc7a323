import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { TypeChecker } from "./typecheck.js";

/**
 * The type checker's thread: each cell's check builds a TypeScript program and a checker, which
 * leaves many short-lived objects. Kept in its own isolate, that garbage never triggers a GC pause
 * inside a running cell, the main heap stays small for the user's work, and the check runs while
 * the main thread compiles the cell. Besides the main thread's requests, a port may bring cells
 * to check the moment they arrive (the kernel's ZeroMQ thread sends each execute_request's code):
 * their results go to the main thread under the request's key.
 */
interface Request { id: number; op: "check" | "complete" | "inspect"; src: string; cursor?: number }

const data = workerData as { cwd: string; reserved: string[] };
const checker = new TypeChecker({ cwd: data.cwd, reserved: data.reserved });
const run = (m: Request) => (m.op === "check" ? checker.check(m.src) : m.op === "complete" ? checker.complete(m.src, m.cursor ?? m.src.length) : checker.inspect(m.src, m.cursor ?? m.src.length));
const answer = (key: { id: number } | { key: string }, f: () => unknown) => {
  try {
    parentPort!.postMessage({ ...key, result: f() });
  } catch (e) {
    parentPort!.postMessage({ ...key, error: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
};
parentPort!.on("message", (m: Request | { op: "port"; port: MessagePort }) => {
  if (m.op === "port") {
    m.port.on("message", (c: { key: string; src: string }) => answer({ key: c.key }, () => checker.check(c.src)));
    return;
  }
  answer({ id: m.id }, () => run(m));
});
