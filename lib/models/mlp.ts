import { tf, initBackend } from "../core/backend.js";
import { require_, requireFinite, requireInteger } from "../core/errors.js";
import { rng } from "../core/rng.js";
import { type LabelledData, checkLabelledData } from "./labelled-data.js";
import { type LogitsLoss, crossEntropyLoss, crossEntropyLossOfArray, lossValueAndGradient, softmaxCrossEntropyPerExample } from "./losses.js";
import { type FusedMlp, type HostLogitsLoss, type MlpEngine, checkedMlpEngine, createFusedMlp } from "./fused-mlp.js";

/** Gradients (or any per-parameter tensors) shaped like an MLP's weights and biases. */
export interface MlpTensors {
  W: tf.Tensor2D[];
  b: tf.Tensor1D[];
}

/** Options for {@link Mlp.step}. */
export interface MlpStepOptions {
  /** SGD learning rate. */
  lr: number;
  /**
   * A parameter penalty's gradient, added to the loss gradient before the update (EWC, L2, …):
   * gets the current weights and biases, returns tensors of the same shapes (disposed after use).
   */
  penaltyGrad?: (params: MlpTensors) => MlpTensors;
}

/** Options for {@link createMlp}. */
export interface MlpOptions {
  /** Layer widths, input first, classes last, e.g. [64, 256, 256, 10]. */
  sizes: number[];
  /** Seed of the initial weights (PyTorch's `nn.Linear` rule: U(−1/√fan_in, 1/√fan_in) for W and b). */
  seed: number;
  /**
   * Use the fused path on the CPU backends (wasm, cpu): `step`/`trainStep` without a
   * `penaltyGrad`, and `logits` (default true); false keeps everything in tfjs. See {@link Mlp}.
   */
  fused?: boolean;
  /** The fused path's engine (default {@link mlpEngine}: "native" where the OpenBLAS addon loads, else the WebAssembly build). */
  engine?: MlpEngine;
}

/** Marks the options of createMlpSync and clone, whose engine is checked (or chosen) already. */
const ENGINE_CHECKED = Symbol("engine checked");
type CheckedOptions = { fused?: boolean; engine: MlpEngine | null; [ENGINE_CHECKED]: true };

/** Checks an input `x` (a tensor, a dataset or row-major floats) against the model's input width; its row count. */
function inputRows(where: string, x: tf.Tensor2D | LabelledData | Float32Array, features: number): number {
  if (x instanceof tf.Tensor) {
    require_(x.rank === 2 && x.shape[1] === features, where, "x", x.shape.join("×"), `is not [n, ${features}]`, `pass an [n, ${features}] tensor`);
    return x.shape[0];
  }
  if (x instanceof Float32Array) {
    require_(x.length % features === 0, where, "x.length", x.length, `is not a multiple of ${features}`, `pass n rows of ${features} values`);
    return x.length / features;
  }
  checkLabelledData(where, "x", x);
  require_(x.features === features, where, "x.features", x.features, `is not the model's input width ${features}`, "pass data with as many features as sizes[0]");
  return x.n;
}

/** Rows of `x` as a row-major Float32Array (the fused step's input). */
function toRows(where: string, x: tf.Tensor2D | LabelledData | Float32Array, features: number): { data: Float32Array; n: number } {
  const n = inputRows(where, x, features);
  if (x instanceof tf.Tensor) {
    const d = x.dataSync();
    return { data: d instanceof Float32Array ? d : Float32Array.from(d as ArrayLike<number>), n };
  }
  return { data: x instanceof Float32Array ? x : x.x, n };
}

/** `x` as an [n, features] tensor (the tfjs path's input; `x` itself when it is one). */
function toInput(where: string, x: tf.Tensor2D | LabelledData | Float32Array, features: number): tf.Tensor2D {
  const n = inputRows(where, x, features);
  return x instanceof tf.Tensor ? x : tf.tensor2d(x instanceof Float32Array ? x : x.x, [n, features]);
}

