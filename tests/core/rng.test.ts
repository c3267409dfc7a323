import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { rng, ReplabError } from "../../lib/core/index.js";

const fixture = JSON.parse(fs.readFileSync(new URL("./fixtures/core.json", import.meta.url), "utf8"));

describe("rng (xoshiro128** seeded by SplitMix32)", () => {
  it("matches an independent Python re-typing of the reference algorithm", () => {
    for (const [seed, expected] of Object.entries(fixture.uint32 as Record<string, number[]>)) {
      const g = rng(Number(seed));
      expect(expected.map(() => g.uint32())).toEqual(expected);
    }
    for (const [seed, expected] of Object.entries(fixture.doubles as Record<string, number[]>)) {
      const g = rng(Number(seed));
      expect(expected.map(() => g.next())).toEqual(expected);
    }
  });

  it("is reproducible, and forks are stable and independent of draw order", () => {
    const a = rng(5), b = rng(5);
    a.next(); a.next();
    expect(a.fork("x").next()).toBe(b.fork("x").next());
    expect(rng(5).fork("x").next()).not.toBe(rng(5).fork("y").next());
  });

  it("draws integers, normals, shuffles and categories with the right distribution", () => {
    const g = rng(123);
    const counts = new Array(4).fill(0);
    for (let i = 0; i < 40000; i++) counts[g.int(4)]++;
    for (const c of counts) expect(Math.abs(c / 40000 - 0.25)).toBeLessThan(0.01);
    let s = 0, s2 = 0;
    for (let i = 0; i < 40000; i++) { const z = g.normal(); s += z; s2 += z * z; }
    expect(Math.abs(s / 40000)).toBeLessThan(0.03);
    expect(Math.abs(s2 / 40000 - 1)).toBeLessThan(0.03);
    const cat = [0, 0, 0];
    for (let i = 0; i < 30000; i++) cat[g.categorical([1, 0, 3])]++;
    expect(cat[1]).toBe(0);
    expect(Math.abs(cat[2]! / 30000 - 0.75)).toBeLessThan(0.02);
    expect(g.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("rejects bad seeds and arguments with a clear error", () => {
    expect(() => rng(-1)).toThrow(ReplabError);
    expect(() => rng(1.5)).toThrow(/rng: seed=1.5 is not an integer; pass a whole number/);
    expect(() => rng(2 ** 32)).toThrow(/seed below 4294967296/);
    expect(() => rng(1).categorical([0, 0])).toThrow(/sum to 0/);
    expect(() => rng(1).categorical([1, NaN])).toThrow(/weights\[1\]=NaN/);
    expect(() => rng(1).choice([])).toThrow(/is empty/);
  });
});
