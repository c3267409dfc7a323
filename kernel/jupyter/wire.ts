import { createHmac, randomUUID } from "node:crypto";

/** The Jupyter wire protocol's delimiter between routing identities and the signed message. */
export const DELIMITER = Buffer.from("<IDS|MSG>");

/** A Jupyter message header (protocol 5.3). */
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
}

/** Encodes a message as signed multipart frames, with a fresh header from this kernel's session. */
export function encode(m: OutgoingMessage, session: string, key: string, scheme: string): Buffer[] {
  const header: MessageHeader = {
    msg_id: randomUUID(),
    msg_type: m.msgType,
    session,
    username: "replab",
    date: new Date().toISOString(),
    version: "5.3",
  };
  const parts = [JSON.stringify(header), JSON.stringify(m.parent ?? {}), JSON.stringify(m.metadata ?? {}), JSON.stringify(m.content)].map((s) => Buffer.from(s));
  return [...m.ids.map((b) => Buffer.from(b)), DELIMITER, Buffer.from(sign(key, scheme, parts)), ...parts];
}
