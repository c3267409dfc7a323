import vm from "node:vm";
import { parentPort, workerData } from "node:worker_threads";

/**
 * The kernel's SIGINT keeper, a worker thread that waits inside a `vm` script run with
 * `breakOnSigint` for the kernel's whole life. While it waits, Node's SIGINT watchdog owns the
 * signal: a SIGINT stops the cell the main thread is running synchronously (its run also has
 * `breakOnSigint`), and wakes this thread, which sets the executor's stop flag (the loops of a
 * cell spinning after an `await` check it) and tells the main thread (an awaiting cell stops
 * too); it never ends the process. The main thread needs no `process.on("SIGINT")` listener,
 * which Node would remove and re-add around every cell run (a signal handle closed and opened
 * per cell, a millisecond on a loaded machine).
 */
const stopFlag = new Int32Array(workerData as SharedArrayBuffer);
const block = new Int32Array(new SharedArrayBuffer(4));
Object.defineProperty(globalThis, "__replabBlock", { value: block });
const wait = new vm.Script("Atomics.wait(__replabBlock, 0, 0)");
for (;;) {
  try {
    wait.runInThisContext({ breakOnSigint: true });
  } catch {
    Atomics.store(stopFlag, 0, 1);
    parentPort!.postMessage({ kind: "sigint" });
  }
}
