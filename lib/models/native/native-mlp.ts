import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { require_ } from "../../core/errors.js";
import type { FusedMlp, HostLogitsLoss } from "../fused-mlp.js";

/** The addon's functions (lib/models/native/mlp-blas.c); offsets and sizes count floats of `buf`. */
interface BlasAddon {
  dense(buf: Float32Array, x: number, W: number, b: number, out: number, M: number, K: number, N: number, relu: number): void;
  backInput(buf: Float32Array, dz: number, W: number, h: number, dh: number, M: number, K: number, N: number): void;
  /** `sum`: N floats of scratch for the bias gradient's column sums (zeroed by the call). */
  update(buf: Float32Array, h: number, dz: number, W: number, b: number, sum: number, M: number, K: number, N: number, alpha: number): void;
  setThreads(n: number): void;
  info(): { config: string; core: string; threads: number };
}

/** Whether the native engine runs here, and what it runs on or why not. */
export interface NativeMlpStatus {
  loaded: boolean;
  /** Why it does not run (empty when it does). */
  reason: string;
  /** The addon file replab looks for. */
  file: string;
  /** OpenBLAS's own description (`openblas_get_config()`), its kernel family and its thread count, when loaded. */
  openblas?: string;
  core?: string;
  threads?: number;
}

/** replab's package root: the nearest folder above this file whose package.json is replab's (the same for lib/ and dist/lib/). */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pj = path.join(dir, "package.json");
    if (fs.existsSync(pj) && (JSON.parse(fs.readFileSync(pj, "utf8")) as { name?: string }).name === "replab") return dir;
    const up = path.dirname(dir);
    if (up === dir) return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
    dir = up;
  }
}

/** Where `npm run build` (lib/models/native/build.mjs, node-gyp) writes the addon. */
export function nativeAddonFile(): string {
  return path.join(packageRoot(), "lib", "models", "native", "build", "Release", "replab_mlp_blas.node");
}

/** The thread count for OpenBLAS: `REPLAB_BLAS_THREADS` (a whole number ≥ 1), else 1 — as the PyTorch baseline runs. */
function blasThreads(): number {
  const raw = process.env.REPLAB_BLAS_THREADS;
  if (raw === undefined || raw === "") return 1;
  const n = Number(raw);
  require_(Number.isInteger(n) && n >= 1, "replab native MLP engine", "REPLAB_BLAS_THREADS", raw, "is not a whole number ≥ 1", "unset it for one thread, or set e.g. REPLAB_BLAS_THREADS=2");
  return n;
}

/**
 * Loads the addon at `file` and sets OpenBLAS's thread count ({@link blasThreads}); the addon, or
 * null and why not (missing: not built; present but unloadable: the loader's message).
 */
export function loadNativeAddon(file: string): { addon: BlasAddon | null; reason: string } {
  if (!fs.existsSync(file)) {
    return { addon: null, reason: `not built (${file} is missing: \`npm run build\` builds it where a C compiler and OpenBLAS are installed, e.g. apt-get install build-essential libopenblas-dev)` };
  }
  let addon: BlasAddon;
  try {
    addon = createRequire(import.meta.url)(file) as BlasAddon;
  } catch (e) {
    return { addon: null, reason: `${file} does not load: ${(e as Error).message.split("\n")[0]}` };
  }
  addon.setThreads(blasThreads());
  return { addon, reason: "" };
}

let loaded: { addon: BlasAddon | null; status: NativeMlpStatus } | undefined;

function load(): { addon: BlasAddon | null; status: NativeMlpStatus } {
  if (loaded) return loaded;
  const file = nativeAddonFile();
  if (process.env.REPLAB_NATIVE === "0") {
    loaded = { addon: null, status: { loaded: false, reason: "turned off by REPLAB_NATIVE=0", file } };
    return loaded;
  }
  const { addon, reason } = loadNativeAddon(file);
  const info = addon?.info();
  loaded = { addon, status: { loaded: addon !== null, reason, file, ...(info ? { openblas: info.config, core: info.core, threads: info.threads } : {}) } };
  return loaded;
}

/** Whether the native engine runs in this process (read once): {@link nativeMlpStatus}'s `loaded`, without asking OpenBLAS for its description. */
export function nativeMlpLoaded(): boolean {
  return load().addon !== null;
}

/** Whether the native engine runs in this process (read once), with OpenBLAS's description or the reason it does not. */
export function nativeMlpStatus(): NativeMlpStatus {
  const s = load().status;
  // the thread count as OpenBLAS reports it now
  return s.loaded ? { ...s, threads: load().addon!.info().threads } : { ...s };
}

