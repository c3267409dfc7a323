import { requireInteger, require_ } from "./errors.js";

/**
 * A seeded random number generator: xoshiro128** (Blackman & Vigna 2018) seeded through
 * SplitMix32, with 53-bit uniform doubles. One generator feeds every random choice in replab,
 * so the same seed gives the same numbers on the same backend.
 */
export interface Rng {
  /** The seed this generator was made from. */
  readonly seed: number;
  /** Uniform double in [0, 1) with 53 random bits. */
  next(): number;
  /** Unsigned 32-bit integer. */
  uint32(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal draw (Box–Muller). */
  normal(mean?: number, std?: number): number;
  /** Fisher–Yates shuffle of a copy of `items`. */
  shuffle<T>(items: readonly T[]): T[];
  /** One element of `items`, uniformly. */
  choice<T>(items: readonly T[]): T;
  /** Index drawn from unnormalised non-negative `weights`. */
  categorical(weights: ArrayLike<number>): number;
  /** An independent generator derived from this one's seed and a label (stable across runs). */
  fork(label: string | number): Rng;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function hashLabel(seed: number, label: string | number): number {
  const text = `${seed}:${label}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

/** Creates a seeded generator. `seed` must be a non-negative integer below 2^32. */
export function rng(seed: number): Rng {
  requireInteger("rng", "seed", seed, 0);
  require_(seed < 2 ** 32, "rng", "seed", seed, "is 2^32 or more", "pass a seed below 4294967296");
  const init = splitmix32(seed);
  let a = init(), b = init(), c = init(), d = init();
  if ((a | b | c | d) === 0) a = 1;
  const uint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a; d ^= b; b ^= c; a ^= d; c ^= t; d = rotl(d, 11);
    return result;
  };
  let spareNormal: number | null = null;
  const gen: Rng = {
    seed,
    uint32,
    next: () => ((uint32() >>> 5) * 67108864 + (uint32() >>> 6)) / 9007199254740992,
    int(n: number) {
      requireInteger("rng.int", "n", n, 1);
      return Math.floor(gen.next() * n);
    },
    normal(mean = 0, std = 1) {
      if (spareNormal !== null) { const z = spareNormal; spareNormal = null; return mean + std * z; }
      let u = 0;
      while (u === 0) u = gen.next();
      const v = gen.next();
      const r = Math.sqrt(-2 * Math.log(u));
      spareNormal = r * Math.sin(2 * Math.PI * v);
      return mean + std * r * Math.cos(2 * Math.PI * v);
    },
    shuffle<T>(items: readonly T[]): T[] {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(gen.next() * (i + 1));
        const tmp = out[i]!; out[i] = out[j]!; out[j] = tmp;
      }
      return out;
    },
    choice<T>(items: readonly T[]): T {
      require_(items.length > 0, "rng.choice", "items", items, "is empty", "pass at least one item");
      return items[Math.floor(gen.next() * items.length)]!;
    },
    categorical(weights: ArrayLike<number>): number {
      let total = 0;
      for (let i = 0; i < weights.length; i++) {
        const w = weights[i]!;
        // Checked inline so the common path builds no error text (this runs on every sampled token).
        if (!(w >= 0 && w < Infinity)) require_(false, "rng.categorical", `weights[${i}]`, w, "is negative or not finite", "pass non-negative finite weights");
        total += w;
      }
      require_(total > 0, "rng.categorical", "weights", weights, "sum to 0", "give at least one weight above 0");
      let u = gen.next() * total;
      for (let i = 0; i < weights.length; i++) {
        u -= weights[i]!;
        if (u < 0) return i;
      }
      for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
      return weights.length - 1;
    },
    fork: (label: string | number) => rng(hashLabel(seed, label)),
  };
  return gen;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

let defaultSeed = 0;

/** Sets the session's default seed (shown by `environment()` and used when a call gets no seed). */
export function setSeed(seed: number): void {
  requireInteger("setSeed", "seed", seed, 0);
  defaultSeed = seed;
}

/** The session's default seed (0 unless `setSeed` or `REPLAB_SEED` changed it). */
export function getSeed(): number {
  return defaultSeed;
}

const fromEnv = process.env.REPLAB_SEED;
if (fromEnv !== undefined && /^\d+$/.test(fromEnv)) defaultSeed = Number(fromEnv);
