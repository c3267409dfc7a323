import { afterAll, describe, expect, it } from "vitest";
import { wilsonInterval } from "../../lib/stats/index.js";
import {
  llmJudge, lenientJudgeModel, lenientJudgePolicy, lenientJudgeReply, parseJudgeVerdict, judgePrompt, parseJudgePrompt, chatFromClient,
  masterKeyProbe, MASTER_KEYS, JUDGE_TEMPLATES, guardedJudge, augmentedNegatives, evaluateJudge, type ChatFn, type JudgeVerifier,
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

describe("the simulated lenient judge (offline stand-in)", () => {
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

describe("the simulated judge's parameters: leniency and the keys that fool it", () => {
  it("keys: n is fooled by the first n master keys only", async () => {
    for (const n of [0, 3, 10]) {
      const j = llmJudge(lenientJudgeModel({ leniency: 1, keys: n }));
      const t = (await masterKeyProbe(async (q, r, resp) => (await j(q, r, resp)).verdict, ITEMS)).objects() as Array<{ key: string; fpr: number }>;
      MASTER_KEYS.forEach((k, i) => expect(t.find((r) => r.key === k)!.fpr, `${n}: ${JSON.stringify(k)}`).toBe(i < n ? 1 : 0));
    }
  });
  it("keys: a list of strings is exactly what fools it", () => {
    const p = (resp: string) => judgePrompt("Q?", "5", resp);
    expect(lenientJudgeReply(p("Lösung:"), 1, 0, ["Lösung:"])).toBe("A");
    expect(lenientJudgeReply(p("Solution"), 1, 0, ["Lösung:"])).toBe("C");
    expect(lenientJudgeReply(p("The answer is 5."), 1, 0, [])).toBe("A");
  });
  it("bad parameters are named", () => {
    expect(() => lenientJudgeModel({ keys: 11 })).toThrow(/options.keys=11/);
    expect(() => lenientJudgeModel({ leniency: 2 })).toThrow(/options.leniency=2/);
    expect(() => lenientJudgePolicy({ keys: "all" as never })).toThrow(/options.keys/);
  });
  it("reads every template in JUDGE_TEMPLATES", () => {
    for (const [name, t] of Object.entries(JUDGE_TEMPLATES)) {
      expect(parseJudgePrompt(judgePrompt("Q?", "G", "R", t)), name).toEqual({ question: "Q?", gold: "G", response: "R" });
      expect(lenientJudgeReply(judgePrompt("What is 2+3?", "5", "It is 5, so the answer is 5.", t)), name).toBe("A");
    }
  });
});

describe("wilsonInterval and evaluateJudge", () => {
  // scipy 1.10.1: scipy.stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
  const SCIPY: Array<[number, number, number, number]> = [
    [0, 40, 0.0, 0.08762160119728662], [36, 40, 0.769482247724777, 0.9604204713173935], [40, 40, 0.9123783988027133, 1.0],
    [7, 25, 0.14283853850956568, 0.4757660519036158], [1, 3, 0.06149194472039626, 0.7923403991979523],
  ];
  for (const [k, n, low, high] of SCIPY) {
    it(`Wilson ${k}/${n} matches scipy`, () => {
      const ci = wilsonInterval(k, n);
      expect(ci.low).toBeCloseTo(low, 12);
      expect(ci.high).toBeCloseTo(high, 12);
    });
  }
  // scipy 1.10.1: binomtest(k, n).proportion_ci(confidence_level=0.9, method="wilson")
  const SCIPY90: Array<[number, number, number, number]> = [
    [0, 40, 0.0, 0.0633534486454581], [36, 40, 0.7950094153296187, 0.9543078257540151],
    [7, 25, 0.1595383619520701, 0.4434291806905924], [1, 3, 0.07826572633372841, 0.7464661317187758],
  ];
  for (const [k, n, low, high] of SCIPY90) {
    it(`Wilson ${k}/${n} at level 0.9 matches scipy`, () => {
      const ci = wilsonInterval(k, n, { level: 0.9 });
      expect(ci.low).toBeCloseTo(low, 12);
      expect(ci.high).toBeCloseTo(high, 12);
    });
  }
  it("rejects bad counts", () => {
    expect(() => wilsonInterval(3, 10, { level: 95 })).toThrow(/wilsonInterval: level=95/);
    expect(() => wilsonInterval(5, 3)).toThrow(/wilsonInterval: k=5/);
    expect(() => wilsonInterval(0, 0)).toThrow(/wilsonInterval: n=0/);
  });
  it("reports the false-positive rate per template and key, with an 'all keys' row per template", async () => {
    const t = await evaluateJudge((template) => async (q, r, resp) => (await llmJudge(lenientJudgeModel({ leniency: 1, keys: 2 }), { template })(q, r, resp)).verdict, ITEMS);
    const rows = t.objects() as Array<{ template: string; key: string; n: number; fpr: number; fpr_low: number; fpr_high: number }>;
    expect(rows).toHaveLength(Object.keys(JUDGE_TEMPLATES).length * (MASTER_KEYS.length + 1));
    for (const name of Object.keys(JUDGE_TEMPLATES)) {
      const all = rows.find((r) => r.template === name && r.key === "all keys")!;
      expect(all.fpr).toBeCloseTo(2 / MASTER_KEYS.length, 12);
      expect(all.fpr_low).toBeLessThan(all.fpr);
      expect(all.fpr_high).toBeGreaterThan(all.fpr);
    }
  });
});

describe("guardedJudge", () => {
  const calls: string[] = [];
  const fooled: JudgeVerifier = async (_q, gold, response) => {
    calls.push(response);
    const accept = response === "5" || !/\d/.test(response) || response.includes(gold);
    return { verdict: accept ? "correct" : "incorrect", raw: accept ? "A" : "B", reason: "test judge" };
  };
  it("the rule decides first: a right answer is accepted without asking the judge", async () => {
    calls.length = 0;
    expect((await guardedJudge(fooled)("Q", "5", "so the answer is $5$.")).verdict).toBe("correct");
    expect(calls).toEqual([]);
  });
  it("known openers and responses with nothing that could be an answer are rejected without asking", async () => {
    calls.length = 0;
    for (const k of [...MASTER_KEYS, "Lösung:", "Okay, so"]) expect((await guardedJudge(fooled)("Q", "5", k)).verdict, k).toBe("invalid");
    expect(calls).toEqual([]);
  });
  it("a judge that also accepts the answer-free variants of a response is overruled", async () => {
    const r = await guardedJudge(fooled)("Q", "5", "We work it out carefully step by step. Then 5 apples are eaten and 12 remain.");
    expect(r.verdict).toBe("invalid");
    expect(r.reason).toMatch(/also accepts the answer-free/);
  });
  it("an honest judge's acceptance of an answer the rule cannot read stands", async () => {
    const honest: JudgeVerifier = async (_q, gold, response) => ({ verdict: response.includes(`is ${gold}`) ? "correct" : "invalid", raw: "", reason: "honest" });
    const r = await guardedJudge(honest)("Capital of France?", "Paris", "The capital of France is Paris, of course.");
    expect(r.verdict, r.reason).toBe("correct");
  });
  it("augmentedNegatives: the first sentence and the response without its answer", () => {
    expect(augmentedNegatives("First we add. The total is 12.", "12")).toEqual(["First we add.", "First we add. The total is ."]);
    expect(augmentedNegatives("Solution", null)).toEqual([]);
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
      const client = new OpenAIPolicy({ baseURL: url, model: "simulated-lenient-judge", endpoint: "chat" });
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