/**
 * A multilayer perceptron (Linear → ReLU → … → Linear) on tfjs tensors, trained by SGD with a
 * hand-written backward pass. The loss on the logits is any {@link LogitsLoss}: its analytic
 * `gradient` when it has one (cross-entropy does), else tfjs autograd on the logits alone — so
 * gradient ascent (the negation), distillation, NPO or weighted replay all work.
 *
 * Two paths take a step, with the same arithmetic (float32; equal within rounding, tested):
 * - **fused** (`step`/`trainStep` without `penaltyGrad`, and `logits` and all that uses it, on the
 *   wasm and cpu backends, unless created with `fused: false`): the weights stay with the fused
 *   step's engine between steps and one pass runs forward, loss gradient, backward and update
 *   (FusedMlp; `mlpEngine()` names the default engine: "native", OpenBLAS's sgemm through replab's
 *   addon, where it was built, else the WebAssembly SIMD kernels, `mlpKernelBuild()`'s build);
 *   `logits` runs the same forward pass. Why: tfjs re-packs a matMul's right operand for XNNPACK
 *   whenever that tensor is new, and SGD makes the weights new after every step. The loss's `onHost`
 *   (cross-entropy has one) works on the logits as arrays; any other loss runs in tfjs on the
 *   logits alone.
 * - **tfjs** (steps with `penaltyGrad` — EWC, ℓ1 —, `gradients`, other backends, `fused: false`):
 *   the same backward pass as tfjs ops, forming Wᵀ-free products only (dW = (hᵀ)·dz,
 *   dh = (W·dzᵀ)ᵀ), since on wasm a transposed matMul runs ~10× slower than a·b.
 *
 * `W` and `b` are tf.Variables either way: after fused steps they are brought up to date when
 * read (`model.W`, `model.b`, and everything that uses them), so read them afresh rather than
 * through an array kept from before the steps. Assigning a variable (`model.W[0].assign(…)`) is
 * seen by the next fused step. Measured in bench/training.ts.
 */
export class Mlp {
  private readonly weights: tf.Variable<tf.Rank.R2>[];
  private readonly biases: tf.Variable<tf.Rank.R1>[];
  private disposed = false;
  private readonly fused: boolean;
  private readonly engine: MlpEngine | null;
  /** The fused step's packed weights (created on the first fused step), or null. */
  private packed: FusedMlp | null = null;
  /** The variables' data ids when they and the packed weights last agreed. */
  private packedIds: object[] | null = null;
  /** The packed weights are newer than the variables (fused steps since the last sync). */
  private packedAhead = false;

  constructor(readonly sizes: readonly number[], W: tf.Tensor2D[], b: tf.Tensor1D[], options: { fused?: boolean; engine?: MlpEngine } = {}) {
    const checked = (options as Partial<CheckedOptions>)[ENGINE_CHECKED] === true;
    this.engine = checked ? (options as CheckedOptions).engine : checkedMlpEngine("Mlp", options.engine);
    this.weights = W.map((w) => tf.variable(w, true));
    this.biases = b.map((v) => tf.variable(v, true));
    this.fused = options.fused ?? true;
  }

  /** Weight matrices, layer l is [sizes[l], sizes[l+1]] (y = x·W + b); up to date after fused steps. */
  get W(): tf.Variable<tf.Rank.R2>[] { this.syncVariables(); return this.weights; }
  /** Bias vectors, layer l is [sizes[l+1]]; up to date after fused steps. */
  get b(): tf.Variable<tf.Rank.R1>[] { this.syncVariables(); return this.biases; }

  private variableIds(): object[] {
    return [...this.weights, ...this.biases].map((v) => v.dataId as object);
  }

  private variablesUnchanged(): boolean {
    const ids = this.variableIds();
    return this.packedIds !== null && ids.every((id, i) => id === this.packedIds![i]);
  }

