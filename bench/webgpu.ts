import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { initBackend, tf, webgpuOutcome, type GpuAdapterCard } from "../lib/core/index.js";
import { createMlp } from "../lib/models/index.js";
import { TinyTransformerLM, arithmeticProblems } from "../lib/rollouts/index.js";
import { report } from "./report.js";
import { batches, stepsPerSecond } from "./training.js";

/**
 * `npm run bench -- webgpu`: the webgpu backend beside wasm, each measured in a Node process of
 * its own (REPLAB_BACKEND=wasm, then REPLAB_BACKEND=webgpu) in the same run: MLP 64-256-256-10
 * SGD steps/s at batch 32 and 128 (best of three 1 s windows, as `npm run bench -- training`
 * measures them), TinyTransformerLM (d=32, 2 layers) training steps/s at batch 16
 * (tfjs autodiff and Adam), and its sampling tokens/s with the KV cache. The ratio is webgpu
 * over wasm. Without a GPU, Dawn's adapter is a software one (Mesa's lavapipe): those figures
 * measure a CPU implementation of WebGPU, not a GPU, and every case says "software adapter".
 */
const here = fileURLToPath(import.meta.url);

interface Measured { backend: string; adapter: GpuAdapterCard | null; figures: Record<string, number> }

/** Calls `work` (which returns how many units it did) until `ms` have passed; units per second. */
function rate(work: () => number | Promise<number>, ms: number): Promise<number> {
  return (async () => {
    let units = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < ms) units += await work();
    return units / ((performance.now() - t0) / 1000);
  })();
}

async function measure(): Promise<Measured> {
  const backend = await initBackend();
  const figures: Record<string, number> = {};
  for (const batch of [32, 128]) {
    const data = batches(batch);
    const mlp = await createMlp({ sizes: [64, 256, 256, 10], seed: 0 });
    // Warm-up steps first (shaders compiled, buffers pooled), then the best of three 1 s windows, as bench training measures.
    figures[`mlp${batch}`] = stepsPerSecond((k) => { const b = data[k % data.length]!; mlp.trainStep(b.x, b.y, 0.05); }).wall;
    mlp.dispose();
    data.forEach((b) => { b.x.dispose(); b.y.dispose(); });
  }
  const examples = arithmeticProblems(200, { level: 1, seed: 1 }).map((p) => ({ prompt: p.prompt, completion: p.target }));
  const lm = await TinyTransformerLM.create({ seed: 0, dModel: 32, layers: 2 });
  const train = async () => (await lm.train(examples, { steps: 2, batchSize: 16, lr: 0.003, seed: 0 })).length;
  await train();
  figures.transformerTrain = await rate(train, 2000);
  let seed = 0;
  const sample = async () => {
    const [g] = await lm.sample(["12+34="], { n: 16, maxTokens: 24, seed: seed++ });
    return g!.reduce((s, c) => s + c.tokens.length + (c.finishReason === "stop" ? 1 : 0), 0);
  };
  // Whether sampling runs tensor ops at all (the backend matters only if it does).
  figures.sampleKernels = (await tf.profile(async () => { await sample(); })).kernels.length;
  figures.transformerSample = await rate(sample, 2000);
  const w = webgpuOutcome();
  return { backend, adapter: w?.started ? w.adapter : null, figures };
}

/** Runs this file as its own process on `backend` and parses what it measured. */
function measureIn(backend: "wasm" | "webgpu"): Measured {
  const env: NodeJS.ProcessEnv = { ...process.env, REPLAB_BACKEND: backend };
  // Mesa's Vulkan loader wants a runtime directory; give it a private one when the session has none.
  env.XDG_RUNTIME_DIR ||= fs.mkdtempSync(path.join(os.tmpdir(), "replab-xdg-"));
  const out = execFileSync(process.execPath, [here, "--measure"], { env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  return JSON.parse(out.trim().split("\n").pop()!) as Measured;
}

export async function main(): Promise<void> {
  const wasm = measureIn("wasm");
  let gpu: Measured;
  try {
    gpu = measureIn("webgpu");
  } catch {
    console.error("bench webgpu: the webgpu backend did not start (its error is above); no webgpu figures");
    return;
  }
  const a = gpu.adapter!;
  const on = a.software ? "webgpu, software adapter" : `webgpu on ${a.vendor} ${a.device || a.description}`;
  console.log(JSON.stringify({ bench: "webgpu", adapter: a }));
  const cases: Array<[string, string, string]> = [
    ["mlp32", "mlp 64-256-256-10 sgd batch 32, trainStep", "steps/s"],
    ["mlp128", "mlp 64-256-256-10 sgd batch 128, trainStep", "steps/s"],
    ["transformerTrain", "TinyTransformerLM (d=32, 2 layers) training, batch 16, tfjs autodiff + Adam", "steps/s"],
    ["transformerSample", "TinyTransformerLM (d=32, 2 layers) sampling, KV cache", "tokens/s"],
  ];
  for (const [key, name, unit] of cases) {
    const hostOnly = key === "transformerSample" && gpu.figures.sampleKernels === 0 ? ", no tensor ops: sampled in plain loops on the host" : "";
    report({ bench: "webgpu", case: `${name} (${on}${hostOnly})`, value: gpu.figures[key]!, unit, baseline: "wasm, same run", baselineValue: wasm.figures[key]! });
  }
}

if (process.argv[1] === here && process.argv[2] === "--measure") {
  console.log(JSON.stringify(await measure()));
}
