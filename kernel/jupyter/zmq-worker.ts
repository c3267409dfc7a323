import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { randomUUID } from "node:crypto";
import * as zmq from "zeromq";
import { decode, encode, type OutgoingMessage, type WireMessage } from "./wire.js";
import { kernelInfo } from "./kernel-info.js";
import type { InputAnswer, ToWorker } from "./worker-messages.js";

/**
 * The kernel's ZeroMQ side, in a worker thread so that the heartbeat and the control channel
 * answer while a cell keeps the main thread busy. Shell requests (and control requests other than
 * kernel_info, interrupt and shutdown) go to the main thread; what it wants sent comes back as messages.
 * interrupt_request sets the stop flag, tells the main thread, and raises SIGINT in this process
 * when a cell is running synchronously (breakOnSigint stops it).
 * IOPub is an XPUB socket: each new subscription is greeted with `iopub_welcome` (JEP 65), so a
 * client knows when it will see the kernel's output. The stdin channel carries the input requests
 * of a cell that calls prompt() or input(); the answer goes back to the waiting main thread.
 */
interface Connection {
  transport: string;
  ip: string;
  key: string;
  signature_scheme: string;
  shell_port: number;
  control_port: number;
  stdin_port: number;
  iopub_port: number;
  hb_port: number;
}

const conn = workerData as Connection;
const session = randomUUID();
const key = conn.key ?? "";
const scheme = conn.signature_scheme || "hmac-sha256";
const addr = (port: number) => `${conn.transport}://${conn.ip}${conn.transport === "ipc" ? "-" : ":"}${port}`;

const shell = new zmq.Router();
const control = new zmq.Router();
const stdin = new zmq.Router();
const iopub = new zmq.XPublisher();
// every subscription (also a second client's to the same topic) is seen, so each gets its welcome
iopub.verbosity = "allSubs";
const hb = new zmq.Reply();

const sockets = { shell, control, stdin, iopub } as const;
// zeromq's send is not re-entrant per socket: queue sends per socket.
const queues = new Map<string, Promise<void>>();
function send(m: OutgoingMessage): Promise<void> {
  const sock = sockets[m.socket];
  const frames = encode(m, session, key, scheme);
  const prev = queues.get(m.socket) ?? Promise.resolve();
  const next = prev.then(() => sock.send(frames)).catch((e: unknown) => { process.stderr.write(`replab kernel: send failed: ${String(e)}\n`); });
  queues.set(m.socket, next);
  return next;
}

function reply(socket: "shell" | "control", req: WireMessage, content: Record<string, unknown>): Promise<void> {
  return send({ socket, ids: req.ids, msgType: req.header.msg_type.replace(/_request$/, "_reply"), parent: req.header, content });
}

function status(state: string, parent: WireMessage["header"] | Record<string, never>): Promise<void> {
  return send({ socket: "iopub", ids: [], msgType: "status", parent, content: { execution_state: state } });
}

async function serve(sock: zmq.Router, name: "shell" | "control"): Promise<void> {
  for await (const frames of sock) {
    let msg: WireMessage;
    try {
      msg = decode(frames as Buffer[], key, scheme);
    } catch (e) {
      process.stderr.write(`replab kernel: dropped a ${name} message: ${(e as Error).message}\n`);
      continue;
    }
    const type = msg.header.msg_type;
    // kernel_info is static: answered here, at once, even while the main thread runs a cell or
    // is still loading the type checker (Jupyter polls it to know the kernel is up).
    if (type === "kernel_info_request") {
      await status("busy", msg.header);
      await reply(name, msg, kernelInfo());
      await status("idle", msg.header);
      continue;
    }
    if (name === "control" && type === "interrupt_request") {
      await status("busy", msg.header);
      if (stopFlag) Atomics.store(stopFlag, 0, 1);
      answerInput({ interrupted: true });
      parentPort!.postMessage({ kind: "interrupt" });
      // SIGINT only stops code that runs synchronously in a cell's vm script (stopFlag[1] = 1);
      // a cell that awaits is stopped by the message above and the flag its loops check.
      if (stopFlag && Atomics.load(stopFlag, 1) === 1) process.kill(process.pid, "SIGINT");
      await reply("control", msg, { status: "ok" });
      await status("idle", msg.header);
      continue;
    }
    if (name === "control" && type === "shutdown_request") {
      const restart = msg.content.restart === true;
      await status("busy", msg.header);
      await reply("control", msg, { status: "ok", restart });
      await status("idle", msg.header);
      // Let the reply leave, then end the whole process (a worker's process.exit ends only the thread).
      setTimeout(() => process.kill(process.pid, "SIGTERM"), 50);
      continue;
    }
    forward(name, msg);
  }
}