/**
 * The native engine of the fused step: the weights, activations and gradients in one
 * Float32Array that this driver owns (row-major, each layer at its own width), on which the
 * addon works in place — cblas_sgemm for the products, with its transposes (dz·Wᵀ, hᵀ·dz)
 * rather than transposed copies, and plain C loops for the bias, ReLU, its mask and the bias
 * update. The arithmetic is {@link FusedMlp}'s; OpenBLAS runs on one thread unless
 * `REPLAB_BLAS_THREADS` says otherwise.
 */
export class NativeMlp implements FusedMlp {
  private f: Float32Array;
  private readonly Woff: number[] = [];
  private readonly boff: number[] = [];
  private readonly weightsEnd: number;
  private rows = 0;
  private h: number[] = [];
  private dz: [number, number] = [0, 0];
  /** A row of the widest layer's width: the update's bias column sums. */
  private colSum = 0;

  private constructor(private readonly blas: BlasAddon, readonly sizes: readonly number[]) {
    let off = 0;
    for (let l = 0; l + 1 < sizes.length; l++) {
      this.Woff.push(off); off += sizes[l]! * sizes[l + 1]!;
      this.boff.push(off); off += sizes[l + 1]!;
    }
    this.weightsEnd = off;
    this.f = new Float32Array(off);
  }

  /** The native engine for these layer widths, or null where the addon does not run ({@link nativeMlpStatus}). */
  static create(sizes: readonly number[]): NativeMlp | null {
    const { addon } = load();
    return addon ? new NativeMlp(addon, sizes) : null;
  }

  private get layers(): number { return this.sizes.length - 1; }

  /** Room for activations and gradients of `n` rows (the weights are copied into a larger array when it grows). */
  private ensureRows(n: number): void {
    const rows = Math.max(n, 1);
    if (rows <= this.rows) return;
    let off = this.weightsEnd;
    this.h = this.sizes.map((s) => { const at = off; off += rows * s; return at; });
    const widest = Math.max(...this.sizes.slice(1));
    this.dz = [off, off + rows * widest];
    off += 2 * rows * widest;
    this.colSum = off;
    off += widest;
    const f = new Float32Array(off);
    f.set(this.f.subarray(0, this.weightsEnd));
    this.f = f;
    this.rows = rows;
  }

  load(weights: readonly ArrayLike<number>[]): void {
    for (let l = 0; l < this.layers; l++) {
      this.f.set(weights[2 * l]!, this.Woff[l]!);
      this.f.set(weights[2 * l + 1]!, this.boff[l]!);
    }
  }

  read(): Float32Array[] {
    const out: Float32Array[] = [];
    for (let l = 0; l < this.layers; l++) {
      const K = this.sizes[l]!, N = this.sizes[l + 1]!;
      out.push(this.f.slice(this.Woff[l]!, this.Woff[l]! + K * N), this.f.slice(this.boff[l]!, this.boff[l]! + N));
    }
    return out;
  }

  /** Forward pass of `n` rows of `x`; leaves every layer's activations in the array. */
  private forward(x: Float32Array, n: number): void {
    this.ensureRows(n);
    this.f.set(x.subarray(0, n * this.sizes[0]!), this.h[0]!);
    for (let l = 0; l < this.layers; l++) {
      this.blas.dense(this.f, this.h[l]!, this.Woff[l]!, this.boff[l]!, this.h[l + 1]!, n, this.sizes[l]!, this.sizes[l + 1]!, l + 1 < this.layers ? 1 : 0);
    }
  }

  logits(x: Float32Array, n: number): Float32Array {
    this.forward(x, n);
    const o = this.h[this.layers]!;
    return this.f.slice(o, o + n * this.sizes[this.layers]!);
  }

  step(x: Float32Array, n: number, loss: HostLogitsLoss, lr: number): number {
    this.forward(x, n);
    const L = this.layers, C = this.sizes[L]!, z = this.h[L]!;
    let dOut = this.dz[0], dIn = this.dz[1];
    const grad = this.f.subarray(dOut, dOut + n * C);
    grad.fill(0);
    const value = loss(this.f.subarray(z, z + n * C), C, n, C, grad);
    for (let l = L - 1; l >= 0; l--) {
      const K = this.sizes[l]!, N = this.sizes[l + 1]!;
      if (l > 0) this.blas.backInput(this.f, dOut, this.Woff[l]!, this.h[l]!, dIn, n, K, N);
      this.blas.update(this.f, this.h[l]!, dOut, this.Woff[l]!, this.boff[l]!, this.colSum, n, K, N, -lr);
      [dOut, dIn] = [dIn, dOut];
    }
    return value;
  }
}
