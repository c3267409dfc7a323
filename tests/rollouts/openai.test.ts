import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { OpenAIPolicy, startPolicyServer, TabularPolicy, type Policy, type PolicyServer, type SampleOptions, type Completion } from "../../lib/rollouts/index.js";

// End to end: the client talks HTTP to real servers on 127.0.0.1 — `startPolicyServer` serving a
// TabularPolicy, and small node:http servers that misbehave on purpose (429/503, non-JSON, missing
// fields) to exercise retries and errors. No mocks.

const policy = new TabularPolicy([
  { id: "What is 2+2?", answers: ["4", "5", "22"], rewards: [1, 0, 0], logits: [2, 0, -1] },
  { id: "Capital of France?", answers: ["Paris", "Lyon"], rewards: [1, 0], logits: [1, 0] },
], { name: "toy" });

/** Counts concurrent sample calls and delays each, to observe the client's concurrency limit. */
class SlowPolicy implements Policy {
  readonly name = "slow";
  inFlight = 0;
  maxInFlight = 0;
  async sample(prompts: readonly string[], options: SampleOptions): Promise<Completion[][]> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((r) => setTimeout(r, 30));
    this.inFlight--;
    return policy.sample(prompts, options);
  }
}

function rawServer(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  })));
}

let server: PolicyServer;
beforeAll(async () => { server = await startPolicyServer(policy, { port: 0 }); });
afterAll(async () => { await server.close(); });

describe("replab serve ↔ OpenAIPolicy", () => {
  it("lists the model", async () => {
    const client = new OpenAIPolicy({ baseURL: server.url, model: "toy" });
    expect(await client.models()).toEqual(["toy"]);
  });
  it("samples through /v1/completions with logprobs equal to the policy's own", async () => {
    const client = new OpenAIPolicy({ baseURL: server.url, model: "toy" });
    const out = await client.sample(["What is 2+2?", "Capital of France?"], { n: 5, seed: 3, temperature: 1 });
    expect(out.map((g) => g.length)).toEqual([5, 5]);
    const direct = await policy.sample(["What is 2+2?"], { n: 5, seed: 3, temperature: 1 });
    expect(out[0]!.map((c) => c.text)).toEqual(direct[0]!.map((c) => c.text));
    const p = policy.probs(0);
    for (const c of out[0]!) expect(c.tokenLogprobs[0]).toBeCloseTo(Math.log(p[["4", "5", "22"].indexOf(c.text)]!), 12);
    expect(out[1]!.every((c) => ["Paris", "Lyon"].includes(c.text))).toBe(true);
  });
  it("samples through /v1/chat/completions, temperature 0 is greedy", async () => {
    const client = new OpenAIPolicy({ baseURL: server.url, model: "toy", endpoint: "chat", system: "Answer briefly." });
    const [group] = await client.sample(["What is 2+2?"], { n: 3, temperature: 0 });
    expect(group!.map((c) => c.text)).toEqual(["4", "4", "4"]);
    expect(group![0]!.logprob).toBeCloseTo(0, 12);
    const judged = await client.chat([{ role: "user", content: "Capital of France?" }], { n: 2, temperature: 0 });
    expect(judged.map((c) => c.text)).toEqual(["Paris", "Paris"]);
  });
  it("without logprobs, each completion is one text token whose logprob is NaN (stated, not hidden)", async () => {
    const client = new OpenAIPolicy({ baseURL: server.url, model: "toy", logprobs: false });
    const [g] = await client.sample(["Capital of France?"], { n: 2, seed: 1 });
    expect(g![0]!.tokens).toEqual([g![0]!.text]);
    expect(Number.isNaN(g![0]!.logprob)).toBe(true);
  });
  it("splits large n over several requests", async () => {
    const client = new OpenAIPolicy({ baseURL: server.url, model: "toy", maxNPerRequest: 4 });
    const [group] = await client.sample(["What is 2+2?"], { n: 10, seed: 1 });
    expect(group).toHaveLength(10);
    expect(client.stats.requests).toBe(3);
  });
  it("the server answers bad requests with OpenAI-style 400/404 errors, which the client reports", async () => {
    const res = await fetch(server.url + "/completions", { method: "POST", body: JSON.stringify({ model: "toy", prompt: "What is 2+2?", n: 0 }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { param: string } }).error.param).toBe("n");
    const wrongModel = new OpenAIPolicy({ baseURL: server.url, model: "gpt-9", maxRetries: 0 });
    await expect(wrongModel.sample(["What is 2+2?"], { n: 1 })).rejects.toThrow(/HTTP 404: the model `gpt-9` does not exist/);
    const client = new OpenAIPolicy({ baseURL: server.url, model: "toy" });
    await expect(client.sample(["unknown prompt"], { n: 1 })).rejects.toThrow(/HTTP 400: TabularPolicy: prompt="unknown prompt" is not one of/);
  });
  it("keeps at most maxConcurrency requests in flight", async () => {
    const slow = new SlowPolicy();
    const s = await startPolicyServer(slow, { model: "slow" });
    try {
      const client = new OpenAIPolicy({ baseURL: s.url, model: "slow", maxConcurrency: 3 });
      const prompts = Array.from({ length: 12 }, (_, i) => (i % 2 ? "What is 2+2?" : "Capital of France?"));
      const out = await client.sample(prompts, { n: 2, seed: 5 });
      expect(out).toHaveLength(12);
      expect(slow.maxInFlight).toBe(3);
      expect(client.stats.maxInFlight).toBe(3);
    } finally { await s.close(); }
  });
});

