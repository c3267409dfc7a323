import { require_ } from "../core/errors.js";
import { WasmMlp, kernelBuildRuns, mlpKernelBuild, type MlpKernelBuild } from "./wasm/wasm-mlp.js";
import { NativeMlp, nativeMlpLoaded, nativeMlpStatus } from "./native/native-mlp.js";

/**
 * A loss computed on the host from a batch's logits: `logits` holds row i at `i·stride` (its
 * first `classes` entries are the logits), and the loss writes ∂loss/∂z at the same places of
 * `grad` (zeroed beforehand) and returns the loss value.
 */
export type HostLogitsLoss = (logits: Float32Array, stride: number, n: number, classes: number, grad: Float32Array) => number;

/**
 * An MLP's weights held by one engine of the fused step between steps, with its forward pass and
 * the fused SGD step: forward, the loss gradient on the host, then for layer l from the top
 * dz_l = (dz_{l+1}·W_lᵀ) ⊙ [h_l > 0] with the old W_l, W_l += −lr·h_lᵀ·dz_{l+1} and
 * b_l += −lr·Σ_i dz_{l+1}[i] — the same arithmetic as {@link Mlp}'s tfjs backward pass, in float32.
 */
export interface FusedMlp {
  readonly sizes: readonly number[];
  /** Loads weights in {@link Mlp.getWeights}' order [W0, b0, W1, b1, …] (row-major). */
  load(weights: readonly ArrayLike<number>[]): void;
  /** The weights in {@link Mlp.getWeights}' order (copies). */
  read(): Float32Array[];
  /** Logits of `n` rows of `x` (row-major, sizes[0] per row) as a fresh [n, classes] row-major array. */
  logits(x: Float32Array, n: number): Float32Array;
  /** One SGD step θ ← θ − lr·∇θ loss(logits(x)) on `n` rows of `x`; returns the loss before the step. */
  step(x: Float32Array, n: number, loss: HostLogitsLoss, lr: number): number;
}

/**
 * The engines of the fused step: "native" — OpenBLAS's sgemm through replab's Node-API addon
 * (lib/models/native), built by `npm run build` where a C compiler and OpenBLAS are present —,
 * and the WebAssembly SIMD kernels, "fma" (relaxed SIMD's fused multiply-add) or "plain".
 */
export type MlpEngine = "native" | MlpKernelBuild;

const ENGINES: readonly MlpEngine[] = ["native", "fma", "plain"];

/** Whether an engine runs in this process. */
function runs(engine: MlpEngine): boolean {
  return engine === "native" ? nativeMlpLoaded() : kernelBuildRuns(engine);
}

/** The engines that run in this process, fastest first (native, then the WebAssembly builds). */
export function mlpEngines(): MlpEngine[] {
  return ENGINES.filter(runs);
}

/**
 * The engine the fused step uses by default: "native" where the addon loads (not with
 * `REPLAB_NATIVE=0`), else {@link mlpKernelBuild}'s WebAssembly build, else null.
 */
export function mlpEngine(): MlpEngine | null {
  return nativeMlpLoaded() ? "native" : mlpKernelBuild();
}

/**
 * The engine a model asked for by `where` (`createMlp`'s `engine`) uses: that engine, checked to
 * be known and running here, or {@link mlpEngine}'s choice when none was asked for.
 */
export function checkedMlpEngine(where: string, engine: unknown): MlpEngine | null {
  if (engine === undefined) return mlpEngine();
  require_(ENGINES.includes(engine as MlpEngine), where, "engine", engine, `is not one of ${ENGINES.join(", ")}`, "pass an engine name, or leave it out for mlpEngine()'s choice");
  if (runs(engine as MlpEngine)) return engine as MlpEngine;
  // the reason and the hint only when it fails
  const why = engine === "native" ? nativeMlpStatus().reason : "this JavaScript engine does not validate that WebAssembly build (relaxed SIMD needs V8 ≥ 11.4, or Node 20's --experimental-wasm-relaxed-simd)";
  require_(false, where, "engine", engine, `does not run here: ${why}`, `pick one of mlpEngines() (${mlpEngines().join(", ") || "none"})`);
}

/** The fused step's weights for these layer widths on an engine (default {@link mlpEngine}), or null where none runs. */
export function createFusedMlp(sizes: readonly number[], engine: MlpEngine | null = mlpEngine()): FusedMlp | null {
  if (engine === "native") return NativeMlp.create(sizes);
  return WasmMlp.create(sizes, engine);
}

export { mlpKernelBuild, type MlpKernelBuild };
