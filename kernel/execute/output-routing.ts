import { setDisplaySink } from "../../lib/display/index.js";
import { currentCell } from "./cell-io.js";
import { errorNameAndValue } from "./traceback.js";

let outputRouted = false;
const realWrite = {
  stdout: process.stdout.write.bind(process.stdout),
  stderr: process.stderr.write.bind(process.stderr),
};

/** Writes to the real stdout/stderr, bypassing cell output capture. */
export function writeReal(stream: "stdout" | "stderr", text: string): void {
  realWrite[stream](text);
}

/**
 * Sends the process's stdout/stderr writes and `display()` calls to the running cell's sink (or,
 * between cells, to the last cell's), and reports a cell's late errors there instead of ending the process.
 */
export function routeOutput(): void {
  if (outputRouted) return;
  outputRouted = true;
  for (const name of ["stdout", "stderr"] as const) {
    const stream = process[name];
    const original = realWrite[name];
    stream.write = ((chunk: unknown, encoding?: unknown, cb?: unknown): boolean => {
      const sink = currentCell.sink;
      if (!sink) return (original as (...a: unknown[]) => boolean)(chunk, encoding, cb);
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString(typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
      sink.stream(name, text);
      const done = typeof encoding === "function" ? encoding : cb;
      if (typeof done === "function") queueMicrotask(() => (done as () => void)());
      return true;
    }) as typeof stream.write;
  }
  setDisplaySink({
    display(bundle, options) {
      const sink = currentCell.sink;
      if (sink) sink.display(bundle, options.metadata ?? {}, options.displayId, options.update === true);
      else realWrite.stdout(String(bundle["text/plain"] ?? "") + "\n");
    },
    clear(wait) {
      currentCell.sink?.clear(wait);
    },
  });
  // A cell's timer or promise that throws later must not end the process: report it instead.
  const report = (what: string) => (reason: unknown) => {
    const { ename, evalue } = errorNameAndValue(reason);
    const text = `${what}: ${ename}: ${evalue}\n`;
    if (currentCell.sink) currentCell.sink.stream("stderr", text);
    else realWrite.stderr(text);
  };
  process.on("unhandledRejection", report("Unhandled promise rejection"));
  process.on("uncaughtException", report("Uncaught exception"));
}

/**
 * Emscripten's Node glue (tfjs-backend-wasm) adds process handlers that re-throw every uncaught
 * exception and unhandled rejection, which would end the kernel on a cell's stray promise.
 * Those re-throwing handlers are removed (ours report the error in the cell's output instead).
 */
export function dropRethrowHandlers(): void {
  for (const event of ["uncaughtException", "unhandledRejection"] as const) {
    for (const listener of process.listeners(event as "uncaughtException") as Array<(...args: unknown[]) => void>) {
      const src = Function.prototype.toString.call(listener).replace(/\s+/g, " ");
      if (/^function \((ex|reason)\) \{ (if \(!\(ex instanceof ExitStatus\)\) \{ )?throw (ex|reason); (\} )?\}$/.test(src)) {
        process.removeListener(event, listener);
      }
    }
  }
}
