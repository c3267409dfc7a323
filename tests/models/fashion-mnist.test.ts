import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import ref from "./fixtures/fashion-mnist.json" with { type: "json" };
import { FASHION_MNIST_CLASSES, loadFashionMnist } from "../../lib/models/index.js";

// Reference: the same files read by numpy (tests/models/fixtures/make_fashion_mnist_fixture.py).
// scripts/setup.sh installs Debian's dataset-fashion-mnist.
describe("loadFashionMnist (Debian's dataset-fashion-mnist)", () => {
  for (const split of ["train", "test"] as const) {
    it(`${split}: counts, labels and pixels as numpy reads them`, () => {
      const d = loadFashionMnist({ split });
      const r = ref[split];
      expect(d.n).toBe(r.n);
      expect(d.features).toBe(784);
      expect(Array.from(d.y.subarray(0, 20))).toEqual(r.firstLabels);
      const counts = new Array(10).fill(0);
      for (const c of d.y) counts[c]++;
      expect(counts).toEqual(r.classCounts);
      for (let i = 0; i < 5; i++) {
        let s = 0;
        for (let j = 0; j < 784; j++) s += d.x[i * 784 + j]!;
        expect(s * 255).toBeCloseTo(r.firstPixelSums[i]!, 2);
      }
    });
  }
  it("pools 2×2 and 4×4 blocks as numpy's reshape-mean", () => {
    for (const [pool, want] of [[2, ref.train.image0pool2], [4, ref.train.image0pool4]] as const) {
      const d = loadFashionMnist({ pool, perClass: 3 });
      expect(d.features).toBe(784 / (pool * pool));
      Array.from(d.x.subarray(0, d.features)).forEach((v, j) => expect(v).toBeCloseTo(want[j]!, 6));
    }
  });
  it("perClass keeps the first images of each class, in file order", () => {
    const d = loadFashionMnist({ split: "test", perClass: 4 });
    expect(d.n).toBe(40);
    const counts = new Array(10).fill(0);
    for (const c of d.y) counts[c]++;
    expect(counts).toEqual(new Array(10).fill(4));
    expect(Array.from(d.y.subarray(0, 5))).toEqual(ref.test.firstLabels.slice(0, 5));
    expect(FASHION_MNIST_CLASSES[d.y[0]!]).toBe("Ankle boot");
  });
  it("says how to install the data when it is missing, and refuses bad options by name", () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "replab-fmnist-"));
    expect(() => loadFashionMnist({ dir: empty })).toThrow(/train-images-idx3-ubyte\(\.gz\) is not in .*apt-get install dataset-fashion-mnist/);
    fs.rmSync(empty, { recursive: true });
    expect(() => loadFashionMnist({ pool: 3 as 2 })).toThrow(/pool=3 is not 1, 2 or 4/);
    expect(() => loadFashionMnist({ split: "val" as "train" })).toThrow(/split="val"/);
    expect(() => loadFashionMnist({ perClass: 0 })).toThrow(/perClass=0/);
  });
});
