import { createHmac, randomUUID } from "node:crypto";

/** The Jupyter wire protocol's delimiter between routing identities and the signed message. */
export const DELIMITER = Buffer.from("<IDS|MSG>");

/**
 * The Jupyter messaging protocol version replab speaks: 5.5, whose IOPub is an XPUB socket that
 * greets each new subscriber with `iopub_welcome` (JEP 65).
 */
export const PROTOCOL_VERSION = "5.5";

/** A Jupyter message header. */
export interface MessageHeader {
  msg_id: string;
  msg_type: string;
  session: string;
  username: string;
  date: string;
  version: string;
}

/** A decoded Jupyter message with the routing identities it came with. */
export interface WireMessage {
  ids: Buffer[];
  header: MessageHeader;
  parent_header: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
  buffers: Buffer[];
}

/** The signature of the four JSON frames (HMAC-SHA256 with the connection key, or "" without one). */
export function sign(key: string, scheme: string, frames: Array<Buffer | string>): string {
  if (!key) return "";
  const algo = scheme.replace(/^hmac-/, "");
  const h = createHmac(algo, key);
  for (const f of frames) h.update(f);
  return h.digest("hex");
}

/** Decodes and verifies a multipart message; throws on a bad signature or a missing delimiter. */
export function decode(frames: Buffer[], key: string, scheme: string): WireMessage {
  const d = frames.findIndex((f) => f.equals(DELIMITER));
  if (d < 0) throw new Error("message without <IDS|MSG> delimiter");
  const signature = frames[d + 1]!.toString();
  const parts = frames.slice(d + 2, d + 6);
  if (parts.length < 4) throw new Error("message with fewer than four parts");
  const expected = sign(key, scheme, parts);
  if (key && signature !== expected) throw new Error("message with an invalid signature");
  return {
    ids: frames.slice(0, d),
    header: JSON.parse(parts[0]!.toString()) as MessageHeader,
    parent_header: JSON.parse(parts[1]!.toString()) as Partial<MessageHeader>,
    metadata: JSON.parse(parts[2]!.toString()) as Record<string, unknown>,
    content: JSON.parse(parts[3]!.toString()) as Record<string, unknown>,
    buffers: frames.slice(d + 6),
  };
}

/** What the kernel wants sent: a message type and content, in reply to (or caused by) `parent`. */
export interface OutgoingMessage {
  socket: "shell" | "control" | "iopub" | "stdin";
  ids: Buffer[] | Uint8Array[];
  msgType: string;
  parent: Partial<MessageHeader>;
  content: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  /** Binary buffers after the four JSON parts (not signed, as the protocol says). */
  buffers?: Uint8Array[];
  /** The message's id (a fresh one when absent). */
  msgId?: string;
}

/** Encodes a message as signed multipart frames, with a fresh header from this kernel's session. */
export function encode(m: OutgoingMessage, session: string, key: string, scheme: string): Buffer[] {
  const header: MessageHeader = {
    msg_id: m.msgId ?? randomUUID(),
    msg_type: m.msgType,
    session,
    username: "replab",
    date: new Date().toISOString(),
    version: PROTOCOL_VERSION,
  };
  const parts = [JSON.stringify(header), JSON.stringify(m.parent ?? {}), JSON.stringify(m.metadata ?? {}), JSON.stringify(m.content)].map((s) => Buffer.from(s));
  return [...m.ids.map((b) => Buffer.from(b)), DELIMITER, Buffer.from(sign(key, scheme, parts)), ...parts, ...(m.buffers ?? []).map((b) => Buffer.from(b))];
}
