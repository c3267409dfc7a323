import vm from "node:vm";
import { Worker, type MessagePort } from "node:worker_threads";
import { display, progress, type MimeBundle } from "../../lib/display/index.js";
import { initBackend } from "../../lib/core/index.js";
import { transformCell, topLevelNames, CELL_HELPER, type CellHelper } from "../compile/transform.js";
import { resolveCellImport } from "./resolve.js";
import { formatDiagnostics } from "../compile/typecheck.js";
import { cellCompleteness } from "../compile/cell-completeness.js";
import { RemoteTypeChecker } from "../compile/checker-client.js";
import { cellFileName, cellTraceback, errorNameAndValue, type CellMap } from "./traceback.js";
import { currentCell, NO_FRONT_END_STDIN, type OutputSink, type CellStdin } from "./cell-io.js";
import { routeOutput, dropRethrowHandlers } from "./output-routing.js";
import { valueBundle, deno, prompt, confirm, input } from "./jupyter-api.js";

export type { OutputSink, CellStdin } from "./cell-io.js";
export { writeReal } from "./output-routing.js";

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
  /**
   * How the cell's prompt(), confirm() and input() ask for a line of text. Default: they fail,
   * saying the notebook runs without a front end and how to pass the value as a parameter.
   */
  stdin?: CellStdin;
  /** The key under which this exact source was sent to the checker early (see {@link Executor.precheckPort}). */
  precheck?: string;
}

/** Options for {@link Executor}. */
export interface ExecutorOptions {
  /** Directory relative imports and bare packages resolve from (default: process.cwd()). */
  cwd?: string;
  /** Type-check cells against the earlier ones before running them (default true). */
  typeCheck?: boolean;
  /** The stop flag to use (Int32Array of 2 on a SharedArrayBuffer), when other threads already hold it. */
  stopFlag?: Int32Array;
}

class Interrupted extends Error {
  constructor(message: string, name: string) {
    super(message);
    this.name = name;
  }
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && (typeof v === "object" || typeof v === "function") && typeof (v as { then?: unknown }).then === "function";
}

/**
 * Runs TypeScript cells in this process, one after another, with the variables of earlier cells
 * in scope. Each cell is type-checked against the earlier ones (kernel/compile/typecheck.ts, in
 * its own thread) while it is compiled by
 * {@link transformCell} to a script whose top-level declarations live in fast script-scope
 * `let` bindings, run with `vm.Script#runInThisContext` (timeout and SIGINT stop a spinning
 * cell), and its last expression's value is shown as `valueBundle` makes it. Runtime errors come
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
    this.stopFlag = options.stopFlag ?? new Int32Array(new SharedArrayBuffer(8));
    this.nodeGlobals = new Set(Object.getOwnPropertyNames(globalThis));
    this.checker = options.typeCheck === false ? null : new RemoteTypeChecker(this.cwd, [...this.nodeGlobals]);
    routeOutput();
    const flag = this.stopFlag;
    const helper: CellHelper = {
      $: undefined,
      import: (spec: string) => import(resolveCellImport(spec, this.cwd)),
      defaultOf: (ns: Record<string, unknown>) => {
        const d = ns.default as Record<string, unknown> | undefined;
        return d && typeof d === "object" && d.__esModule && "default" in d ? d.default : d;
      },
      deno,
      flag,
      halt: () => {
        const why = Atomics.load(flag, 0);
        throw why === 2 ? new Interrupted("the cell ran longer than its timeout", "Timeout") : new Interrupted("the cell was interrupted", "Interrupted");
      },
    };
    const globals = [[CELL_HELPER, helper], ["display", display], ["progress", progress], ["prompt", prompt], ["confirm", confirm], ["input", input]] as const;
    for (const [name, value] of globals) {
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
   * The shared stop flag (an Int32Array on a SharedArrayBuffer): another thread stores 1 in
   * `[0]` to stop a running cell whose loops run after an `await` (the kernel's ZeroMQ thread
   * does); `[1]` is 1 while a cell's synchronous part runs (only then can SIGINT stop it).
   */
  readonly stopFlag: Int32Array;
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
    currentCell.sink = options.sink;
    currentCell.stdin = options.stdin ?? NO_FRONT_END_STDIN;
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

  /** Refuses a cell whose top-level names would replace Node's globals (for the whole process). */
  private shadowingError(names: string[]): ExecuteOutcome {
    const many = names.length > 1;
    return this.compileError("ReplabError", [
      `top-level name${many ? "s" : ""} ${[...new Set(names)].map((n) => `'${n}'`).join(", ")} would replace Node's global of that name for the whole process (the kernel included); rename ${many ? "them" : "it"}, or declare ${many ? "them" : "it"} inside a block { … }`,
    ]);
  }

  private async run(id: number, src: string, options: ExecuteOptions): Promise<ExecuteOutcome> {
    // The checker (its own thread; it also refuses Node's global names) and the compiler (this
    // one) work on the cell at the same time.
    const checked = this.checker
      ? this.checker.check(src, options.precheck)
      : Promise.resolve({ diagnostics: [], reserved: topLevelNames(src).filter((n) => this.nodeGlobals.has(n)) });
    let cell: ReturnType<typeof transformCell>;
    try {
      cell = transformCell(src, id, this.declared, this.captured);
    } finally {
      const { diagnostics, reserved } = await checked;
      if (reserved.length > 0) return this.shadowingError(reserved);
      if (diagnostics.length > 0) return this.compileError("TSError", formatDiagnostics(diagnostics));
    }
    this.maps.set(id, { sourceMap: cell.sourceMap, firstLineShift: cell.firstLineShift });
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
        Atomics.store(this.stopFlag, 1, 1);
        value = script.runInThisContext({
          breakOnSigint: options.breakOnSigint === true,
          ...(options.timeoutMs !== undefined ? { timeout: Math.max(1, Math.round(options.timeoutMs)) } : {}),
        });
      } finally {
        Atomics.store(this.stopFlag, 1, 0);
        for (const n of cell.names) this.declared.add(n);
      }
      if (isThenable(value)) value = await Promise.race([value, stopped]);
      const result = value === undefined ? null : valueBundle(value);
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

  /**
   * A port on which the kernel's ZeroMQ thread sends each cell's source the moment its
   * execute_request arrives (`{ key, src }`), so its type check starts before this thread gets to
   * the cell; {@link execute} with `precheck: key` then uses that check. Null without a checker.
   */
  precheckPort(): MessagePort | null {
    return this.checker?.precheckPort() ?? null;
  }

  /** Forgets the early check of a cell that will not run (an aborted request). */
  discardPrecheck(key: string): void {
    this.checker?.discardPrecheck(key);
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