/**
 * The type checker's port for early checks: undefined until the main thread has its executor
 * (execute requests wait in `held` until then, so that every cell is checked in the order it
 * runs), null when there is no checker.
 */
let precheck: MessagePort | null | undefined;
const held: Array<{ name: "shell" | "control"; msg: WireMessage }> = [];

function forward(name: "shell" | "control", msg: WireMessage): void {
  if (msg.header.msg_type === "execute_request" && precheck === undefined) { held.push({ name, msg }); return; }
  // The cell's type check starts now, in the checker's thread, while the main thread takes the request.
  const code = msg.content.code;
  const prechecked = !!precheck && msg.header.msg_type === "execute_request" && typeof code === "string" && code.trim() !== "";
  if (prechecked) precheck!.postMessage({ key: msg.header.msg_id, src: code });
  parentPort!.postMessage({ kind: "request", socket: name, msg, prechecked });
}

/** JEP 65: a subscription message is byte 1 then the topic; the answer is `iopub_welcome` with that topic. */
async function welcome(): Promise<void> {
  for await (const [event] of iopub) {
    if (event && event[0] === 1) await send({ socket: "iopub", ids: [], msgType: "iopub_welcome", parent: {}, content: { subscription: event.subarray(1).toString() } });
  }
}

// The executor's stop flag: loops in a cell that awaits check it (they run outside breakOnSigint).
let stopFlag: Int32Array | null = null;

// The cell waiting for a front end's input_reply: the answer is posted to `port`, then `signal` is raised.
let input: { port: MessagePort; signal: Int32Array; pending: string | null } | null = null;

function answerInput(answer: InputAnswer): void {
  if (!input || input.pending === null) return;
  input.pending = null;
  input.port.postMessage(answer);
  Atomics.store(input.signal, 0, 1);
  Atomics.notify(input.signal, 0);
}

async function serveStdin(): Promise<void> {
  for await (const frames of stdin) {
    let msg: WireMessage;
    try {
      msg = decode(frames as Buffer[], key, scheme);
    } catch (e) {
      process.stderr.write(`replab kernel: dropped a stdin message: ${(e as Error).message}\n`);
      continue;
    }
    // jupyter_client's input() sends its reply without a parent header: any reply answers the pending request (as in ipykernel)
    if (msg.header.msg_type !== "input_reply" || !input || input.pending === null) continue;
    const c = msg.content as { value?: unknown; status?: string };
    answerInput(c.status === "error" ? { error: "the front end answered the input request with an error" } : { value: String(c.value ?? "") });
  }
}

parentPort!.on("message", (m: ToWorker) => {
  if (m.kind === "send") void send(m.message);
  else if (m.kind === "sendAll") for (const message of m.messages) void send(message);
  else if (m.kind === "flag") stopFlag = new Int32Array(m.buffer);
  else if (m.kind === "precheck") {
    precheck = m.port;
    for (const h of held.splice(0)) forward(h.name, h.msg);
  }
  else if (m.kind === "stdin") input = { port: m.port, signal: new Int32Array(m.signal), pending: null };
  else if (m.kind === "input" && input) {
    // The input_request goes to the client that sent the execute_request (shell and stdin share its identity).
    input.pending = randomUUID();
    void send({ socket: "stdin", ids: m.ids, msgType: "input_request", parent: m.parent, content: { prompt: m.prompt, password: m.password }, msgId: input.pending });
  }
});

await Promise.all([
  shell.bind(addr(conn.shell_port)),
  control.bind(addr(conn.control_port)),
  stdin.bind(addr(conn.stdin_port)),
  iopub.bind(addr(conn.iopub_port)),
  hb.bind(addr(conn.hb_port)),
]);
void (async () => {
  for await (const [ping] of hb) await hb.send(ping!);
})();
void welcome();
void serve(shell, "shell");
void serve(control, "control");
void serveStdin();
await status("starting", {});
parentPort!.postMessage({ kind: "ready" });
