import { describe, expect, it, beforeAll } from "vitest";
import fs from "node:fs";
import { initBackend, tf, ReplabError } from "../../lib/core/index.js";
import { loadDigits } from "../../lib/frames/index.js";
import { createMlp, createMlpSync, softmaxCrossEntropy, crossEntropyLoss } from "../../lib/continual/index.js";

// Reference: PyTorch autograd on the same weights (fixtures/make_mlp_torch.py).
const ref = JSON.parse(fs.readFileSync(new URL("./fixtures/mlp-torch.json", import.meta.url), "utf8"));

function flat(a: unknown): number[] { return (a as unknown[]).flat(3) as number[]; }
function close(actual: ArrayLike<number>, expected: number[], tol = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThan(tol);
}

describe("Mlp (hand-written backward pass)", () => {
  beforeAll(async () => { await initBackend(); });

  function refModel() {
    const m = createMlpSync({ sizes: ref.sizes, seed: 1 });
    m.setWeights([0, 1, 2].flatMap((l) => [flat(ref.W[l]), flat(ref.b[l])]));
    return m;
  }
  const x = () => tf.tensor2d(flat(ref.x), [4, 5]);
  const y = () => tf.tensor1d(ref.y, "int32");

  it("logits and gradients match PyTorch autograd", () => {
    const m = refModel();
    const z = m.logits(x());
    close(z.dataSync(), flat(ref.descent.logits));
    const { loss, grads } = m.gradients(x(), (l) => softmaxCrossEntropy(l, y()));
    expect(loss).toBeCloseTo(ref.descent.loss, 5);
    for (let l = 0; l < 3; l++) {
      close(grads.W[l]!.dataSync(), flat(ref.descent.gradW[l]));
      close(grads.b[l]!.dataSync(), flat(ref.descent.gradb[l]));
    }
    m.dispose();
  });

  it("the analytic cross-entropy gradient path matches PyTorch too", () => {
    const m = refModel();
    const { loss, grads } = m.gradients(x(), crossEntropyLoss(y()));
    expect(loss).toBeCloseTo(ref.descent.loss, 5);
    for (let l = 0; l < 3; l++) close(grads.W[l]!.dataSync(), flat(ref.descent.gradW[l]));
    m.trainStep(x(), y(), ref.lr);
    const w = m.getWeights();
    for (let l = 0; l < 3; l++) close(w[2 * l]!, flat(ref.descent.afterW[l]));
    m.dispose();
  });

  it("an SGD step (descent and ascent on a caller's loss) lands where PyTorch's does", () => {
    for (const [key, sign] of [["descent", 1], ["ascent", -1]] as const) {
      const m = refModel();
      const loss = m.step(x(), (l) => tf.mul(softmaxCrossEntropy(l, y()), sign) as tf.Scalar, { lr: ref.lr });
      expect(loss).toBeCloseTo(ref[key].loss, 5);
      const w = m.getWeights();
      for (let l = 0; l < 3; l++) { close(w[2 * l]!, flat(ref[key].afterW[l])); close(w[2 * l + 1]!, flat(ref[key].afterb[l])); }
      m.dispose();
    }
  });

  it("a penalty gradient is added to the update", () => {
    const m = refModel();
    const before = m.getWeights();
    // penalty ½‖θ‖² has gradient θ; with a loss of 0 the step is θ ← θ(1 − lr)
    m.step(x(), (l) => tf.mul(tf.sum(l), 0) as tf.Scalar, { lr: 0.5, penaltyGrad: (p) => ({ W: p.W, b: p.b }) });
    const after = m.getWeights();
    for (let i = 0; i < before.length; i++) close(after[i]!, Array.from(before[i]!, (v) => v * 0.5));
    m.dispose();
  });

  it("is seeded, clones independently, trains digits and does not leak tensors", async () => {
    const a = await createMlp({ sizes: [64, 32, 10], seed: 3 });
    const b = await createMlp({ sizes: [64, 32, 10], seed: 3 });
    const c = await createMlp({ sizes: [64, 32, 10], seed: 4 });
    expect(a.getWeights()[0]).toEqual(b.getWeights()[0]);
    expect(a.getWeights()[0]).not.toEqual(c.getWeights()[0]);
    const bound = 1 / Math.sqrt(64);
    expect(Math.max(...a.getWeights()[0]!.map(Math.abs))).toBeLessThanOrEqual(bound);
    const d = loadDigits();
    const start = tf.memory().numTensors;
    const copy = a.clone();
    const acc0 = a.accuracy(d);
    for (let s = 0; s < 150; s++) {
      const idx = Array.from({ length: 32 }, (_, i) => (s * 32 + i) % d.n);
      const xb = new Float32Array(32 * 64), yb = new Int32Array(32);
      idx.forEach((r, i) => { xb.set(d.x.subarray(r * 64, r * 64 + 64), i * 64); yb[i] = d.y[r]!; });
      a.trainStep(xb, yb, 0.1);
    }
    expect(a.accuracy(d)).toBeGreaterThan(0.85);
    expect(copy.accuracy(d)).toBe(acc0);
    copy.dispose();
    expect(tf.memory().numTensors).toBe(start);
    a.dispose(); b.dispose(); c.dispose();
  });

  it("bad input gets a ReplabError naming the argument", () => {
    expect(() => createMlpSync({ sizes: [64], seed: 1 })).toThrow(ReplabError);
    expect(() => createMlpSync({ sizes: [64, 0, 10], seed: 1 })).toThrow(/sizes\[1\]/);
    const m = createMlpSync({ sizes: [4, 3], seed: 1 });
    expect(() => m.logits(tf.zeros([2, 5]) as tf.Tensor2D)).toThrow(/Mlp.logits: x=/);
    expect(() => m.step(new Float32Array(8), (l) => tf.sum(l) as tf.Scalar, { lr: NaN })).toThrow(/options.lr/);
    expect(() => m.accuracy({ x: new Float32Array(0), y: new Int32Array(0), n: 0, features: 4 })).toThrow(/data.n/);
    m.dispose();
  });
});
