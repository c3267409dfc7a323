import { ReplabError, require_, requireInteger, rng, getSeed, type Rng } from "../../core/index.js";
import type { Completion, Policy, SampleOptions } from "./policy.js";
import { checkSamplingOptions } from "./sampling.js";

/** A chat message in the OpenAI format. */
export interface ChatMessage {
  role: "system" | "user" | "assistant" | "tool" | string;
  content: string;
}

/** Options for {@link OpenAIPolicy}. */
export interface OpenAIPolicyOptions {
  /** Server root including /v1, e.g. "http://127.0.0.1:8000/v1" (vLLM, SGLang, llama.cpp, Ollama). */
  baseURL: string;
  /** Model name sent with every request. */
  model: string;
  /** Bearer token (default: OPENAI_API_KEY from the environment, if set). */
  apiKey?: string;
  /** "completions" (default): /v1/completions with the prompt as text; "chat": /v1/chat/completions with the prompt as one user message. */
  endpoint?: "completions" | "chat";
  /** System message prepended in chat mode. */
  system?: string;
  /** Most requests in flight at once (default 8). */
  maxConcurrency?: number;
  /** Retries after a 429, a 5xx or a network error (default 4). */
  maxRetries?: number;
  /** First back-off delay in ms; doubles each retry, with seeded jitter (default 200). */
  retryBaseMs?: number;
  /** Longest back-off delay in ms (default 10000). */
  retryMaxMs?: number;
  /** Per-request timeout in ms (default 120000). */
  timeoutMs?: number;
  /** Completions per request when n is large (default 64): larger n is split over several requests. */
  maxNPerRequest?: number;
  /** Extra fields merged into every request body (e.g. vLLM's `repetition_penalty`). */
  extraBody?: Record<string, unknown>;
  /** Ask for per-token logprobs (default true); turn off for servers that reject the field. */
  logprobs?: boolean;
}

/** Counters of what the client did, for logs and tests. */
export interface ClientStats {
  requests: number;
  retries: number;
  maxInFlight: number;
}

const RETRYABLE = (status: number) => status === 429 || status >= 500;

/**
 * A {@link Policy} backed by any OpenAI-compatible server (vLLM, SGLang, llama.cpp server, Ollama,
 * or `replab serve`): completions and chat, `n`, temperature, top_p (top_k and min_p sent as the
 * extra fields vLLM and SGLang accept), per-token logprobs, a concurrency limit, and retries with
 * exponential back-off (base·2^attempt with seeded jitter, honouring Retry-After) on 429, 5xx and
 * network errors. Malformed responses raise a ReplabError naming the URL and what was missing.
 */
export class OpenAIPolicy implements Policy {
  readonly name: string;
  readonly stats: ClientStats = { requests: 0, retries: 0, maxInFlight: 0 };
  private readonly o: Required<Omit<OpenAIPolicyOptions, "apiKey" | "system" | "extraBody">> & Pick<OpenAIPolicyOptions, "apiKey" | "system" | "extraBody">;
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly jitter: Rng;

  constructor(options: OpenAIPolicyOptions) {
    const where = "OpenAIPolicy";
    require_(typeof options?.baseURL === "string" && /^https?:\/\//.test(options.baseURL), where, "baseURL", options?.baseURL, "is not an http(s) URL", `pass the server's root, e.g. "http://127.0.0.1:8000/v1"`);
    require_(typeof options.model === "string" && options.model !== "", where, "model", options.model, "is empty", "pass the model name the server serves (GET /v1/models lists them)");
    const endpoint = options.endpoint ?? "completions";
    require_(endpoint === "completions" || endpoint === "chat", where, "endpoint", endpoint, "is not an endpoint", `use "completions" or "chat"`);
    this.o = {
      baseURL: options.baseURL.replace(/\/+$/, ""), model: options.model, apiKey: options.apiKey ?? process.env.OPENAI_API_KEY,
      endpoint, system: options.system, maxConcurrency: options.maxConcurrency ?? 8, maxRetries: options.maxRetries ?? 4,
      retryBaseMs: options.retryBaseMs ?? 200, retryMaxMs: options.retryMaxMs ?? 10_000, timeoutMs: options.timeoutMs ?? 120_000,
      maxNPerRequest: options.maxNPerRequest ?? 64, extraBody: options.extraBody, logprobs: options.logprobs ?? true,
    };
    requireInteger(where, "maxConcurrency", this.o.maxConcurrency, 1);
    requireInteger(where, "maxRetries", this.o.maxRetries, 0);
    requireInteger(where, "maxNPerRequest", this.o.maxNPerRequest, 1);
    this.name = `${options.model}@${this.o.baseURL}`;
    this.jitter = rng(getSeed()).fork("openai-retry");
  }

  private async acquire(): Promise<void> {
    if (this.inFlight < this.o.maxConcurrency) { this.inFlight++; }
    else { await new Promise<void>((resolve) => this.waiting.push(resolve)); }
    this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.inFlight);
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next(); // hands the slot over; inFlight stays the same
    else this.inFlight--;
  }

