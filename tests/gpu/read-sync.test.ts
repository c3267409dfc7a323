import { beforeAll, describe, expect, it, vi } from "vitest";
import v8 from "node:v8";
import vm from "node:vm";
import { ReplabError } from "../../lib/core/index.js";
import { SOFTWARE_BIND_GROUP_LIMIT } from "../../lib/core/webgpu-read-sync.js";
import { webgpuTf } from "./webgpu.js";

type TF = Awaited<ReturnType<typeof webgpuTf>>;
let tf: TF;
let firstRead: ArrayLike<number> = [];
beforeAll(async () => {
  tf = await webgpuTf();
  // The first thing after the backend starts: a read while Dawn may still hold a pending event tick.
  firstRead = tf.matMul(tf.fill([64, 64], 2), tf.fill([64, 64], 3)).dataSync() as Float32Array;
});

/** Row-major float64 product of two n×n matrices. */
function matMul64(a: ArrayLike<number>, b: ArrayLike<number>, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) { const aik = a[i * n + k]!; for (let j = 0; j < n; j++) c[i * n + j]! += aik * b[k * n + j]!; }
  return c;
}

describe("synchronous reads on the webgpu backend (Dawn, software adapter)", () => {
  it("dataSync right after the backend starts", () => {
    expect(firstRead.length).toBe(64 * 64);
    expect(Array.from(firstRead).every((v) => v === 6 * 64)).toBe(true);
  });

  it("a 256×256 matMul computed on the device and read with dataSync matches a float64 product", () => {
    const n = 256;
    const a = Float32Array.from({ length: n * n }, (_, i) => Math.sin(0.37 * i));
    const b = Float32Array.from({ length: n * n }, (_, i) => Math.cos(0.11 * i));
    const got = tf.tidy(() => tf.matMul(tf.tensor2d(a, [n, n]), tf.tensor2d(b, [n, n])).dataSync());
    const want = matMul64(a, b, n);
    let worst = 0;
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!) / Math.max(1, Math.abs(want[i]!)));
    expect(worst).toBeLessThan(1e-5); // float32 accumulation over 256 terms
  });

  it("int32 and bool results read back with their dtypes; arraySync and bufferSync work too", () => {
    const x = tf.tensor2d([[0.5, -2, 3], [4, 1, -1]]);
    const big = tf.range(0, 4096).reshape([64, 64]); // over tfjs's CPU hand-off size, so it runs on the device
    tf.tidy(() => {
      expect(Array.from(tf.argMax(big, 1).dataSync())).toEqual(Array.from({ length: 64 }, () => 63));
      expect(tf.argMax(big, 1).dtype).toBe("int32");
      const mask = tf.greater(big, 2047.5);
      expect(mask.dtype).toBe("bool");
      const m = mask.dataSync();
      expect(m).toBeInstanceOf(Uint8Array);
      expect(Array.from(m).reduce((s, v) => s + v, 0)).toBe(2048);
      expect(tf.mul(x, 2).arraySync()).toEqual([[1, -4, 6], [8, 2, -2]]);
      expect(tf.sum(big.cast("int32")).bufferSync().get()).toBe((4095 * 4096) / 2);
    });
    x.dispose(); big.dispose();
  });

  it("a synchronous read while an asynchronous one is in flight: both right", async () => {
    const big = tf.range(0, 10_000);
    const a = tf.add(big, 1), b = tf.add(big, 2);
    const pending = a.data();
    expect(b.dataSync()[9_999]).toBe(10_001);
    expect((await pending)[9_999]).toBe(10_000);
    for (const t of [big, a, b]) t.dispose();
  });

  it("each read maps one staging buffer, a repeated read is served from the host copy, and no tensor is left behind", () => {
    const manager = (tf.backend() as unknown as { bufferManager: { acquireBuffer(size: number, usage: number): unknown } }).bufferManager;
    const MAP_READ = (globalThis as unknown as { GPUBufferUsage: { MAP_READ: number } }).GPUBufferUsage.MAP_READ;
    const acquire = vi.spyOn(manager, "acquireBuffer");
    const staged = () => acquire.mock.calls.filter(([, usage]) => (usage & MAP_READ) !== 0).length;
    const before = tf.memory().numTensors;
    try {
      // int32 sums stay below 2^24: tfjs-backend-webgpu reduces int32 in float32
      for (let k = 0; k < 20; k++) expect(tf.tidy(() => tf.sum(tf.mul(tf.range(0, 2000, 1, "int32"), tf.scalar(k % 8, "int32"))).dataSync()[0])).toBe((k % 8) * 1_999_000);
      expect(staged()).toBe(20);
      expect(tf.memory().numTensors).toBe(before);
      const t = tf.range(0, 5000).mul(3);
      t.dataSync(); t.dataSync(); t.arraySync();
      expect(staged()).toBe(21);
      t.dispose();
    } finally { acquire.mockRestore(); }
  });

  it("the device survives a full garbage collection between GPU work and a read (replab holds Dawn's instance)", async () => {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    const x = tf.range(0, 10_000);
    tf.tidy(() => tf.sum(tf.add(x, 1)));
    await new Promise((res) => setTimeout(res, 10));
    gc();
    await new Promise((res) => setTimeout(res, 10));
    expect((await x.data())[9_999]).toBe(9_999);
    expect(tf.add(x, 1).dataSync()[9_999]).toBe(10_000);
    x.dispose();
  });
});

describe("a long synchronous stretch of GPU work on the software adapter", () => {
  it("stops with a ReplabError before lavapipe's limit, and works again once the event loop has turned", async () => {
    await new Promise((res) => setImmediate(res)); // start the stretch at a turn
    const x = tf.range(0, 2000); // over tfjs's CPU hand-off size: each add is one GPU dispatch, one bind group
    let ops = 0;
    let error: unknown = null;
    try {
      for (; ops <= SOFTWARE_BIND_GROUP_LIMIT; ops++) tf.tidy(() => tf.add(x, 1));
    } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ReplabError);
    expect(String((error as Error).message)).toMatch(/50,000 GPU operations ran without the event loop turning; .* REPLAB_BACKEND=wasm/);
    expect(ops).toBeLessThanOrEqual(SOFTWARE_BIND_GROUP_LIMIT);
    expect(ops).toBeGreaterThan(SOFTWARE_BIND_GROUP_LIMIT - 10); // the count is per bind group: the few made before the loop count too
    await new Promise((res) => setImmediate(res));
    expect(tf.add(x, 1).dataSync()[1999]).toBe(2000);
    x.dispose();
  });
});

