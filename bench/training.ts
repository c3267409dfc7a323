import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { initBackend, tf, rng } from "../lib/core/index.js";
import { loadDigits } from "../lib/frames/index.js";
import { createMlp, splitTaskStream, trainContinual, experienceReplay, type Mlp } from "../lib/continual/index.js";
import { mlpEngines, nativeMlpStatus, type MlpEngine } from "../lib/models/index.js";
import { report, pythonHas, runPythonBaseline } from "./report.js";

/**
 * `npm run bench -- training`: SGD steps/s of the MLP 64-256-256-10 (ReLU, cross-entropy) on the
 * 8×8 digits at batch 32 and 128 — replab's `Mlp.trainStep` on each engine of the fused step
 * that runs here (native: OpenBLAS through replab's addon; the WebAssembly SIMD kernels, plain,
 * and the relaxed-SIMD fused multiply-add build — on Node 20 in a child process with
 * `--experimental-wasm-relaxed-simd`), the same Mlp's tfjs path (`fused: false`) and tfjs
 * autograd on the same network — against PyTorch on the CPU with one thread
 * (bench/python/training.py) measured in the same run; then the continual evaluator's overhead at
 * evalEvery = 1.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const SIZES = [64, 256, 256, 10];

/**
 * Best of three ~1 s windows of `step`: steps per wall second, and per CPU second of this process
 * (robust when other work shares the machine). The Python baseline measures the same way.
 */
export function stepsPerSecond(step: (k: number) => void): { wall: number; cpu: number } {
  for (let k = 0; k < 50; k++) step(k);
  let wall = 0, cpu = 0;
  for (let rep = 0; rep < 3; rep++) {
    let n = 0;
    const t0 = performance.now(), c0 = process.cpuUsage();
    while (performance.now() - t0 < 1000) step(n++);
    const c = process.cpuUsage(c0);
    wall = Math.max(wall, n / ((performance.now() - t0) / 1000));
    cpu = Math.max(cpu, n / Math.max((c.user + c.system) / 1e6, 1e-9));
  }
  return { wall, cpu };
}

/** 64 batches of `batch` rows drawn (seed 0) from the 8×8 digits, as tensors: the MLP benchmarks' training data. */
export function batches(batch: number): Array<{ x: tf.Tensor2D; y: tf.Tensor1D }> {
  const d = loadDigits();
  const r = rng(0);
  return Array.from({ length: 64 }, () => {
    const idx = Array.from({ length: batch }, () => r.int(d.n));
    const x = new Float32Array(batch * 64);
    idx.forEach((row, i) => x.set(d.x.subarray(row * 64, row * 64 + 64), i * 64));
    return { x: tf.tensor2d(x, [batch, 64]), y: tf.tensor1d(Int32Array.from(idx, (row) => d.y[row]!), "int32") };
  });
}

/** The same network trained through tfjs autograd (tf.variableGrads), the path the hand-written backward pass replaces. */
function autogradStep(model: Mlp, lr: number): (x: tf.Tensor2D, y: tf.Tensor1D) => void {
  const optimizer = tf.train.sgd(lr);
  return (x, y) => {
    optimizer.minimize(() => {
      let h: tf.Tensor2D = x;
      for (let l = 0; l < model.W.length; l++) {
        const z = tf.add(tf.matMul(h, model.W[l]!), model.b[l]!) as tf.Tensor2D;
        h = l < model.W.length - 1 ? tf.relu(z) : z;
      }
      return tf.losses.softmaxCrossEntropy(tf.oneHot(y, 10), h) as tf.Scalar;
    });
  };
}

/** The fused step's engine as a case names it. */
function engineName(engine: MlpEngine): string {
  if (engine === "native") {
    const s = nativeMlpStatus();
    return `native OpenBLAS sgemm (${s.core} kernels, ${s.threads} thread${s.threads === 1 ? "" : "s"})`;
  }
  return engine === "fma" ? "wasm relaxed-SIMD FMA kernels" : "wasm SIMD kernels";
}

