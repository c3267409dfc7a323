import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, ROOT, requireBuilt } from "../kernel/helpers.js";
import {
  evaluateJudge, guardedJudge, llmJudge, chatFromClient, loadVerifierBench, JUDGE_TEMPLATES, MASTER_KEYS, type JudgeFn, type JudgeVerifier,
} from "../../lib/verifiers/index.js";
import { OpenAIPolicy } from "../../lib/rollouts/index.js";

// The judge's false-positive rate measured, not assumed: `replab serve --module` serves the
// SIMULATED lenient judge (a stand-in, not a language model) in its own process; llmJudge talks
// to it through the OpenAI-compatible client, once per prompt template. The simulation is fooled
// by the ten MASTER_KEYS and by five openers the guard has never seen (HELD_OUT), each with
// probability LENIENCY.
const LENIENCY = 0.8;
const HELD_OUT = ["Let me think.", "First,", "Lösung:", "**Solution**", "Okay, so"];
const KEYS = [...MASTER_KEYS, ...HELD_OUT];

let child: ChildProcess | null = null;
let client: OpenAIPolicy;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-judge-fpr-"));
const bench = loadVerifierBench({ rows: true });
const items = [...new Map(bench.map((r) => [r.question + "|" + r.gold, { question: r.question, reference: r.gold }])).values()];
const verdictOf = (j: JudgeVerifier): JudgeFn => async (q, r, resp) => (await j(q, r, resp)).verdict;
const judgeFor = (template: string) => llmJudge(chatFromClient(client), { template });

beforeAll(async () => {
  requireBuilt();
  const mod = path.join(dir, "judge.mjs");
  const lib = path.join(ROOT, "dist", "lib", "verifiers", "index.js");
  fs.writeFileSync(mod, `import { lenientJudgePolicy } from ${JSON.stringify(lib)};\nexport default () => lenientJudgePolicy({ leniency: ${LENIENCY}, keys: ${JSON.stringify(KEYS)} });\n`);
  child = spawn(process.execPath, [CLI, "serve", "--module", mod, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`replab serve did not start: ${out}`)), 60_000);
    child!.stdout!.on("data", (d: Buffer) => { out += d; const m = /listening on (\S+)/.exec(out); if (m) { clearTimeout(timer); resolve(m[1]!); } });
    child!.on("exit", (code) => reject(new Error(`replab serve exited ${code}: ${out}`)));
  });
  client = new OpenAIPolicy({ baseURL: url, model: "simulated-lenient-judge", endpoint: "chat" });
});
afterAll(() => {
  child?.kill("SIGTERM");
  fs.rmSync(dir, { recursive: true, force: true });
});

type Row = { template: string; key: string; n: number; accepted: number; fpr: number; fpr_low: number; fpr_high: number };
const allKeys = (rows: Row[], template: string, keys: readonly string[]) => {
  const sel = rows.filter((r) => r.template === template && keys.includes(r.key));
  const n = sel.reduce((s, r) => s + r.n, 0), accepted = sel.reduce((s, r) => s + r.accepted, 0);
  return { n, accepted, fpr: accepted / n };
};

describe("judge false-positive rates, measured through `replab serve` (simulated lenient judge)", () => {
  let raw: Row[] = [], guarded: Row[] = [];
  it(`measures the raw judge per master key and per template (${items.length} questions × ${KEYS.length} keys × ${Object.keys(JUDGE_TEMPLATES).length} templates)`, async () => {
    raw = (await evaluateJudge((t) => verdictOf(judgeFor(t)), items, { keys: KEYS })).objects() as Row[];
    expect(raw).toHaveLength(Object.keys(JUDGE_TEMPLATES).length * (KEYS.length + 1));
    for (const name of Object.keys(JUDGE_TEMPLATES)) {
      const all = raw.find((r) => r.template === name && r.key === "all keys")!;
      // sanity: the measurement recovers the simulation's own leniency (true by construction)
      expect(all.fpr_low, name).toBeLessThan(LENIENCY);
      expect(all.fpr_high, name).toBeGreaterThan(LENIENCY);
    }
  });
  it("the guarded judge's false-positive rate is lower, on every template, for master keys and for openers it never saw", async () => {
    guarded = (await evaluateJudge((t) => verdictOf(guardedJudge(judgeFor(t))), items, { keys: KEYS })).objects() as Row[];
    for (const name of Object.keys(JUDGE_TEMPLATES)) {
      const r = raw.find((x) => x.template === name && x.key === "all keys")!;
      const g = guarded.find((x) => x.template === name && x.key === "all keys")!;
      expect(g.fpr_high, `${name}: guarded ${g.fpr} [${g.fpr_low}, ${g.fpr_high}] vs raw ${r.fpr} [${r.fpr_low}, ${r.fpr_high}]`).toBeLessThan(r.fpr_low);
      expect(allKeys(guarded, name, HELD_OUT).fpr, `${name}: held-out openers`).toBeLessThan(allKeys(raw, name, HELD_OUT).fpr);
    }
  });
  it("the guard keeps the judge's true positives on the bench's right answers", async () => {
    const right = bench.filter((r) => r.label);
    const rawJudge = judgeFor(JUDGE_TEMPLATES.compass!), guard = guardedJudge(rawJudge);
    let rawYes = 0, guardYes = 0;
    for (const r of right) {
      if ((await rawJudge(r.question, r.gold, r.response)).verdict === "correct") rawYes++;
      if ((await guard(r.question, r.gold, r.response)).verdict === "correct") guardYes++;
    }
    expect(guardYes).toBeGreaterThanOrEqual(rawYes);
  });
});