describe("OpenAIPolicy retries and errors", () => {
  it("retries 429 and 503 with back-off, then succeeds", async () => {
    let calls = 0;
    const flaky = await rawServer(async (req, res) => {
      calls++;
      if (calls === 1) { res.writeHead(429, { "retry-after": "0" }); res.end(JSON.stringify({ error: { message: "slow down" } })); return; }
      if (calls === 2) { res.writeHead(503); res.end("overloaded"); return; }
      // forward to the real policy server
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const r = await fetch(server.url + "/completions", { method: "POST", body: Buffer.concat(chunks) });
      res.writeHead(r.status, { "content-type": "application/json" });
      res.end(await r.text());
    });
    try {
      const client = new OpenAIPolicy({ baseURL: flaky.url, model: "toy", retryBaseMs: 5 });
      const [g] = await client.sample(["What is 2+2?"], { n: 2, seed: 1 });
      expect(g).toHaveLength(2);
      expect(client.stats.retries).toBe(2);
      expect(calls).toBe(3);
    } finally { await flaky.close(); }
  });
  it("gives up after maxRetries on persistent 500s and on a refused connection", async () => {
    const broken = await rawServer((_req, res) => { res.writeHead(500, { "content-type": "application/json" }); res.end(JSON.stringify({ error: { message: "boom" } })); });
    try {
      const client = new OpenAIPolicy({ baseURL: broken.url, model: "toy", retryBaseMs: 1, maxRetries: 2 });
      await expect(client.sample(["x"], { n: 1 })).rejects.toThrow(/HTTP 500 after 3 attempts: boom/);
    } finally { await broken.close(); }
    const closed = await rawServer(() => {});
    const url = closed.url;
    await closed.close();
    const client = new OpenAIPolicy({ baseURL: url, model: "toy", retryBaseMs: 1, maxRetries: 1 });
    await expect(client.sample(["x"], { n: 1 })).rejects.toThrow(/failed after 2 attempt\(s\).*check that the server is running/);
  });
  it("reports malformed responses clearly", async () => {
    let mode = "html";
    const odd = await rawServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      if (mode === "html") res.end("<html>login</html>");
      else if (mode === "nochoices") res.end(JSON.stringify({ id: "x", object: "text_completion" }));
      else res.end(JSON.stringify({ choices: [{ index: 0, text: "a", finish_reason: "stop" }] }));
    });
    try {
      const client = new OpenAIPolicy({ baseURL: odd.url, model: "m" });
      await expect(client.sample(["x"], { n: 1 })).rejects.toThrow(/is not JSON: "<html>login<\/html>"/);
      mode = "nochoices";
      await expect(client.sample(["x"], { n: 1 })).rejects.toThrow(/has no "choices" array \(keys: id, object\)/);
      mode = "short";
      await expect(client.sample(["x"], { n: 3 })).rejects.toThrow(/returned 1 choices for n=3/);
    } finally { await odd.close(); }
    expect(() => new OpenAIPolicy({ baseURL: "localhost:8000", model: "m" })).toThrow(/baseURL="localhost:8000" is not an http\(s\) URL/);
  });
});
