import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import type { CellStdin, Executor, OutputSink } from "../execute/executor.js";
import { refusingStdin } from "../execute/cell-io.js";
import { kernelInfo } from "./kernel-info.js";
import type { OutgoingMessage, WireMessage } from "./wire.js";
import type { InputAnswer, ToWorker } from "./worker-messages.js";

/** A request from the ZeroMQ thread: which socket it came on, and whether its code was sent to the checker already. */
type Request = WireMessage & { socket?: "shell" | "control"; prechecked?: boolean };

/** The stdin of a cell whose execute_request says `allow_stdin: false`: it refuses, saying why. */
const STDIN_NOT_ALLOWED = refusingStdin("the front end that ran this cell does not accept input (its execute_request has allow_stdin false)");

/**
 * The Jupyter kernel: cells run here, in the main thread (fast, in this process's context);
 * ZeroMQ lives in a worker thread (kernel/jupyter/zmq-worker.ts) that keeps the heartbeat and control
 * channel answering while a cell spins, and turns interrupt_request into SIGINT. The kernel's own
 * messages for a request (busy, the input, the result, the reply, idle) go to the worker in one
 * hop each side of the cell; a cell's outputs go at once, so a long cell's prints appear live.
 */
export class ReplabKernel {
  private worker: Worker;
  private executor!: Executor;
  private count = 0;
  private queue: Request[] = [];
  private busy = true;
  private outbox: OutgoingMessage[] = [];
  private flushScheduled = false;
  private inputPort: MessagePort;
  private inputSignal = new Int32Array(new SharedArrayBuffer(4));
  private keeper: Worker;
  /** The executor's stop flag, shared from the start with the threads that set it (the executor adopts it). */
  private stopFlagBuffer = new SharedArrayBuffer(8);

  /** Starts the ZeroMQ worker at once (so kernel_info is answered early), then loads the executor. */
  static async start(connection: Record<string, unknown>): Promise<ReplabKernel> {
    const kernel = new ReplabKernel(connection);
    const { Executor } = await import("../execute/executor.js");
    kernel.executor = new Executor({ cwd: process.cwd(), stopFlag: new Int32Array(kernel.stopFlagBuffer) });
    const port = kernel.executor.precheckPort();
    kernel.worker.postMessage({ kind: "precheck", port } satisfies ToWorker, port ? [port] : []);
    kernel.busy = false;
    void kernel.drain();
    return kernel;
  }

  private constructor(connection: Record<string, unknown>) {
    this.worker = new Worker(new URL("./zmq-worker.js", import.meta.url), { workerData: connection });
    this.worker.on("message", (m: { kind: string; socket?: "shell" | "control"; msg?: Request; prechecked?: boolean }) => {
      if (m.kind === "interrupt") { this.executor?.interrupt(); return; }
      if (m.kind === "request" && m.msg) {
        m.msg.ids = m.msg.ids.map((b) => Buffer.from(b));
        m.msg.socket = m.socket;
        m.msg.prechecked = m.prechecked === true;
        this.queue.push(m.msg);
        void this.drain();
      }
    });
    this.worker.on("error", (e) => {
      process.stderr.write(`replab kernel: ZeroMQ worker failed: ${e.stack ?? e.message}\n`);
      process.exit(1);
    });
    const { port1, port2 } = new MessageChannel();
    this.inputPort = port1;
    this.worker.postMessage({ kind: "stdin", port: port2, signal: this.inputSignal.buffer as SharedArrayBuffer } satisfies ToWorker, [port2]);
    // interrupt_request sets the stop flag from the worker, so it has the flag before any cell runs.
    this.post({ kind: "flag", buffer: this.stopFlagBuffer });
    // A SIGINT (interrupt_mode "signal", or the worker's for interrupt_request) stops a spinning
    // synchronous cell through breakOnSigint; the keeper thread holds the signal otherwise (so it
    // never ends the kernel) and passes it on, which stops an awaiting cell.
    this.keeper = new Worker(new URL("./sigint-keeper.js", import.meta.url), { workerData: this.stopFlagBuffer });
    this.keeper.unref();
    this.keeper.on("message", () => this.executor?.interrupt());
  }