  /**
   * POSTs `body` to `path` (e.g. "/completions") with the concurrency limit and retries; returns
   * the parsed JSON. Exposed for judges and other raw uses.
   */
  async post(path: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const url = this.o.baseURL + path;
    await this.acquire();
    try {
      for (let attempt = 0; ; attempt++) {
        let status = 0, text = "", retryAfter: string | null = null, networkError: unknown = null;
        try {
          this.stats.requests++;
          const res = await fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json", ...(this.o.apiKey ? { authorization: `Bearer ${this.o.apiKey}` } : {}) },
            body: JSON.stringify({ ...(this.o.extraBody ?? {}), ...body }),
            signal: AbortSignal.timeout(this.o.timeoutMs),
          });
          status = res.status;
          retryAfter = res.headers.get("retry-after");
          text = await res.text();
        } catch (e) {
          networkError = e;
        }
        const retry = networkError !== null || RETRYABLE(status);
        if (retry && attempt < this.o.maxRetries) {
          this.stats.retries++;
          let delay = Math.min(this.o.retryMaxMs, this.o.retryBaseMs * 2 ** attempt) * (0.5 + 0.5 * this.jitter.next());
          const ra = retryAfter !== null ? Number(retryAfter) : NaN;
          if (Number.isFinite(ra) && ra >= 0) delay = Math.min(this.o.retryMaxMs, ra * 1000);
          await new Promise((r) => setTimeout(r, delay));
          continue;
        }
        if (networkError !== null) {
          throw new ReplabError(`OpenAIPolicy: request to ${url} failed after ${attempt + 1} attempt(s): ${(networkError as Error).message}${(networkError as { cause?: Error }).cause ? ` (${(networkError as { cause?: Error }).cause!.message})` : ""}; check that the server is running and baseURL is right`);
        }
        let json: unknown;
        try { json = JSON.parse(text); } catch {
          throw new ReplabError(`OpenAIPolicy: response from ${url} (HTTP ${status}) is not JSON: ${JSON.stringify(text.slice(0, 200))}; check that baseURL points at an OpenAI-compatible API (it usually ends in /v1)`);
        }
        if (status < 200 || status >= 300) {
          const msg = (json as { error?: { message?: string } })?.error?.message ?? text.slice(0, 200);
          throw new ReplabError(`OpenAIPolicy: ${url} answered HTTP ${status}${attempt > 0 ? ` after ${attempt + 1} attempts` : ""}: ${msg}; fix the request (model name, parameters) or the server`);
        }
        if (typeof json !== "object" || json === null) throw new ReplabError(`OpenAIPolicy: response from ${url} is not a JSON object; expected an OpenAI-style response`);
        return json as Record<string, unknown>;
      }
    } finally {
      this.release();
    }
  }

  /** GET /models: the model ids the server serves. */
  async models(): Promise<string[]> {
    const url = this.o.baseURL + "/models";
    const res = await fetch(url, { headers: this.o.apiKey ? { authorization: `Bearer ${this.o.apiKey}` } : {}, signal: AbortSignal.timeout(this.o.timeoutMs) });
    const json = (await res.json()) as { data?: Array<{ id: string }> };
    if (!Array.isArray(json.data)) throw new ReplabError(`OpenAIPolicy: ${url} returned no "data" list; expected an OpenAI-style model list`);
    return json.data.map((m) => m.id);
  }

  private samplingBody(options: SampleOptions, n: number, seed: number | undefined): Record<string, unknown> {
    const body: Record<string, unknown> = { model: this.o.model, n, max_tokens: options.maxTokens ?? 256 };
    if (options.temperature !== undefined) body.temperature = options.temperature;
    if (options.topP !== undefined) body.top_p = options.topP;
    if (options.topK !== undefined && options.topK > 0) body.top_k = options.topK;
    if (options.minP !== undefined && options.minP > 0) body.min_p = options.minP;
    if (seed !== undefined) body.seed = seed;
    return body;
  }

  /** Sends one chat request and returns its completions (used by `sample` in chat mode and by judges). */
  async chat(messages: readonly ChatMessage[], options: SampleOptions): Promise<Completion[]> {
    requireInteger("OpenAIPolicy.chat", "n", options.n, 1);
    const url = this.o.baseURL + "/chat/completions";
    const json = await this.post("/chat/completions", { ...this.samplingBody(options, options.n, options.seed), messages, ...(this.o.logprobs ? { logprobs: true } : {}) });
    const choices = checkChoices(json, url, options.n);
    return choices.map((c, i) => {
      const content = (c.message as { content?: unknown } | undefined)?.content;
      if (typeof content !== "string") throw new ReplabError(`OpenAIPolicy: ${url} choice ${i} has no message.content string; expected {"message": {"content": "..."}}`);
      const lp = (c.logprobs as { content?: Array<{ token: string; logprob: number }> } | null | undefined)?.content;
      const tokens = Array.isArray(lp) ? lp.map((t) => t.token) : [content];
      const tokenLogprobs = Array.isArray(lp) ? lp.map((t) => t.logprob) : [NaN];
      return toCompletion(content, tokens, tokenLogprobs, c.finish_reason);
    });
  }

  /** Samples n completions per prompt (several requests in parallel, within the concurrency limit). */
  async sample(prompts: readonly string[], options: SampleOptions): Promise<Completion[][]> {
    requireInteger("OpenAIPolicy.sample", "n", options.n, 1);
    checkSamplingOptions("OpenAIPolicy.sample", options);
    const chunks: number[] = [];
    for (let left = options.n; left > 0; left -= this.o.maxNPerRequest) chunks.push(Math.min(left, this.o.maxNPerRequest));
    return Promise.all(prompts.map(async (prompt, pi) => {
      const parts = await Promise.all(chunks.map(async (n, ci) => {
        const seed = options.seed === undefined ? undefined : options.seed + 7919 * pi + 104729 * ci;
        if (this.o.endpoint === "chat") {
          const messages: ChatMessage[] = this.o.system ? [{ role: "system", content: this.o.system }, { role: "user", content: prompt }] : [{ role: "user", content: prompt }];
          return this.chat(messages, { ...options, n, seed });
        }
        const url = this.o.baseURL + "/completions";
        const json = await this.post("/completions", { ...this.samplingBody(options, n, seed), prompt, ...(this.o.logprobs ? { logprobs: 1 } : {}) });
        return checkChoices(json, url, n).map((c, i) => {
          if (typeof c.text !== "string") throw new ReplabError(`OpenAIPolicy: ${url} choice ${i} has no "text" string; expected a completions response`);
          const lp = c.logprobs as { tokens?: string[]; token_logprobs?: Array<number | null> } | null | undefined;
          const tokens = lp?.tokens ?? [c.text];
          const tokenLogprobs = lp?.token_logprobs?.map((v) => (v === null ? NaN : v)) ?? [NaN];
          return toCompletion(c.text, tokens, tokenLogprobs, c.finish_reason);
        });
      }));
      return parts.flat();
    }));
  }
}

function checkChoices(json: Record<string, unknown>, url: string, n: number): Array<Record<string, unknown>> {
  const choices = json.choices;
  if (!Array.isArray(choices)) throw new ReplabError(`OpenAIPolicy: response from ${url} has no "choices" array (keys: ${Object.keys(json).join(", ")}); expected an OpenAI-style response`);
  if (choices.length !== n) throw new ReplabError(`OpenAIPolicy: ${url} returned ${choices.length} choices for n=${n}; the server may not support n > 1 — lower n or use a server that does`);
  return choices.slice().sort((a, b) => ((a as { index?: number }).index ?? 0) - ((b as { index?: number }).index ?? 0)) as Array<Record<string, unknown>>;
}

function toCompletion(text: string, tokens: string[], tokenLogprobs: number[], finish: unknown): Completion {
  return { text, tokens, tokenLogprobs, logprob: tokenLogprobs.reduce((s, v) => s + v, 0), finishReason: finish === "length" ? "length" : "stop" };
}
