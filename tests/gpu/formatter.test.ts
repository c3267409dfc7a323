import { beforeAll, describe, expect, it, vi } from "vitest";
import { formatValue, tensorStats, TENSOR_PREVIEW } from "../../lib/display/index.js";
import { webgpuTf } from "./webgpu.js";

type TF = Awaited<ReturnType<typeof webgpuTf>>;
let tf: TF;
beforeAll(async () => { tf = await webgpuTf(); });

/**
 * Formats `t` while counting what the backend reads: calls of its readSync and their elements,
 * and any whole-tensor read (the tensor's own data/array/buffer methods, the backend's async read).
 */
function readsWhileFormatting(t: ReturnType<TF["range"]>) {
  const backend = tf.backend() as unknown as { readSync(id: object): ArrayLike<number>; read(id: object): Promise<ArrayLike<number>> };
  const realReadSync = backend.readSync.bind(backend);
  let reads = 0, elementsRead = 0;
  const spies = [
    vi.spyOn(backend, "readSync").mockImplementation((id: object) => { const out = realReadSync(id); reads++; elementsRead += out.length; return out; }),
    vi.spyOn(backend, "read"),
    ...(["dataSync", "data", "arraySync", "array", "bufferSync", "buffer"] as const).map((m) => vi.spyOn(t, m)),
  ];
  try {
    const bundle = formatValue(t);
    const wholeReads = spies.slice(1).filter((s) => s.mock.calls.length > 0).map((s) => s.getMockName());
    return { bundle, reads, elementsRead, wholeReads };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}

describe("the tensor formatter on the webgpu backend (software adapter)", () => {
  it("a 10^7-element tensor on the device: only the corner, the heatmap grid and a few scalars are read off it", () => {
    const big = tf.tidy(() => tf.range(0, 1e7, 1, "float32").reshape([1000, 10000]));
    const before = tf.memory().numTensors;
    const { bundle, reads, elementsRead, wholeReads } = readsWhileFormatting(big);
    try {
      expect(wholeReads).toEqual([]);
      expect(elementsRead).toBeGreaterThan(0);
      expect(elementsRead).toBeLessThanOrEqual(TENSOR_PREVIEW.rows * TENSOR_PREVIEW.cols + 64 * 64 + 64);
      expect(reads).toBeLessThan(16);
      expect(tf.memory().numTensors).toBe(before);
      const text = String(bundle["text/plain"]);
      expect(text).toMatch(/^Tensor float32 \[1000, 10000\] on webgpu \(software GPU adapter, runs on the CPU\) · 10,000,000 elements/);
      expect(text.split("\n")[2]).toBe("[[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, …],");
      expect(String(bundle["text/html"])).toContain("heatmap of 16×157 block means");
    } finally { big.dispose(); }
  });

  it("its on-device statistics of 0..10^7−1 match the closed forms (mean (n−1)/2, std √((n²−1)/12))", () => {
    const n = 1e7;
    const big = tf.range(0, n, 1, "float32");
    try {
      const s = tensorStats(big);
      expect([s.min, s.max, s.nonFinite]).toEqual([0, n - 1, 0]);
      expect(Math.abs(s.mean - (n - 1) / 2) / ((n - 1) / 2)).toBeLessThan(1e-4);
      expect(Math.abs(s.std - Math.sqrt((n * n - 1) / 12)) / Math.sqrt((n * n - 1) / 12)).toBeLessThan(1e-4);
    } finally { big.dispose(); }
  });
});
