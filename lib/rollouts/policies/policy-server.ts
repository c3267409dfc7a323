import http from "node:http";
import type { AddressInfo } from "node:net";
import { ReplabError, require_, requireInteger } from "../../core/index.js";
import type { Policy, SampleOptions } from "./policy.js";
import type { ChatMessage } from "./openai-client.js";

/** Options for {@link startPolicyServer}. */
export interface PolicyServerOptions {
  /** Port (default 0: any free port). */
  port?: number;
  /** Interface to listen on (default "127.0.0.1"). */
  host?: string;
  /** Model id the server reports and accepts (default: the policy's name). */
  model?: string;
  /** Turns chat messages into the prompt text the policy sees (default: the last user message's content). */
  chatTemplate?: (messages: readonly ChatMessage[]) => string;
  /** Most completions per request (default 1024). */
  maxN?: number;
}

/** A running policy server. */
export interface PolicyServer {
  /** The API root, e.g. "http://127.0.0.1:38211/v1". */
  readonly url: string;
  readonly port: number;
  readonly model: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly param: string | null = null) { super(message); }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sampleOptionsFrom(body: Record<string, unknown>, maxN: number): SampleOptions {
  const num = (k: string): number | undefined => {
    const v = body[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "number" || !Number.isFinite(v)) throw new HttpError(400, `${k} must be a number, got ${JSON.stringify(v)}`, k);
    return v;
  };
  const n = num("n") ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > maxN) throw new HttpError(400, `n must be an integer in [1, ${maxN}], got ${n}`, "n");
  return { n, temperature: num("temperature"), topP: num("top_p"), topK: num("top_k"), minP: num("min_p"), maxTokens: num("max_tokens"), seed: num("seed") };
}

/**
 * Serves any replab {@link Policy} through the OpenAI API on node:http: GET /v1/models,
 * POST /v1/completions (prompt as a string or a list; `logprobs` → tokens and token_logprobs) and
 * POST /v1/chat/completions (`logprobs: true` → logprobs.content). Bad requests get HTTP 400 with
 * an OpenAI-style `{"error": {"message", "type", "param"}}`. Resolves once listening.
 * @example const server = await startPolicyServer(policy, { port: 0 }); new OpenAIPolicy({ baseURL: server.url, model: server.model })
 */
export async function startPolicyServer(policy: Policy, options: PolicyServerOptions = {}): Promise<PolicyServer> {
  require_(policy && typeof policy.sample === "function", "startPolicyServer", "policy", policy, "is not a Policy", "pass an object with sample(prompts, options), e.g. a TabularPolicy");
  const port = options.port ?? 0;
  requireInteger("startPolicyServer", "port", port, 0);
  const host = options.host ?? "127.0.0.1";
  const model = options.model ?? policy.name;
  const maxN = options.maxN ?? 1024;
  const chatTemplate = options.chatTemplate ?? ((messages) => {
    const user = [...messages].reverse().find((m) => m.role === "user");
    if (!user) throw new HttpError(400, "messages holds no user message", "messages");
    return user.content;
  });
  let counter = 0;
  const created = Math.floor(Date.now() / 1000);

  async function handle(req: http.IncomingMessage): Promise<[number, unknown]> {
    const path = (req.url ?? "").split("?")[0]!.replace(/\/+$/, "");
    if (req.method === "GET" && path === "/v1/models") return [200, { object: "list", data: [{ id: model, object: "model", created, owned_by: "replab" }] }];
    if (req.method !== "POST" || (path !== "/v1/completions" && path !== "/v1/chat/completions")) throw new HttpError(404, `no route ${req.method} ${path}; replab serve answers GET /v1/models, POST /v1/completions and POST /v1/chat/completions`);
    let body: Record<string, unknown>;
    try { body = JSON.parse(await readBody(req)) as Record<string, unknown>; } catch { throw new HttpError(400, "the request body is not JSON"); }
    if (typeof body !== "object" || body === null) throw new HttpError(400, "the request body is not a JSON object");
    if (body.model !== undefined && body.model !== model) throw new HttpError(404, `the model \`${String(body.model)}\` does not exist; this server serves \`${model}\``, "model");
    const opts = sampleOptionsFrom(body, maxN);
    const id = `replab-${++counter}`;
    if (path === "/v1/completions") {
      const prompts = typeof body.prompt === "string" ? [body.prompt] : Array.isArray(body.prompt) && body.prompt.every((p) => typeof p === "string") ? (body.prompt as string[]) : null;
      if (!prompts || prompts.length === 0) throw new HttpError(400, "prompt must be a string or a non-empty list of strings", "prompt");
      const wantLogprobs = body.logprobs !== undefined && body.logprobs !== null && body.logprobs !== false;
      const groups = await policy.sample(prompts, opts);
      const choices = groups.flatMap((g, pi) => g.map((c, j) => {
        let offset = 0;
        const textOffset = c.tokens.map((t) => { const o = offset; offset += t.length; return o; });
        return { index: pi * opts.n + j, text: c.text, finish_reason: c.finishReason, logprobs: wantLogprobs ? { tokens: c.tokens, token_logprobs: c.tokenLogprobs, top_logprobs: null, text_offset: textOffset } : null };
      }));
      const completionTokens = groups.flat().reduce((s, c) => s + c.tokens.length, 0);
      return [200, { id, object: "text_completion", created: Math.floor(Date.now() / 1000), model, choices, usage: { prompt_tokens: 0, completion_tokens: completionTokens, total_tokens: completionTokens } }];
    }
    const messages = body.messages;
    if (!Array.isArray(messages) || messages.length === 0 || !messages.every((m) => m && typeof m.role === "string" && typeof m.content === "string")) {
      throw new HttpError(400, "messages must be a non-empty list of {role, content} with string content", "messages");
    }
    const prompt = chatTemplate(messages as ChatMessage[]);
    const [group] = await policy.sample([prompt], opts);
    const choices = group!.map((c, j) => ({
      index: j, message: { role: "assistant", content: c.text }, finish_reason: c.finishReason,
      logprobs: body.logprobs === true ? { content: c.tokens.map((t, i) => ({ token: t, logprob: c.tokenLogprobs[i], bytes: Array.from(Buffer.from(t, "utf8")), top_logprobs: [] })) } : null,
    }));
    const completionTokens = group!.reduce((s, c) => s + c.tokens.length, 0);
    return [200, { id, object: "chat.completion", created: Math.floor(Date.now() / 1000), model, choices, usage: { prompt_tokens: 0, completion_tokens: completionTokens, total_tokens: completionTokens } }];
  }

  const server = http.createServer((req, res) => {
    handle(req).then(([status, json]) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(json));
    }, (e: unknown) => {
      const status = e instanceof HttpError ? e.status : e instanceof ReplabError ? 400 : 500;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: (e as Error).message, type: status === 400 ? "invalid_request_error" : status === 404 ? "not_found_error" : "server_error", param: e instanceof HttpError ? e.param : null, code: null } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actual}/v1`,
    port: actual,
    model,
    close: () => new Promise<void>((resolve, reject) => { server.closeAllConnections?.(); server.close((e) => (e ? reject(e) : resolve())); }),
  };
}