  private post(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  /**
   * Queues a message; the queue goes to the worker in one hop when the event loop next turns
   * (after the promise jobs that finish a request, so its reply and idle status go together).
   */
  private send(message: OutgoingMessage): void {
    this.outbox.push(message);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.outbox.length === 0) return;
    const messages = this.outbox;
    this.outbox = [];
    this.post(messages.length === 1 ? { kind: "send", message: messages[0]! } : { kind: "sendAll", messages });
  }

  /** Sends at once (after what is queued): a running cell's outputs, which must not wait for the cell to end. */
  private sendNow(message: OutgoingMessage): void {
    this.outbox.push(message);
    this.flush();
  }

  private iopub(parent: WireMessage, msgType: string, content: Record<string, unknown>, metadata?: Record<string, unknown>, buffers?: Uint8Array[]): OutgoingMessage {
    return { socket: "iopub", ids: [], msgType, parent: parent.header, content, ...(metadata ? { metadata } : {}), ...(buffers && buffers.length > 0 ? { buffers } : {}) };
  }

  private publish(parent: WireMessage, msgType: string, content: Record<string, unknown>): void {
    this.send(this.iopub(parent, msgType, content));
  }

  private reply(req: WireMessage, content: Record<string, unknown>): void {
    const socket = (req as WireMessage & { socket?: "shell" | "control" }).socket ?? "shell";
    this.send({ socket, ids: req.ids, msgType: req.header.msg_type.replace(/_request$/, "_reply"), parent: req.header, content });
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.queue.length > 0) {
        const req = this.queue.shift()!;
        this.publish(req, "status", { execution_state: "busy" });
        try {
          await this.handle(req);
        } catch (e) {
          process.stderr.write(`replab kernel: ${req.header.msg_type} failed: ${(e as Error).stack ?? String(e)}\n`);
        }
        this.publish(req, "status", { execution_state: "idle" });
      }
    } finally {
      this.busy = false;
    }
  }

  private async handle(req: WireMessage): Promise<void> {
    const c = req.content;
    switch (req.header.msg_type) {
      case "kernel_info_request":
        return this.reply(req, kernelInfo());
      case "execute_request":
        return this.execute(req);
      case "is_complete_request":
        return this.reply(req, this.executor.isComplete(String(c.code ?? "")));
      case "complete_request": {
        const code = String(c.code ?? "");
        const cursor = Number(c.cursor_pos ?? code.length);
        const r = await this.executor.complete(code, cursor);
        return this.reply(req, { status: "ok", matches: r.matches, cursor_start: r.start, cursor_end: r.end, metadata: {} });
      }
      case "inspect_request": {
        const code = String(c.code ?? "");
        let cursor = Number(c.cursor_pos ?? code.length);
        // Jupyter sends the cursor just after the name (Shift-Tab); quick info needs a position inside it.
        if (cursor > 0 && !/[\w$]/.test(code[cursor] ?? "") && /[\w$]/.test(code[cursor - 1] ?? "")) cursor--;
        const text = await this.executor.inspect(code, cursor);
        return this.reply(req, { status: "ok", found: text !== null, data: text !== null ? { "text/plain": text } : {}, metadata: {} });
      }
      case "comm_info_request":
        return this.reply(req, { status: "ok", comms: {} });
      case "history_request":
        return this.reply(req, { status: "ok", history: [] });
      case "comm_open":
        // No comm targets: close it so the front end does not wait.
        return this.publish(req, "comm_close", { comm_id: c.comm_id, data: {} });
      case "comm_msg":
      case "comm_close":
        return;
      case "shutdown_request":
        this.reply(req, { status: "ok", restart: c.restart === true });
        setTimeout(() => process.exit(0), 50);
        return;
      default:
        if (req.header.msg_type.endsWith("_request")) this.reply(req, { status: "error", ename: "NotImplemented", evalue: `replab does not handle ${req.header.msg_type}`, traceback: [] });
    }
  }

  /**
   * The stdin of a cell whose front end accepts input: each read sends input_request (through the
   * worker, to the client that sent `req`) and waits for the worker to post the input_reply's value.
   */
  private stdinFor(req: WireMessage): CellStdin {
    const ask = (prompt: string, password: boolean) => {
      Atomics.store(this.inputSignal, 0, 0);
      this.flush();
      this.post({ kind: "input", prompt, password, parent: req.header as Required<WireMessage["header"]>, ids: req.ids });
    };
    const answer = (): string => {
      const a = receiveMessageOnPort(this.inputPort)?.message as InputAnswer | undefined;
      Atomics.store(this.inputSignal, 0, 0);
      if (!a) throw new Error("input: no answer arrived");
      if ("value" in a) return a.value;
      if ("interrupted" in a) { const e = new Error("the cell was interrupted while waiting for input"); e.name = "Interrupted"; throw e; }
      throw new Error(`input: ${a.error}`);
    };
    return {
      readSync: (prompt, password) => {
        ask(prompt, password);
        Atomics.wait(this.inputSignal, 0, 0);
        return answer();
      },
      read: async (prompt, password) => {
        ask(prompt, password);
        const w = Atomics.waitAsync(this.inputSignal, 0, 0);
        if (w.async) await w.value;
        return answer();
      },
    };
  }

  private async execute(req: Request): Promise<void> {
    const c = req.content;
    const code = String(c.code ?? "");
    const silent = c.silent === true;
    const storeHistory = c.store_history !== false && !silent;
    if (storeHistory) this.count++;
    const count = this.count;
    if (!silent) this.publish(req, "execute_input", { code, execution_count: count });
    const out = (msgType: string, content: Record<string, unknown>, metadata?: Record<string, unknown>, buffers?: Uint8Array[]) => {
      if (!silent) this.sendNow(this.iopub(req, msgType, content, metadata, buffers));
    };
    const sink: OutputSink = {
      stream: (name, text) => out("stream", { name, text }),
      display: (data, metadata, displayId, update) => out(update ? "update_display_data" : "display_data", { data, metadata, transient: displayId ? { display_id: displayId } : {} }),
      clear: (wait) => out("clear_output", { wait }),
      broadcast: (msgType, content, metadata, buffers) => out(msgType, content, metadata, buffers),
    };
    const stdin = c.allow_stdin === true ? this.stdinFor(req) : STDIN_NOT_ALLOWED;
    const outcome = await this.executor.execute(code, { sink, stdin, breakOnSigint: true, label: `cell [${count}]`, ...(req.prechecked ? { precheck: req.header.msg_id } : {}) });
    if (outcome.status === "ok") {
      if (outcome.result && !silent) this.publish(req, "execute_result", { execution_count: count, data: outcome.result, metadata: {} });
      const user_expressions: Record<string, unknown> = {};
      this.reply(req, { status: "ok", execution_count: count, payload: [], user_expressions });
      return;
    }
    const { ename, evalue, traceback } = outcome;
    if (!silent) this.publish(req, "error", { ename, evalue, traceback });
    this.reply(req, { status: "error", execution_count: count, ename, evalue, traceback });
    // As ipykernel does with stop_on_error (the default): the cells already queued behind a failed
    // one (Run All) are aborted rather than run against a half-built state.
    if (c.stop_on_error !== false) {
      const rest: Request[] = [];
      for (const q of this.queue) {
        if (q.header.msg_type !== "execute_request") { rest.push(q); continue; }
        if (q.prechecked) this.executor.discardPrecheck(q.header.msg_id);
        this.publish(q, "status", { execution_state: "busy" });
        // The protocol's abort reply is just its status (an execution_count of null is one typed clients reject).
        this.reply(q, { status: "aborted" });
        this.publish(q, "status", { execution_state: "idle" });
      }
      this.queue = rest;
    }
  }
}
