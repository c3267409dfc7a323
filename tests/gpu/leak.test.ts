import { beforeAll, describe, expect, it } from "vitest";
import { rng } from "../../lib/core/index.js";
import { loadDigits } from "../../lib/frames/index.js";
import { createMlp } from "../../lib/models/index.js";
import { webgpuTf } from "./webgpu.js";

type TF = Awaited<ReturnType<typeof webgpuTf>>;
let tf: TF;
beforeAll(async () => { tf = await webgpuTf(); });

describe("no tensor leak on the webgpu backend (software adapter)", () => {
  it("100 MLP training steps, with an evaluation every 10, leave the tensor count and GPU bytes where they were", async () => {
    const digits = loadDigits();
    const test = { x: digits.x.subarray(0, 200 * 64), y: digits.y.subarray(0, 200), n: 200, features: 64 };
    const mlp = await createMlp({ sizes: [64, 64, 10], seed: 0 });
    const pick = rng(1);
    const step = () => {
      const x = new Float32Array(32 * 64), y = new Int32Array(32);
      for (let i = 0; i < 32; i++) { const r = pick.int(digits.n); x.set(digits.x.subarray(r * 64, r * 64 + 64), i * 64); y[i] = digits.y[r]!; }
      return mlp.trainStep(x, y, 0.1);
    };
    step();
    const tensors = tf.memory().numTensors;
    const bytes = (tf.memory() as { numBytesInGPU?: number }).numBytesInGPU;
    const losses: number[] = [];
    for (let s = 0; s < 100; s++) {
      losses.push(step());
      if (s % 10 === 9) mlp.evaluate(test);
      expect(tf.memory().numTensors).toBe(tensors);
    }
    expect((tf.memory() as { numBytesInGPU?: number }).numBytesInGPU).toBe(bytes);
    expect(losses.slice(-10).reduce((a, b) => a + b) / 10).toBeLessThan(losses[0]!); // it trained (sanity)
    mlp.dispose();
  });
});
