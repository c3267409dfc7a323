import { MLP_KERNELS_WASM_BASE64, MLP_KERNELS_FMA_WASM_BASE64 } from "./mlp-kernels.js";
import type { FusedMlp, HostLogitsLoss } from "../fused-mlp.js";

// The few WebAssembly JavaScript-API names used here (lib "ES2023" has no WebAssembly types).
interface WasmModule { readonly __wasmModule?: never }
declare const WebAssembly: {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: unknown };
};

interface Kernels {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  transpose(src: number, ss: number, R: number, C: number, dst: number, ds: number): void;
  pack(a: number, ars: number, aks: number, M: number, K: number, bs: number, dst: number, counts: number): void;
  product(list: number, counts: number, K: number, b: number, c: number, cs: number, M: number, N: number, mode: number, e: number, alpha: number, t: number, ts: number): void;
  colsumAxpy(a: number, as: number, M: number, N: number, b: number, alpha: number): void;
}

/** The kernels' epilogues (see mlp-kernels.wat.mjs). */
const UPDATE = 0, RELU_BIAS = 1, BIAS = 2, MASK = 3, UPDATE_AND_TRANSPOSE = 4;
const ceil4 = (n: number) => (n + 3) & ~3;

/** The kernel builds (see mlp-kernels.wat.mjs): with relaxed SIMD's fused multiply-add, and plain SIMD. */
export type MlpKernelBuild = "fma" | "plain";
const compiled = new Map<MlpKernelBuild, WasmModule | null>();
/** A kernel build compiled, or null where this JavaScript engine cannot run it. */
function kernelsModule(build: MlpKernelBuild): WasmModule | null {
  if (!compiled.has(build)) {
    const bytes = Uint8Array.from(atob(build === "fma" ? MLP_KERNELS_FMA_WASM_BASE64 : MLP_KERNELS_WASM_BASE64), (c) => c.charCodeAt(0));
    let m: WasmModule | null = null;
    try { if (WebAssembly.validate(bytes)) m = new WebAssembly.Module(bytes); } catch { m = null; }
    compiled.set(build, m);
  }
  return compiled.get(build)!;
}

/** Whether this JavaScript engine runs a kernel build. */
export function kernelBuildRuns(build: MlpKernelBuild): boolean {
  return kernelsModule(build) !== null;
}

/**
 * The kernel build replab uses on this engine: "fma" where relaxed SIMD validates (V8 from 11.4;
 * Node 20 with `--experimental-wasm-relaxed-simd`), else "plain" (WebAssembly SIMD), else null.
 */
export function mlpKernelBuild(): MlpKernelBuild | null {
  return kernelsModule("fma") ? "fma" : kernelsModule("plain") ? "plain" : null;
}

/**
 * The WebAssembly engine of the fused step: an MLP's weights packed in WebAssembly memory, with
 * its forward pass and the fused SGD step (forward, loss gradient on the host, backward and
 * update in one pass over the layers, no intermediate gradient tensors). Layer l's W is [sizes[l], sizes[l+1]] row-major with rows
 * padded to a multiple of 4 floats (zeros), so every kernel call runs on 4-lane vectors; the
 * zero padding stays zero through training (its inputs and gradients are zero).
 *
 * Per step, for layer l from the top: dz_l = (dz_{l+1}·W_lᵀ) ⊙ [h_l > 0] with the old W_l
 * (through a transposed copy that the update keeps equal to W_l), then W_l += −lr·h_lᵀ·dz_{l+1}
 * and b_l += −lr·Σ_i dz_{l+1}[i] in place — the same arithmetic as {@link Mlp}'s tfjs backward
 * pass, in float32. Products skip the k where a group of 4 rows of the left operand is all zero
 * (ReLU activations, blank pixels): adding 0·b changes no finite sum.
 */