  /** Writes the packed weights into the variables when fused steps left them behind (and no one assigned them since). */
  private syncVariables(): void {
    if (!this.packedAhead) return;
    this.packedAhead = false;
    if (!this.variablesUnchanged()) return;
    const w = this.packed!.read();
    tf.tidy(() => {
      for (let l = 0; l < this.weights.length; l++) {
        this.weights[l]!.assign(tf.tensor2d(w[2 * l]!, this.weights[l]!.shape as [number, number]));
        this.biases[l]!.assign(tf.tensor1d(w[2 * l + 1]!));
      }
    });
    this.packedIds = this.variableIds();
  }

  /** The packed weights, (re)loaded from the variables when these were assigned since the packed copy last matched them; null where no engine runs. */
  private packedWeights(): FusedMlp | null {
    this.packed ??= createFusedMlp(this.sizes, this.engine);
    if (!this.packed) return null;
    if (!this.variablesUnchanged()) {
      this.packed.load([...this.weights.flatMap((w, l) => [w.dataSync(), this.biases[l]!.dataSync()])]);
      this.packedIds = this.variableIds();
      this.packedAhead = false;
    }
    return this.packed;
  }

  /** The packed weights when the fused path serves this model now (see {@link Mlp}), else null. */
  private fusedPath(): FusedMlp | null {
    const backend = tf.getBackend();
    return this.fused && (backend === "wasm" || backend === "cpu") ? this.packedWeights() : null;
  }

  /** Number of classes (the last layer's width). */
  get classes(): number { return this.sizes[this.sizes.length - 1]!; }
  /** Number of trainable numbers. */
  get parameterCount(): number {
    let n = 0;
    for (let l = 0; l + 1 < this.sizes.length; l++) n += this.sizes[l]! * this.sizes[l + 1]! + this.sizes[l + 1]!;
    return n;
  }

  private alive(where: string): void {
    if (this.disposed) throw new Error(`${where}: this MLP was disposed; clone() it before disposing, or create a new one`);
  }

  private forward(x: tf.Tensor2D): tf.Tensor2D[] {
    const hs: tf.Tensor2D[] = [x];
    const W = this.W, b = this.b, L = W.length;
    for (let l = 0; l < L; l++) {
      const z = tf.add(tf.matMul(hs[l]!, W[l]!), b[l]!) as tf.Tensor2D;
      hs.push(l < L - 1 ? tf.relu(z) : z);
    }
    return hs;
  }

  /** Logits [n, classes] for inputs `x` (a tensor, a dataset or row-major floats). The caller disposes the result. */
  logits(x: tf.Tensor2D | LabelledData | Float32Array): tf.Tensor2D {
    this.alive("Mlp.logits");
    const packed = this.fusedPath();
    if (packed) {
      const { data, n } = toRows("Mlp.logits", x, this.sizes[0]!);
      return tf.tensor2d(packed.logits(data, n), [n, this.classes]);
    }
    return tf.tidy(() => {
      const hs = this.forward(toInput("Mlp.logits", x, this.sizes[0]!));
      return hs[hs.length - 1]!;
    });
  }

  /** Predicted class (argmax of the logits) of every row. */
  predict(x: tf.Tensor2D | LabelledData | Float32Array): Int32Array {
    const out = tf.tidy(() => tf.argMax(this.logits(x), 1));
    const pred = Int32Array.from(out.dataSync());
    out.dispose();
    return pred;
  }

  /** Per-example cross-entropy −log softmax(z_i)[y_i] on a labelled dataset. */
  lossPerExample(data: LabelledData): Float32Array {
    return this.evaluate(data).lossPerExample;
  }

  /** Accuracy (share of rows whose argmax logit is the label) on a labelled dataset; NaN-free, errors on an empty set. */
  accuracy(data: LabelledData): number {
    return this.evaluate(data).accuracy;
  }

