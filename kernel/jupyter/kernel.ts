import { Worker } from "node:worker_threads";
import type { Executor, OutputSink } from "../execute/executor.js";
import { kernelInfo } from "./kernel-info.js";
import type { OutgoingMessage, WireMessage } from "./wire.js";

/**
 * The Jupyter kernel: cells run here, in the main thread (fast, in this process's context);
 * ZeroMQ lives in a worker thread (kernel/jupyter/zmq-worker.ts) that keeps the heartbeat and control
 * channel answering while a cell spins, and turns interrupt_request into SIGINT.
 */
export class ReplabKernel {
  private worker: Worker;
  private executor!: Executor;
  private count = 0;
  private queue: WireMessage[] = [];
  private busy = true;

  /** Starts the ZeroMQ worker at once (so kernel_info is answered early), then loads the executor. */
  static async start(connection: Record<string, unknown>): Promise<ReplabKernel> {
    const kernel = new ReplabKernel(connection);
    const { Executor } = await import("../execute/executor.js");
    kernel.executor = new Executor({ cwd: process.cwd() });
    kernel.worker.postMessage({ kind: "flag", buffer: kernel.executor.stopFlag.buffer });
    kernel.busy = false;
    void kernel.drain();
    return kernel;
  }

  private constructor(connection: Record<string, unknown>) {
    this.worker = new Worker(new URL("./zmq-worker.js", import.meta.url), { workerData: connection });
    this.worker.on("message", (m: { kind: string; socket?: "shell" | "control"; msg?: WireMessage }) => {
      if (m.kind === "request" && m.msg) {
        m.msg.ids = m.msg.ids.map((b) => Buffer.from(b));
        (m.msg as WireMessage & { socket?: string }).socket = m.socket;
        this.queue.push(m.msg);
        void this.drain();
      }
    });
    this.worker.on("error", (e) => {
      process.stderr.write(`replab kernel: ZeroMQ worker failed: ${e.stack ?? e.message}\n`);
      process.exit(1);
    });
    // A real SIGINT (interrupt_mode "signal") or the worker's: stops an awaiting cell; a spinning
    // synchronous cell is stopped by breakOnSigint instead. Without this handler SIGINT would end the kernel.
    process.on("SIGINT", () => this.executor?.interrupt());
  }

  private send(message: OutgoingMessage): void {
    this.worker.postMessage({ kind: "send", message });
  }

  private publish(parent: WireMessage, msgType: string, content: Record<string, unknown>): void {
    this.send({ socket: "iopub", ids: [], msgType, parent: parent.header, content });
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

  private async execute(req: WireMessage): Promise<void> {
    const c = req.content;
    const code = String(c.code ?? "");
    const silent = c.silent === true;
    const storeHistory = c.store_history !== false && !silent;
    if (storeHistory) this.count++;
    const count = this.count;
    if (!silent) this.publish(req, "execute_input", { code, execution_count: count });
    const sink: OutputSink = {
      stream: (name, text) => { if (!silent) this.publish(req, "stream", { name, text }); },
      display: (data, metadata, displayId, update) => {
        if (silent) return;
        this.publish(req, update ? "update_display_data" : "display_data", { data, metadata, transient: displayId ? { display_id: displayId } : {} });
      },
      clear: (wait) => { if (!silent) this.publish(req, "clear_output", { wait }); },
    };
    const outcome = await this.executor.execute(code, { sink, breakOnSigint: true, label: `cell [${count}]` });
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
      const rest: WireMessage[] = [];
      for (const q of this.queue) {
        if (q.header.msg_type !== "execute_request") { rest.push(q); continue; }
        this.publish(q, "status", { execution_state: "busy" });
        this.reply(q, { status: "aborted", execution_count: null });
        this.publish(q, "status", { execution_state: "idle" });
      }
      this.queue = rest;
    }
  }
}