export class WasmMlp implements FusedMlp {
  private readonly k: Kernels;
  private f: Float32Array;
  /** Padded widths, input first. */
  private readonly pad: number[];
  private readonly Woff: number[] = [];
  private readonly boff: number[] = [];
  /** Wᵀ of every layer but the first (the backward pass reads W_l through it), kept equal to W_l by the update. */
  private readonly WToff: number[] = [];
  private readonly weightsEnd: number;
  private rows = 0;
  private h: number[] = [];
  private dz: [number, number] = [0, 0];
  private list = 0;
  private counts = 0;

  private constructor(module: WasmModule, readonly sizes: readonly number[]) {
    this.k = new WebAssembly.Instance(module, {}).exports as unknown as Kernels;
    this.pad = sizes.map(ceil4);
    let off = 0;
    for (let l = 0; l + 1 < sizes.length; l++) {
      this.Woff.push(off); off += 4 * this.pad[l]! * this.pad[l + 1]!;
      this.boff.push(off); off += 4 * this.pad[l + 1]!;
      this.WToff.push(off); if (l > 0) off += 4 * this.pad[l]! * this.pad[l + 1]!;
    }
    this.weightsEnd = off;
    this.f = this.grow(off);
  }

  /** A packed MLP of these layer widths on a kernel build (default {@link mlpKernelBuild}), or null where the engine cannot run it. */
  static create(sizes: readonly number[], build: MlpKernelBuild | null = mlpKernelBuild()): WasmMlp | null {
    const m = build ? kernelsModule(build) : null;
    return m ? new WasmMlp(m, sizes) : null;
  }

  private get layers(): number { return this.sizes.length - 1; }

  private grow(bytes: number): Float32Array {
    const have = this.k.memory.buffer.byteLength;
    if (bytes > have) this.k.memory.grow(Math.ceil((bytes - have) / 65536));
    return new Float32Array(this.k.memory.buffer);
  }

  /** Room for activations and gradients of `n` rows (rounded up to 4). */
  private ensureRows(n: number): void {
    const rows = ceil4(Math.max(n, 1));
    if (rows <= this.rows) return;
    let off = this.weightsEnd;
    const alloc = (floats: number) => { const at = off; off += 4 * floats; return at; };
    this.h = this.pad.map((p) => alloc(rows * p));
    const widest = Math.max(...this.pad.slice(1));
    this.dz = [alloc(rows * widest), alloc(rows * widest)];
    const groups = Math.max(rows, ...this.pad) / 4;
    this.list = alloc(groups * Math.max(rows, ...this.pad) * 5);
    this.counts = alloc(groups);
    this.f = this.grow(off);
    this.f.fill(0, this.weightsEnd / 4);
    this.rows = rows;
  }

  /** Loads weights in {@link Mlp.getWeights}' order [W0, b0, W1, b1, …] (row-major). */
  load(weights: readonly ArrayLike<number>[]): void {
    for (let l = 0; l < this.layers; l++) {
      const K = this.sizes[l]!, N = this.sizes[l + 1]!, P = this.pad[l + 1]!, w = weights[2 * l]!, o = this.Woff[l]! / 4;
      this.f.fill(0, o, o + this.pad[l]! * P);
      for (let k = 0; k < K; k++) for (let j = 0; j < N; j++) this.f[o + k * P + j] = w[k * N + j]!;
      const b = weights[2 * l + 1]!, ob = this.boff[l]! / 4;
      this.f.fill(0, ob, ob + P);
      for (let j = 0; j < N; j++) this.f[ob + j] = b[j]!;
      if (l > 0) this.k.transpose(this.Woff[l]!, 4 * P, this.pad[l]!, P, this.WToff[l]!, 4 * this.pad[l]!);
    }
  }

  /** The weights in {@link Mlp.getWeights}' order (copies). */
  read(): Float32Array[] {
    const out: Float32Array[] = [];
    for (let l = 0; l < this.layers; l++) {
      const K = this.sizes[l]!, N = this.sizes[l + 1]!, P = this.pad[l + 1]!, o = this.Woff[l]! / 4;
      const w = new Float32Array(K * N);
      for (let k = 0; k < K; k++) w.set(this.f.subarray(o + k * P, o + k * P + N), k * N);
      out.push(w, this.f.slice(this.boff[l]! / 4, this.boff[l]! / 4 + N));
    }
    return out;
  }

