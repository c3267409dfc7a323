import type { MessagePort } from "node:worker_threads";
import type { MessageHeader, OutgoingMessage } from "./wire.js";

/** What the main thread tells the ZeroMQ worker (kernel/jupyter/zmq-worker.ts). */
export type ToWorker =
  /** Send one message. */
  | { kind: "send"; message: OutgoingMessage }
  /** Send these messages, in order (one hop for a request's status, input, result and reply). */
  | { kind: "sendAll"; messages: OutgoingMessage[] }
  /** The executor's stop flag, which interrupt_request sets. */
  | { kind: "flag"; buffer: SharedArrayBuffer }
  /** Where input answers go: posted to `port`, then `signal[0]` set to 1 and notified. */
  | { kind: "stdin"; port: MessagePort; signal: SharedArrayBuffer }
  /** Where to send each execute_request's code the moment it arrives (the type checker's precheck port; null: no checker). */
  | { kind: "precheck"; port: MessagePort | null }
  /** Ask the client that sent `parent` (routing identities `ids`) for input on the stdin channel. */
  | { kind: "input"; prompt: string; password: boolean; parent: MessageHeader; ids: Uint8Array[] };

/** The answer to an input request: the text typed, or why there is none. */
export type InputAnswer = { value: string } | { interrupted: true } | { error: string };