/** Steps/s of `Mlp.trainStep` at `batch` on a fused engine, or on the tfjs path (`fused: false`). */
export async function trainStepRate(batch: number, engine: MlpEngine | "tfjs"): Promise<{ wall: number; cpu: number }> {
  const data = batches(batch);
  const m = await createMlp({ sizes: SIZES, seed: 0, ...(engine === "tfjs" ? { fused: false } : { engine }) });
  const rate = stepsPerSecond((k) => { const b = data[k % 64]!; m.trainStep(b.x, b.y, 0.05); });
  m.dispose();
  data.forEach((b) => { b.x.dispose(); b.y.dispose(); });
  return rate;
}

/**
 * The relaxed-SIMD build's rate where this process cannot load it but Node takes
 * `--experimental-wasm-relaxed-simd` (Node 20): measured in a child process with the flag, else null.
 */
function fmaRateInChild(batch: number): { wall: number; cpu: number } | null {
  if (Number(process.versions.node.split(".")[0]) !== 20) return null;
  const out = execFileSync(process.execPath, ["--experimental-wasm-relaxed-simd", "--input-type=module", "-e",
    `const { trainStepRate } = await import(${JSON.stringify(import.meta.url)});
     console.log(JSON.stringify(await trainStepRate(${batch}, "fma")));`], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").at(-1)!) as { wall: number; cpu: number };
}

export async function main(): Promise<void> {
  const backend = await initBackend();
  const py = pythonHas("torch", "numpy") ? runPythonBaseline(path.join(here, "../../bench/python/training.py"), ["32", "128"]) : null;
  const fused = backend === "wasm" || backend === "cpu" ? mlpEngines() : [];
  for (const batch of [32, 128]) {
    const base = (key: string) => (py ? { baseline: "pytorch-cpu-1-thread", baselineValue: py[key] } : {});
    const name = `mlp 64-256-256-10 sgd batch ${batch}`;
    const put = (path: string, rate: { wall: number; cpu: number }) => {
      report({ bench: "training", case: `${name}, ${path}`, value: rate.wall, unit: "steps/s", ...base(String(batch)) });
      report({ bench: "training", case: `${name}, ${path}, per CPU second`, value: rate.cpu, unit: "steps/cpu-s", ...base(`${batch}/cpu`) });
    };
    for (const engine of fused) put(`Mlp.trainStep (fused, ${engineName(engine)})`, await trainStepRate(batch, engine));
    if (fused.length > 0 && !fused.includes("fma")) {
      const fma = fmaRateInChild(batch);
      if (fma) put(`Mlp.trainStep (fused, ${engineName("fma")}, node --experimental-wasm-relaxed-simd)`, fma);
    }
    put(`hand-written backward in tfjs (${backend}, fused: false)`, await trainStepRate(batch, "tfjs"));
    if (batch === 32) {
      const data = batches(batch);
      const model = await createMlp({ sizes: SIZES, seed: 0, fused: false });
      const auto = autogradStep(model, 0.05);
      put(`tfjs autograd (${backend})`, stepsPerSecond((k) => { const b = data[k % 64]!; auto(b.x, b.y); }));
      model.dispose();
      data.forEach((b) => { b.x.dispose(); b.y.dispose(); });
    }
  }

  // The continual evaluator at evalEvery = 1 (every seen task's whole test split after every step)
  // against evaluation only at task ends, on split digits with replay.
  const stream = splitTaskStream(loadDigits(), { seed: 0 });
  const timed = async (evalEvery: number) => {
    const model = await createMlp({ sizes: SIZES, seed: 0 });
    const run = trainContinual({ model, stream, strategy: experienceReplay({ memorySize: 200 }), stepsPerTask: 60, evalEvery, seed: 0, progress: false });
    model.dispose();
    return run.timing;
  };
  await timed(60); // warm-up
  const every = await timed(1);
  const ends = await timed(60);
  report({ bench: "training", case: "continual run, replay, steps/s with evaluation every step", value: every.steps / (every.totalMs / 1000), unit: "steps/s" });
  report({ bench: "training", case: "continual run, replay, steps/s with evaluation at task ends", value: ends.steps / (ends.totalMs / 1000), unit: "steps/s" });
  report({ bench: "training", case: "evaluator share of run time at evalEvery=1 (self-reported)", value: 100 * every.evalShare, unit: "%" });
}