  /**
   * C[M, N] = epilogue(A·B) for A(r, k) at a + r·ars + k·aks (byte offsets), B [K, N] with row
   * stride bs, C with row stride cs, skipping the k where a group of 4 rows of A is all zero.
   * `e`: the bias (RELU_BIAS, BIAS), the mask (MASK) or where Cᵀ goes (UPDATE_AND_TRANSPOSE).
   */
  private product(a: number, ars: number, aks: number, b: number, bs: number, c: number, cs: number, M: number, K: number, N: number, mode: number, e = 0, alpha = 0): void {
    this.k.pack(a, ars, aks, M, K, bs, this.list, this.counts);
    this.k.product(this.list, this.counts, K, b, c, cs, M, N, mode, e, alpha, e, 4 * M);
  }

  /** Forward pass of `n` rows of `x` (row-major, sizes[0] per row); leaves every layer's activations in memory. */
  private forward(x: Float32Array, n: number): void {
    this.ensureRows(n);
    const n0 = this.sizes[0]!, p0 = this.pad[0]!, h0 = this.h[0]! / 4, rows = ceil4(n);
    if (n0 === p0) this.f.set(x.subarray(0, n * n0), h0);
    else for (let i = 0; i < n; i++) this.f.set(x.subarray(i * n0, i * n0 + n0), h0 + i * p0);
    this.f.fill(0, h0 + n * p0, h0 + rows * p0);
    for (let l = 0; l < this.layers; l++) {
      const Pin = this.pad[l]!, P = this.pad[l + 1]!;
      this.product(this.h[l]!, 4 * Pin, 4, this.Woff[l]!, 4 * P, this.h[l + 1]!, 4 * P, rows, this.sizes[l]!, P, l + 1 < this.layers ? RELU_BIAS : BIAS, this.boff[l]!);
    }
  }

  /** Logits of `n` rows of `x` as a fresh [n, classes] row-major array. */
  logits(x: Float32Array, n: number): Float32Array {
    this.forward(x, n);
    const C = this.sizes[this.layers]!, P = this.pad[this.layers]!, o = this.h[this.layers]! / 4;
    const out = new Float32Array(n * C);
    for (let i = 0; i < n; i++) out.set(this.f.subarray(o + i * P, o + i * P + C), i * C);
    return out;
  }

  /**
   * One SGD step θ ← θ − lr·∇θ loss(logits(x)) on `n` rows of `x`, the loss and its gradient on
   * the logits computed by `loss` on the host; returns the loss before the step.
   */
  step(x: Float32Array, n: number, loss: HostLogitsLoss, lr: number): number {
    this.forward(x, n);
    const L = this.layers, C = this.sizes[L]!, PC = this.pad[L]!, rows = ceil4(n);
    let dOut = this.dz[0], dIn = this.dz[1];
    const grad = this.f.subarray(dOut / 4, dOut / 4 + rows * PC);
    grad.fill(0);
    const value = loss(this.f.subarray(this.h[L]! / 4, this.h[L]! / 4 + rows * PC), PC, n, C, grad);
    for (let l = L - 1; l >= 0; l--) {
      const Pin = this.pad[l]!, P = this.pad[l + 1]!;
      if (l > 0) this.product(dOut, 4 * P, 4, this.WToff[l]!, 4 * Pin, dIn, 4 * Pin, rows, this.sizes[l + 1]!, Pin, MASK, this.h[l]!);
      this.product(this.h[l]!, 4, 4 * Pin, dOut, 4 * P, this.Woff[l]!, 4 * P, Pin, n, P, l > 0 ? UPDATE_AND_TRANSPOSE : UPDATE, this.WToff[l]!, -lr);
      this.k.colsumAxpy(dOut, 4 * P, n, P, this.boff[l]!, -lr);
      [dOut, dIn] = [dIn, dOut];
    }
    return value;
  }
}
