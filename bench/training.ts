import path from "node:path";
import { fileURLToPath } from "node:url";
import { initBackend, tf, rng } from "../lib/core/index.js";
import { loadDigits } from "../lib/frames/index.js";
import { createMlp, splitTaskStream, trainContinual, experienceReplay, type Mlp } from "../lib/continual/index.js";
import { mlpKernelBuild } from "../lib/models/index.js";
import { report, pythonHas, runPythonBaseline } from "./report.js";

/**
 * `npm run bench -- training`: SGD steps/s of the MLP 64-256-256-10 (ReLU, cross-entropy) on the
 * 8×8 digits at batch 32 and 128 — replab's `Mlp.trainStep` (the fused WebAssembly step on the
 * wasm backend), the same Mlp's tfjs path (`fused: false`) and tfjs autograd on the same network —
 * against PyTorch on the CPU with one thread (bench/python/training.py) measured in the same run;
 * then the continual evaluator's overhead at evalEvery = 1. The fused step's kernel build is in
 * the case's name: on Node 20, `node --experimental-wasm-relaxed-simd dist/bench/run.js training`
 * measures the fused multiply-add build.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const SIZES = [64, 256, 256, 10];

/**
 * Best of three ~1 s windows of `step`: steps per wall second, and per CPU second of this process
 * (robust when other work shares the machine). The Python baseline measures the same way.
 */
function stepsPerSecond(step: (k: number) => void): { wall: number; cpu: number } {
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

function batches(batch: number): Array<{ x: tf.Tensor2D; y: tf.Tensor1D }> {
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

export async function main(): Promise<void> {
  const backend = await initBackend();
  const py = pythonHas("torch", "numpy") ? runPythonBaseline(path.join(here, "../../bench/python/training.py"), ["32", "128"]) : null;
  for (const batch of [32, 128]) {
    const data = batches(batch);
    const base = (key: string) => (py ? { baseline: "pytorch-cpu-1-thread", baselineValue: py[key] } : {});
    const name = `mlp 64-256-256-10 sgd batch ${batch}`;
    for (const fused of [true, false]) {
      const m = await createMlp({ sizes: SIZES, seed: 0, fused });
      const mine = stepsPerSecond((k) => { const b = data[k % 64]!; m.trainStep(b.x, b.y, 0.05); });
      const fusedName = backend === "wasm" || backend === "cpu" ? `fused wasm SIMD step, ${mlpKernelBuild() === "fma" ? "relaxed-SIMD FMA" : "plain SIMD"} kernels` : backend;
      const path = fused ? `Mlp.trainStep (${fusedName})` : `hand-written backward in tfjs (${backend}, fused: false)`;
      report({ bench: "training", case: `${name}, ${path}`, value: mine.wall, unit: "steps/s", ...base(String(batch)) });
      report({ bench: "training", case: `${name}, ${path}, per CPU second`, value: mine.cpu, unit: "steps/cpu-s", ...base(`${batch}/cpu`) });
      m.dispose();
    }
    const model = await createMlp({ sizes: SIZES, seed: 0, fused: false });
    if (batch === 32) {
      const auto = autogradStep(model, 0.05);
      const theirs = stepsPerSecond((k) => { const b = data[k % 64]!; auto(b.x, b.y); });
      report({ bench: "training", case: `${name}, tfjs autograd (${backend})`, value: theirs.wall, unit: "steps/s", ...base(String(batch)) });
      report({ bench: "training", case: `${name}, tfjs autograd (${backend}), per CPU second`, value: theirs.cpu, unit: "steps/cpu-s", ...base(`${batch}/cpu`) });
    }
    model.dispose();
    data.forEach((b) => { b.x.dispose(); b.y.dispose(); });
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