  /** Accuracy, mean cross-entropy and per-example cross-entropy on `data`, in one forward pass. */
  evaluate(data: LabelledData): { accuracy: number; loss: number; lossPerExample: Float32Array } {
    this.alive("Mlp.evaluate");
    checkLabelledData("Mlp.evaluate", "data", data);
    require_(data.n > 0, "Mlp.evaluate", "data.n", data.n, "is 0", "evaluate on at least one example");
    const [pred, losses] = tf.tidy(() => {
      const z = this.logits(data);
      const y = tf.tensor1d(data.y, "int32");
      return [tf.argMax(z, 1), softmaxCrossEntropyPerExample(z, y)];
    });
    const p = pred.dataSync();
    const lossPerExample = Float32Array.from(losses.dataSync());
    pred.dispose(); losses.dispose();
    let correct = 0, total = 0;
    for (let i = 0; i < data.n; i++) { if (p[i] === data.y[i]) correct++; total += lossPerExample[i]!; }
    return { accuracy: correct / data.n, loss: total / data.n, lossPerExample };
  }

  /** Backward pass shared by gradients() and step(): gradients of `loss` scaled by `scale`. */
  private backward(x: tf.Tensor2D, loss: LogitsLoss, scale: number): { value: tf.Scalar; W: tf.Tensor2D[]; b: tf.Tensor1D[] } {
    const hs = this.forward(x);
    const L = this.W.length;
    const logits = hs[L]! as tf.Tensor2D;
    const { value, grad } = logitsGradient(loss, logits);
    let dz: tf.Tensor2D = (scale === 1 ? grad : tf.mul(grad, scale)) as tf.Tensor2D;
    const dW: tf.Tensor2D[] = new Array(L);
    const db: tf.Tensor1D[] = new Array(L);
    for (let l = L - 1; l >= 0; l--) {
      dW[l] = tf.matMul(tf.transpose(hs[l]!), dz);
      db[l] = tf.sum(dz, 0) as tf.Tensor1D;
      if (l > 0) {
        const dh = tf.transpose(tf.matMul(this.W[l]!, tf.transpose(dz))) as tf.Tensor2D;
        dz = tf.mul(dh, tf.step(hs[l]!)) as tf.Tensor2D;
      }
    }
    return { value: value as tf.Scalar, W: dW, b: db };
  }

  /**
   * Gradients of `loss(logits(x))` (its own `gradient` on the logits when it has one, else tfjs autograd) with respect to every weight and bias (caller disposes them),
   * and the loss value. Matches PyTorch autograd on the same network (tests/continual/fixtures/mlp-torch.json).
   */
  gradients(x: tf.Tensor2D | LabelledData | Float32Array, loss: LogitsLoss): { loss: number; grads: MlpTensors } {
    this.alive("Mlp.gradients");
    const out = tf.tidy(() => {
      const r = this.backward(toInput("Mlp.gradients", x, this.sizes[0]!), loss, 1);
      return [r.value, ...r.W, ...r.b];
    });
    const L = this.W.length;
    const value = out[0]!.dataSync()[0]!;
    out[0]!.dispose();
    return { loss: value, grads: { W: out.slice(1, 1 + L) as tf.Tensor2D[], b: out.slice(1 + L) as tf.Tensor1D[] } };
  }

