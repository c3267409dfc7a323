import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { TabularPolicy, sampleRollouts, extractBoxedAnswer, passAtKCurve } from "../../lib/rollouts/index.js";
import { writeParquet, readParquet } from "../../lib/frames/index.js";
// @ts-expect-error plain JS helper shared with the child process
import { makePolicy, makePrompts } from "./fixtures/rollout-setup.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");

describe("extractBoxedAnswer", () => {
  it("takes the last boxed answer with matched braces", () => {
    expect(extractBoxedAnswer("so \\boxed{3} no wait \\boxed{\\frac{1}{2}}.")).toBe("\\frac{1}{2}");
    expect(extractBoxedAnswer("no box")).toBeNull();
    expect(extractBoxedAnswer("\\boxed{12")).toBeNull();
  });
});

describe("sampleRollouts", () => {
  it("builds the rollout table with answers, logprobs, entropy and rewards", async () => {
    const pol = makePolicy(TabularPolicy, 0);
    const t = await sampleRollouts(pol, makePrompts().slice(0, 5), { n: 4, seed: 1, reward: (c, p) => pol.reward(p.prompt_id, c.text) });
    expect(t.numRows()).toBe(20);
    expect(t.columnNames()).toEqual(["prompt_id", "sample", "prompt", "text", "answer", "tokens", "logprob", "entropy", "reward", "finish_reason", "seed"]);
    const rows = t.objects() as Array<Record<string, unknown>>;
    for (const r of rows) {
      expect(r.answer).toBe(r.text === "oops" ? "oops" : String(r.text).slice(7, 8));
      expect(r.reward).toBe(r.text === "\\boxed{1}" ? 1 : 0);
      expect(Number(r.logprob)).toBeLessThanOrEqual(0);
    }
    expect(passAtKCurve(t).numRows()).toBe(4);
    await expect(sampleRollouts(pol, [{ prompt_id: "a", prompt: "q0" }, { prompt_id: "a", prompt: "q1" }], { n: 1 })).rejects.toThrow(/prompt_id="a" is used twice/);
  });

  it("resumes after the sampling process is killed, losing and duplicating nothing", async () => {
    const distIndex = path.join(root, "dist/lib/rollouts/index.js");
    expect(fs.existsSync(distIndex), "run `npx tsc -p tsconfig.json` first").toBe(true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-rollouts-"));
    const log = path.join(dir, "rollouts.jsonl");
    const child = spawn(process.execPath, [path.join(here, "fixtures/rollout-child.mjs"), log], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => { stderr += d; });
    // wait until some but not all prompts are logged, then kill it hard
    const deadline = Date.now() + 30_000;
    for (;;) {
      const lines = fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter(Boolean).length : 0;
      if (lines >= 24) break;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`child did not log in time: ${stderr}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const exited = new Promise((r) => child.on("exit", r));
    child.kill("SIGKILL");
    await exited;
    const before = fs.readFileSync(log, "utf8").split("\n").filter(Boolean).length;
    expect(before).toBeLessThan(180);
    // simulate a torn final write as well
    fs.appendFileSync(log, '{"prompt_id":"q2');

    const pol = makePolicy(TabularPolicy, 0);
    let sampled = 0;
    const resumed = await sampleRollouts(pol, makePrompts(), { n: 6, seed: 9, log, concurrency: 2, reward: (c, p) => pol.reward(p.prompt_id, c.text), onProgress: () => { sampled++; } });
    expect(resumed.numRows()).toBe(180);
    const keys = (resumed.objects() as Array<{ prompt_id: string; sample: number }>).map((r) => `${r.prompt_id}/${r.sample}`);
    expect(new Set(keys).size).toBe(180);
    expect(fs.readFileSync(log, "utf8").split("\n").filter(Boolean)).toHaveLength(180);
    expect(sampled).toBeLessThan(30); // finished prompts were not sampled again

    const fresh = await sampleRollouts(pol, makePrompts(), { n: 6, seed: 9, reward: (c, p) => pol.reward(p.prompt_id, c.text) });
    expect(resumed.objects()).toEqual(fresh.objects());

    // the same table round-trips through Parquet (frames)
    const pq = path.join(dir, "rollouts.parquet");
    writeParquet(resumed, pq);
    const back = await readParquet(pq);
    expect(back.numRows()).toBe(180);
    expect(back.array("text")).toEqual(resumed.array("text"));
  });
});
