import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { webgpuEnv } from "./webgpu.js";

// The same seeded training and sampling (fixtures/train-and-sample.mjs), each backend in a process
// of its own as a notebook would run it; webgpu is Dawn on the software adapter.
const replab = new URL("../../dist/lib/index.js", import.meta.url).href;
const fixture = fileURLToPath(new URL("./fixtures/train-and-sample.mjs", import.meta.url));

interface Run {
  backend: string;
  mlpLosses: number[]; mlpWeights: string;
  transformerLosses: number[]; transformerSamples: Array<{ text: string; logprob: number }>;
  gruLosses: number[]; gruSamples: Array<{ text: string; logprob: number }>;
}
function run(backend: "wasm" | "webgpu"): Run {
  const out = execFileSync(process.execPath, [fixture, replab], { env: { ...webgpuEnv(), REPLAB_BACKEND: backend }, encoding: "utf8", maxBuffer: 64 << 20 });
  return JSON.parse(out.trim().split("\n").pop()!) as Run;
}
const floats = (b64: string) => new Float32Array(Uint8Array.from(Buffer.from(b64, "base64")).buffer);
/** Largest |a − b| / max(1, |b|): float32 rounding on two backends, not a different computation. */
function worst(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let w = 0;
  for (let i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return w;
}

describe("webgpu (software adapter) computes what wasm computes", () => {
  const runs = { wasm: null as Run | null, webgpu: null as Run | null };
  const get = (b: "wasm" | "webgpu") => (runs[b] ??= run(b));

  it("each run is on the backend it names", () => {
    expect(get("wasm").backend).toBe("wasm");
    expect(get("webgpu").backend).toBe("webgpu");
  });

  it("MLP 64-256-256-10: 20 SGD steps give the same losses and weights within float32 tolerance", () => {
    const [w, g] = [get("wasm"), get("webgpu")];
    expect(worst(g.mlpLosses, w.mlpLosses)).toBeLessThan(1e-5);
    const gw = floats(g.mlpWeights), ww = floats(w.mlpWeights);
    expect(gw.length).toBe(64 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10);
    expect(worst(gw, ww)).toBeLessThan(1e-5);
  });

  it("tiny transformer: the same training losses, then the same sampled completions", () => {
    const [w, g] = [get("wasm"), get("webgpu")];
    expect(worst(g.transformerLosses, w.transformerLosses)).toBeLessThan(1e-5);
    expect(g.transformerSamples.map((c) => c.text)).toEqual(w.transformerSamples.map((c) => c.text));
    expect(worst(g.transformerSamples.map((c) => c.logprob), w.transformerSamples.map((c) => c.logprob))).toBeLessThan(1e-4);
  });

  it("char-level GRU trained by tfjs autodiff: the same losses, then the same sampled completions", () => {
    const [w, g] = [get("wasm"), get("webgpu")];
    expect(worst(g.gruLosses, w.gruLosses)).toBeLessThan(1e-5);
    expect(g.gruSamples.map((c) => c.text)).toEqual(w.gruSamples.map((c) => c.text));
    expect(worst(g.gruSamples.map((c) => c.logprob), w.gruSamples.map((c) => c.logprob))).toBeLessThan(1e-4);
  });
});