  /**
   * One SGD step θ ← θ − lr·(∇θ loss(logits(x)) + penaltyGrad(θ)) on a caller-supplied loss of
   * the logits. Returns the loss before the step. Gradient ascent: pass `z => tf.neg(ce(z))`.
   */
  step(x: tf.Tensor2D | LabelledData | Float32Array, loss: LogitsLoss, options: MlpStepOptions): number {
    this.alive("Mlp.step");
    requireFinite("Mlp.step", "options.lr", options?.lr);
    const lr = options.lr;
    const packed = options.penaltyGrad ? null : this.fusedPath();
    if (packed) {
      const { data, n } = toRows("Mlp.step", x, this.sizes[0]!);
      const v = packed.step(data, n, loss.onHost ?? tfjsOnLogits(loss), lr);
      this.packedAhead = true;
      require_(Number.isFinite(v), "Mlp.step", "loss", v, "is not finite (training diverged)", "lower the learning rate or check the loss function");
      return v;
    }
    const value = tf.tidy(() => {
      const r = this.backward(toInput("Mlp.step", x, this.sizes[0]!), loss, lr);
      const pen = options.penaltyGrad ? options.penaltyGrad({ W: this.W, b: this.b }) : null;
      for (let l = 0; l < this.W.length; l++) {
        let gW: tf.Tensor = r.W[l]!, gb: tf.Tensor = r.b[l]!;
        if (pen) { gW = tf.add(gW, tf.mul(pen.W[l]!, lr)); gb = tf.add(gb, tf.mul(pen.b[l]!, lr)); }
        this.W[l]!.assign(tf.sub(this.W[l]!, gW) as tf.Tensor2D);
        this.b[l]!.assign(tf.sub(this.b[l]!, gb) as tf.Tensor1D);
      }
      return r.value;
    });
    const v = value.dataSync()[0]!;
    value.dispose();
    require_(Number.isFinite(v), "Mlp.step", "loss", v, "is not finite (training diverged)", "lower the learning rate or check the loss function");
    return v;
  }

  /** One SGD step on mean softmax cross-entropy against integer `labels`; returns the loss before the step. */
  trainStep(x: tf.Tensor2D | Float32Array, labels: Int32Array | tf.Tensor1D, lr: number): number {
    const y = labels instanceof tf.Tensor ? labels : tf.tensor1d(labels, "int32");
    try {
      // an Int32Array holds exactly the tensor's values, so the host path reads it rather than the tensor
      return this.step(x, labels instanceof Int32Array ? crossEntropyLossOfArray(y, labels) : crossEntropyLoss(y), { lr });
    } finally {
      if (!(labels instanceof tf.Tensor)) y.dispose();
    }
  }

  /** Weights and biases as plain arrays: [W0, b0, W1, b1, …] (row-major). */
  getWeights(): Float32Array[] {
    this.alive("Mlp.getWeights");
    if (this.packedAhead && this.variablesUnchanged()) return this.packed!.read();
    const out: Float32Array[] = [];
    for (let l = 0; l < this.W.length; l++) out.push(Float32Array.from(this.W[l]!.dataSync()), Float32Array.from(this.b[l]!.dataSync()));
    return out;
  }

  /** Sets weights and biases from arrays in {@link getWeights}' order. */
  setWeights(weights: ArrayLike<number>[]): void {
    this.alive("Mlp.setWeights");
    // checked against the variables' shapes, not through W/b, which would first copy in the packed weights these replace
    const L = this.weights.length;
    require_(weights.length === 2 * L, "Mlp.setWeights", "weights.length", weights.length, `is not ${2 * L}`, "pass [W0, b0, W1, b1, …] as getWeights() returns");
    for (let l = 0; l < L; l++) {
      const w = weights[2 * l]!, b = weights[2 * l + 1]!;
      require_(w.length === this.weights[l]!.size, "Mlp.setWeights", `weights[${2 * l}].length`, w.length, `is not ${this.weights[l]!.size}`, "pass arrays shaped as getWeights() returns");
      require_(b.length === this.biases[l]!.size, "Mlp.setWeights", `weights[${2 * l + 1}].length`, b.length, `is not ${this.biases[l]!.size}`, "pass arrays shaped as getWeights() returns");
    }
    this.packedAhead = false;
    tf.tidy(() => {
      for (let l = 0; l < L; l++) {
        this.weights[l]!.assign(tf.tensor2d(Float32Array.from(weights[2 * l]!), this.weights[l]!.shape as [number, number]));
        this.biases[l]!.assign(tf.tensor1d(Float32Array.from(weights[2 * l + 1]!)));
      }
    });
  }

