import { afterAll, describe, expect, it } from "vitest";
import {
  llmJudge, lenientJudgeModel, lenientJudgePolicy, parseJudgeVerdict, judgePrompt, parseJudgePrompt, chatFromClient,
  masterKeyProbe, MASTER_KEYS, type ChatFn,
} from "../../lib/verifiers/index.js";
import { OpenAIPolicy, startPolicyServer, type PolicyServer } from "../../lib/rollouts/index.js";

const ITEMS = [
  { question: "What is 2 + 3?", reference: "5" },
  { question: "Compute 7 · 6.", reference: "42" },
  { question: "Simplify 1/2 + 1/4.", reference: "\\frac{3}{4}" },
  { question: "How many primes are below 10?", reference: "4" },
];

describe("parseJudgeVerdict (CompassVerifier-style A/B/C)", () => {
  const cases: Array<[string, string, boolean]> = [
    ["A", "correct", true], ["B", "incorrect", true], ["C", "invalid", true],
    ["**A**", "correct", true], ["(B)", "incorrect", true], ["A: CORRECT", "correct", true],
    ["The answer matches.\nA", "correct", true], ["\\boxed{B}", "incorrect", true],
    ["Final judgement: INCORRECT", "incorrect", true], ["It is CORRECT", "correct", true],
    ["I am not sure.", "invalid", false], ["", "invalid", false], ["D", "invalid", false],
    ["A bit hard to say", "invalid", false],
  ];
  for (const [reply, verdict, parsed] of cases) {
    it(`${JSON.stringify(reply)} → ${verdict}${parsed ? "" : " (unparseable)"}`, () => {
      expect(parseJudgeVerdict(reply)).toEqual({ verdict, parsed });
    });
  }
});

describe("llmJudge over a chat function", () => {
  it("fills the template, parses the reply, and marks unparseable replies invalid", async () => {
    const seen: string[] = [];
    const chat: ChatFn = async (m) => { seen.push(m[m.length - 1]!.content); return seen.length === 1 ? "A" : "hmm"; };
    const judge = llmJudge(chat);
    expect((await judge("Q?", "5", "It is 5")).verdict).toBe("correct");
    const bad = await judge("Q?", "5", "It is 6");
    expect(bad.verdict).toBe("invalid");
    expect(bad.reason).toMatch(/unparseable/);
    expect(parseJudgePrompt(seen[0]!)).toEqual({ question: "Q?", gold: "5", response: "It is 5" });
  });
  it("a response that contains a slot name does not inject into the template", () => {
    const p = judgePrompt("Q", "G", "{gold} {question}");
    expect(parseJudgePrompt(p)!.response).toBe("{gold} {question}");
  });
  it("bad arguments are named", () => {
    expect(() => llmJudge(42 as unknown as ChatFn)).toThrow(/llmJudge: chat=42/);
    expect(() => llmJudge(async () => "A", { template: "no slots" })).toThrow(/lacks the \{question\} slot/);
  });
});

describe("the lenient judge model (offline stand-in)", () => {
  const judge = llmJudge(lenientJudgeModel({ leniency: 1 }));
  it("grades real answers like the rule verifier", async () => {
    expect((await judge(ITEMS[2]!.question, ITEMS[2]!.reference, "So the answer is 0.75.")).verdict).toBe("correct");
    expect((await judge(ITEMS[0]!.question, ITEMS[0]!.reference, "The answer is 6.")).verdict).toBe("incorrect");
  });
  it("is fooled by every master key (FPR 1 at leniency 1), as the paper reports of real judges", async () => {
    const t = (await masterKeyProbe(async (q, r, resp) => (await judge(q, r, resp)).verdict, ITEMS)).objects() as Array<{ key: string; fpr: number }>;
    for (const key of MASTER_KEYS) expect(t.find((r) => r.key === key)!.fpr, key).toBe(1);
  });
  it("leniency sets the false-positive rate (seeded, deterministic)", async () => {
    const j = llmJudge(lenientJudgeModel({ leniency: 0.5, seed: 3 }));
    const probe = async () => ((await masterKeyProbe(async (q, r, resp) => (await j(q, r, resp)).verdict, ITEMS)).objects() as Array<{ key: string; fpr: number }>).find((r) => r.key === "all keys")!.fpr;
    const a = await probe();
    expect(a).toBeGreaterThan(0.25);
    expect(a).toBeLessThan(0.75);
    expect(await probe()).toBe(a);
  });
});

describe("a judge through the OpenAI-compatible client against a real local server", () => {
  let server: PolicyServer | null = null;
  afterAll(async () => { await server?.close(); });
  it("serves the lenient judge model with startPolicyServer and judges over HTTP", async () => {
    server = await startPolicyServer(lenientJudgePolicy({ leniency: 1 }), { port: 0 });
    const client = new OpenAIPolicy({ baseURL: server.url, model: server.model, endpoint: "chat" });
    const judge = llmJudge(chatFromClient(client));
    expect((await judge("What is 2 + 3?", "5", "2 + 3 = 5, so the answer is 5.")).verdict).toBe("correct");
    expect((await judge("What is 2 + 3?", "5", "The answer is 6.")).verdict).toBe("incorrect");
    const fooled = await judge("What is 2 + 3?", "5", "Thought process:");
    expect(fooled.verdict).toBe("correct");
    expect(fooled.raw).toBe("A");
    expect(client.stats.requests).toBe(3);
  });
});

describe("a judge against `replab serve --module` (the command line, a separate process)", () => {
  it("serves lenientJudgePolicy and the OpenAI client judges through it", async () => {
    const { spawn } = await import("node:child_process");
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { CLI, ROOT, requireBuilt } = await import("../kernel/helpers.js");
    requireBuilt();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-judge-"));
    const mod = path.join(dir, "judge.mjs");
    const lib = path.join(ROOT, "dist", "lib", "verifiers", "index.js");
    fs.writeFileSync(mod, `import { lenientJudgePolicy } from ${JSON.stringify(lib)};\nexport default () => lenientJudgePolicy({ leniency: 1 });\n`);
    const child = spawn(process.execPath, [CLI, "serve", "--module", mod, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        const timer = setTimeout(() => reject(new Error(`replab serve did not start: ${out}`)), 60_000);
        child.stdout.on("data", (d: Buffer) => { out += d; const m = /listening on (\S+)/.exec(out); if (m) { clearTimeout(timer); resolve(m[1]!); } });
        child.on("exit", (code) => reject(new Error(`replab serve exited ${code}: ${out}`)));
      });
      const client = new OpenAIPolicy({ baseURL: url, model: "lenient-judge", endpoint: "chat" });
      const judge = llmJudge(chatFromClient(client));
      expect((await judge("What is 7 · 6?", "42", "7 · 6 = 42, so the answer is 42.")).verdict).toBe("correct");
      expect((await judge("What is 7 · 6?", "42", "The answer is 48.")).verdict).toBe("incorrect");
      expect((await judge("What is 7 · 6?", "42", "解")).verdict).toBe("correct");
    } finally {
      child.kill("SIGTERM");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
