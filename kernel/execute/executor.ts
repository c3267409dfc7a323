import vm from "node:vm";
import { Worker } from "node:worker_threads";
import { SourceMap } from "node:module";
import { display, progress, formatValue, setDisplaySink, type MimeBundle } from "../../lib/display/index.js";
import { initBackend } from "../../lib/core/index.js";
import { transformCell, topLevelNames, CELL_HELPER, type CellHelper } from "../compile/transform.js";
import { resolveCellImport } from "./resolve.js";
import { formatDiagnostics, cellCompleteness } from "../compile/typecheck.js";
import { RemoteTypeChecker } from "../compile/checker-client.js";
import { cellFileName, cellTraceback, errorNameAndValue, type CellMap } from "./traceback.js";

/** Where a running cell's output goes (a Jupyter session, or the notebook `replab run` fills). */
export interface OutputSink {
  stream(name: "stdout" | "stderr", text: string): void;
  display(bundle: MimeBundle, metadata: Record<string, unknown>, displayId: string | undefined, update: boolean): void;
  clear(wait: boolean): void;
}

/** The outcome of one cell. */
export type ExecuteOutcome =
  | { status: "ok"; result: MimeBundle | null }
  | { status: "error"; ename: string; evalue: string; traceback: string[] };

/** Options for {@link Executor.execute}. */
export interface ExecuteOptions {
  /** Where this cell's output goes. */
  sink: OutputSink;
  /** Stop the cell after this many milliseconds (synchronous code included). */
  timeoutMs?: number;
  /** Let SIGINT (and {@link Executor.interrupt}) stop a spinning cell (the kernel sets this). */
  breakOnSigint?: boolean;
  /** The cell's label in tracebacks (default `cell [N]`). */
  label?: string;
}

/** Options for {@link Executor}. */
export interface ExecutorOptions {
  /** Directory relative imports and bare packages resolve from (default: process.cwd()). */
  cwd?: string;
  /** Type-check cells with tslab's converter before running them (default true). */
  typeCheck?: boolean;
}

class Interrupted extends Error {
  constructor(message: string, name: string) {
    super(message);
    this.name = name;
  }
}

let outputRouted = false;
let currentSink: OutputSink | null = null;
const realWrite = {
  stdout: process.stdout.write.bind(process.stdout),
  stderr: process.stderr.write.bind(process.stderr),
};

/** Writes to the real stdout/stderr, bypassing cell output capture. */
export function writeReal(stream: "stdout" | "stderr", text: string): void {
  realWrite[stream](text);
}