  /** An independent copy (new tensors). */
  clone(): Mlp {
    this.alive("Mlp.clone");
    const options: CheckedOptions = { fused: this.fused, engine: this.engine, [ENGINE_CHECKED]: true };
    return new Mlp(this.sizes, this.W, this.b, options as { fused?: boolean });
  }

  /** Frees the tensors. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.packed = null;
    for (const v of [...this.weights, ...this.biases]) v.dispose();
  }
}

/** {@link lossValueAndGradient} for a step, refusing a loss whose gradient is not shaped like the logits (it did not return a scalar of them). */
function logitsGradient(loss: LogitsLoss, logits: tf.Tensor2D): { value: tf.Scalar; grad: tf.Tensor2D } {
  const r = lossValueAndGradient(loss, logits);
  require_(r.grad.shape.length === 2, "Mlp.step", "loss", "function", "does not return a scalar of the logits", "return a tf.Scalar computed from the logits");
  return r;
}

/** A loss without an `onHost` as a {@link HostLogitsLoss}: tfjs on the logits alone (its `gradient`, else autograd). */
function tfjsOnLogits(loss: LogitsLoss): HostLogitsLoss {
  return (z, stride, n, C, grad) => {
    const rows = new Float32Array(n * C);
    for (let i = 0; i < n; i++) rows.set(z.subarray(i * stride, i * stride + C), i * C);
    const [value, g] = tf.tidy(() => {
      const r = logitsGradient(loss, tf.tensor2d(rows, [n, C]));
      return [r.value, r.grad];
    });
    const v = value.dataSync()[0]!, gs = g.dataSync();
    tf.dispose([value, g]);
    for (let i = 0; i < n; i++) for (let c = 0; c < C; c++) grad[i * stride + c] = gs[i * C + c]!;
    return v;
  };
}

/**
 * Creates an MLP with seeded initial weights: for each Linear layer W and b are drawn from
 * U(−1/√fan_in, 1/√fan_in) (PyTorch `nn.Linear`'s default) through `rng(seed)`. Waits for the
 * tensor backend (docs/ARCHITECTURE.md, tensor backends) first.
 */
export async function createMlp(options: MlpOptions): Promise<Mlp> {
  await initBackend();
  return createMlpSync(options);
}

/** {@link createMlp} without waiting for the backend (call `initBackend()` first for wasm). */
export function createMlpSync(options: MlpOptions): Mlp {
  const sizes = options?.sizes;
  require_(Array.isArray(sizes) && sizes.length >= 2, "createMlp", "sizes", sizes, "is not a list of at least 2 widths", "pass e.g. sizes: [64, 256, 256, 10]");
  sizes.forEach((s, i) => requireInteger("createMlp", `sizes[${i}]`, s, 1));
  requireInteger("createMlp", "seed", options.seed, 0);
  const engine = checkedMlpEngine("createMlp", options.engine);
  const r = rng(options.seed);
  const W: tf.Tensor2D[] = [], b: tf.Tensor1D[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l]!, fanOut = sizes[l + 1]!, bound = 1 / Math.sqrt(fanIn);
    const w = new Float32Array(fanIn * fanOut);
    for (let i = 0; i < w.length; i++) w[i] = (2 * r.next() - 1) * bound;
    const bias = new Float32Array(fanOut);
    for (let i = 0; i < fanOut; i++) bias[i] = (2 * r.next() - 1) * bound;
    W.push(tf.tensor2d(w, [fanIn, fanOut]));
    b.push(tf.tensor1d(bias));
  }
  const checked: CheckedOptions = { fused: options.fused, engine, [ENGINE_CHECKED]: true };
  const m = new Mlp(sizes, W, b, checked as { fused?: boolean });
  W.forEach((t) => t.dispose()); b.forEach((t) => t.dispose());
  return m;
}