function routeOutput(): void {
  if (outputRouted) return;
  outputRouted = true;
  for (const name of ["stdout", "stderr"] as const) {
    const stream = process[name];
    const original = realWrite[name];
    stream.write = ((chunk: unknown, encoding?: unknown, cb?: unknown): boolean => {
      const sink = currentSink;
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
      const sink = currentSink;
      if (sink) sink.display(bundle, options.metadata ?? {}, options.displayId, options.update === true);
      else realWrite.stdout(String(bundle["text/plain"] ?? "") + "\n");
    },
    clear(wait) {
      currentSink?.clear(wait);
    },
  });
  // A cell's timer or promise that throws later must not end the process: report it instead.
  const report = (what: string) => (reason: unknown) => {
    const { ename, evalue } = errorNameAndValue(reason);
    const text = `${what}: ${ename}: ${evalue}\n`;
    if (currentSink) currentSink.stream("stderr", text);
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
function dropRethrowHandlers(): void {
  for (const event of ["uncaughtException", "unhandledRejection"] as const) {
    for (const listener of process.listeners(event as "uncaughtException") as Array<(...args: unknown[]) => void>) {
      const src = Function.prototype.toString.call(listener).replace(/\s+/g, " ");
      if (/^function \((ex|reason)\) \{ (if \(!\(ex instanceof ExitStatus\)\) \{ )?throw (ex|reason); (\} )?\}$/.test(src)) {
        process.removeListener(event, listener);
      }
    }
  }
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && (typeof v === "object" || typeof v === "function") && typeof (v as { then?: unknown }).then === "function";
}

/**
 * Runs TypeScript cells in this process, one after another, with the variables of earlier cells
 * in scope. Each cell is type-checked against the earlier ones (tslab's converter, in its own
 * thread), compiled by
 * {@link transformCell} to a script whose top-level declarations live in fast script-scope
 * `let` bindings, run with `vm.Script#runInThisContext` (timeout and SIGINT stop a spinning
 * cell), and its last expression's value is formatted with `formatValue`. Runtime errors come
 * back with the cell's own line numbers. Used by the kernel and by `replab run`.
 */
export class Executor {
  readonly cwd: string;
  private checker: RemoteTypeChecker | null;
  private declared = new Set<string>();
  private captured = new Set<string>();
  private maps = new Map<number, CellMap>();
  private labels = new Map<number, string>();
  private cellCounter = 0;
  private nodeGlobals: Set<string>;
  private interruptCurrent: ((err: Error) => void) | null = null;
  private backend: Promise<unknown>;

  constructor(options: ExecutorOptions = {}) {
    this.cwd = options.cwd ?? process.cwd();
    this.nodeGlobals = new Set(Object.getOwnPropertyNames(globalThis));
    this.checker = options.typeCheck === false ? null : new RemoteTypeChecker();
    routeOutput();
    const flag = this.stopFlag;
    const helper: CellHelper = {
      $: undefined,
      import: (spec: string) => import(resolveCellImport(spec, this.cwd)),
      defaultOf: (ns: Record<string, unknown>) => {
        const d = ns.default as Record<string, unknown> | undefined;
        return d && typeof d === "object" && d.__esModule && "default" in d ? d.default : d;
      },
      flag,
      halt: () => {
        const why = Atomics.load(flag, 0);
        throw why === 2 ? new Interrupted("the cell ran longer than its timeout", "Timeout") : new Interrupted("the cell was interrupted", "Interrupted");
      },
    };
    for (const [name, value] of [[CELL_HELPER, helper], ["display", display], ["progress", progress]] as const) {
      Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
    }
    // docs/ARCHITECTURE.md, tensor backends: the tensor backend is chosen once, at start; cells wait for it.
    this.backend = initBackend().catch((e: unknown) => e).finally(dropRethrowHandlers);
  }

  /** Stops the running cell (a spinning synchronous cell needs SIGINT with `breakOnSigint`). */
  interrupt(): void {
    Atomics.store(this.stopFlag, 0, 1);
    this.interruptCurrent?.(new Interrupted("the cell was interrupted", "Interrupted"));
  }

  /**
   * The shared stop flag (an Int32Array on a SharedArrayBuffer): another thread stores 1 in it to
   * stop a running cell whose loops run after an `await` (the kernel's ZeroMQ thread does).
   */
  readonly stopFlag = new Int32Array(new SharedArrayBuffer(4));
  private watchdog: Worker | null = null;

  /** A thread that sets the stop flag to 2 when a cell's time is up, even while this thread spins. */
  private armWatchdog(ms: number): void {
    if (!this.watchdog) {
      this.watchdog = new Worker(
        `const { parentPort, workerData } = require("node:worker_threads");
         const flag = new Int32Array(workerData);
         let timer = null;
         parentPort.on("message", (ms) => {
           if (timer) clearTimeout(timer);
           timer = ms === null ? null : setTimeout(() => Atomics.store(flag, 0, 2), ms);
         });`,
        { eval: true, workerData: this.stopFlag.buffer },
      );
      this.watchdog.unref();
    }
    this.watchdog.postMessage(ms);
  }

  /** Executes one cell. Never throws: errors come back as `{ status: "error" }`. */
  async execute(src: string, options: ExecuteOptions): Promise<ExecuteOutcome> {
    const id = ++this.cellCounter;
    this.labels.set(id, options.label ?? `cell [${id}]`);
    if (src.trim() === "") return { status: "ok", result: null };
    // The sink stays installed after the cell ends: output from its timers and callbacks goes
    // to the last cell that ran (as ipykernel does), not to the kernel's own stdout.
    currentSink = options.sink;
    await this.backend;
    try {
      return await this.run(id, src, options);
    } catch (err) {
      // Only the kernel's own machinery (the type checker, the compiler) can get here.
      const { ename, evalue } = errorNameAndValue(err);
      return { status: "error", ename: "ReplabInternalError", evalue: `${ename}: ${evalue}`, traceback: [`ReplabInternalError: ${ename}: ${evalue}`, ...(err instanceof Error && err.stack ? err.stack.split("\n").slice(1) : [])] };
    }
  }

  private compileError(ename: string, lines: string[]): ExecuteOutcome {
    return { status: "error", ename, evalue: lines.join("\n"), traceback: [`${ename}: ${lines.join("\n")}`] };
  }

  private async run(id: number, src: string, options: ExecuteOptions): Promise<ExecuteOutcome> {
    const shadowing = topLevelNames(src).filter((n) => this.nodeGlobals.has(n));
    if (shadowing.length > 0) {
      return this.compileError("ReplabError", [
        `top-level name${shadowing.length > 1 ? "s" : ""} ${[...new Set(shadowing)].map((n) => `'${n}'`).join(", ")} would replace Node's global of that name for the whole process (the kernel included); rename ${shadowing.length > 1 ? "them" : "it"}, or declare ${shadowing.length > 1 ? "them" : "it"} inside a block { … }`,
      ]);
    }
    // The checker (its own thread) and the compiler (this one) work on the cell at the same time.
    const checked = this.checker ? this.checker.check(src) : Promise.resolve([]);
    let cell: ReturnType<typeof transformCell>;
    try {
      cell = transformCell(src, id, this.declared, this.captured);
    } finally {
      const diags = await checked;
      if (diags.length > 0) return this.compileError("TSError", formatDiagnostics(diags));
    }
    let map: SourceMap | null = null;
    try {
      map = cell.sourceMap ? new SourceMap(JSON.parse(cell.sourceMap)) : null;
    } catch {
      map = null;
    }
    this.maps.set(id, { map, firstLineShift: cell.firstLineShift });
    let script: vm.Script;
    try {
      script = new vm.Script(cell.code, {
        filename: cellFileName(id),
        importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
      } as vm.ScriptOptions);
    } catch (err) {
      return this.errorOutcome(err);
    }
    let stop: ((err: Error) => void) | null = null;
    const stopped = new Promise<never>((_, reject) => { stop = reject; });
    stopped.catch(() => undefined);
    this.interruptCurrent = stop;
    let timer: NodeJS.Timeout | null = null;
    Atomics.store(this.stopFlag, 0, 0);
    if (options.timeoutMs !== undefined) {
      const ms = options.timeoutMs;
      timer = setTimeout(() => stop!(new Interrupted(`the cell ran longer than its timeout of ${ms / 1000} s`, "Timeout")), ms);
      if (cell.isAsync) this.armWatchdog(ms);
    }
    try {
      let value: unknown;
      try {
        value = script.runInThisContext({
          breakOnSigint: options.breakOnSigint === true,
          ...(options.timeoutMs !== undefined ? { timeout: Math.max(1, Math.round(options.timeoutMs)) } : {}),
        });
      } finally {
        for (const n of cell.names) this.declared.add(n);
      }
      if (isThenable(value)) value = await Promise.race([value, stopped]);
      const result = value === undefined ? null : formatValue(value);
      return { status: "ok", result };
    } catch (err) {
      return this.errorOutcome(err);
    } finally {
      if (timer) {
        clearTimeout(timer);
        this.watchdog?.postMessage(null);
      }
      this.interruptCurrent = null;
      dropRethrowHandlers();
    }
  }

  private errorOutcome(err: unknown): ExecuteOutcome {
    const code = (err as { code?: string } | null)?.code;
    if (code === "ERR_SCRIPT_EXECUTION_INTERRUPTED") err = new Interrupted("the cell was interrupted", "Interrupted");
    if (code === "ERR_SCRIPT_EXECUTION_TIMEOUT") err = new Interrupted(`the cell ran longer than its timeout (${(err as Error).message})`, "Timeout");
    const { ename, evalue } = errorNameAndValue(err);
    const traceback = err instanceof Interrupted ? [`${ename}: ${evalue}`] : cellTraceback(err, this.maps, (id) => this.labels.get(id) ?? `cell [${id}]`);
    return { status: "error", ename, evalue, traceback };
  }

  /** Completion at `cursor` (a character offset): the replaced range and the candidates. */
  async complete(src: string, cursor: number): Promise<{ start: number; end: number; matches: string[] }> {
    if (!this.checker) return { start: cursor, end: cursor, matches: [] };
    return this.checker.complete(src, cursor);
  }

  /** Quick info (type and documentation) at `cursor`, or null. */
  async inspect(src: string, cursor: number): Promise<string | null> {
    if (!this.checker) return null;
    return this.checker.inspect(src, cursor);
  }

  /** Whether a cell's source is complete, needs more lines, or can never be valid. */
  isComplete(src: string): { status: "complete" | "incomplete" | "invalid"; indent?: string } {
    return cellCompleteness(src);
  }

  /** Releases the type checker's resources. */
  close(): void {
    this.checker?.close();
    void this.watchdog?.terminate();
  }
}
