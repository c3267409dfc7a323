import { tf } from "../core/backend.js";
import type { HostLogitsLoss } from "./fused-mlp.js";

/**
 * A loss on a batch's logits ([batch, classes]) → scalar, written with tfjs ops. When it carries
 * a `gradient` (∂loss/∂logits, same shape as the logits), training uses it instead of tfjs
 * autograd — much cheaper per step on the wasm backend; without one, `tf.grad` differentiates it.
 */
export type LogitsLoss = ((logits: tf.Tensor2D) => tf.Scalar) & {
  gradient?: (logits: tf.Tensor2D) => tf.Tensor2D;
  /** Value and gradient together, when sharing work between them is cheaper (cross-entropy shares its softmax). */
  valueAndGradient?: (logits: tf.Tensor2D) => { value: tf.Scalar; grad: tf.Tensor2D };
  /**
   * The same value and gradient on plain arrays, for the MLP's fused step on CPU backends: row i's
   * logits at `logits[i·stride …]`, ∂loss/∂z written at the same places of `grad` (zeroed beforehand).
   */
  onHost?: HostLogitsLoss;
};

/** A loss's value and its gradient on the logits: the loss's own (`valueAndGradient`, else `gradient`), else tfjs autograd. */
export function lossValueAndGradient(loss: LogitsLoss, logits: tf.Tensor2D): { value: tf.Scalar; grad: tf.Tensor2D } {
  if (loss.valueAndGradient) return loss.valueAndGradient(logits);
  if (loss.gradient) return { value: loss(logits), grad: loss.gradient(logits) };
  const { value, grad } = tf.valueAndGrad(loss)(logits);
  return { value: value as tf.Scalar, grad: grad as tf.Tensor2D };
}

/** Attaches an analytic gradient to a loss on logits. */
export function lossWithGradient(loss: (logits: tf.Tensor2D) => tf.Scalar, gradient: (logits: tf.Tensor2D) => tf.Tensor2D): LogitsLoss {
  return Object.assign((z: tf.Tensor2D) => loss(z), { gradient });
}

/** The sum of losses on the same logits; analytic gradients are summed when every term has one. */
export function sumLogitsLosses(...terms: LogitsLoss[]): LogitsLoss {
  const value = (z: tf.Tensor2D) => terms.map((t) => t(z)).reduce((a, b) => tf.add(a, b) as tf.Scalar);
  if (!terms.every((t) => t.gradient || t.valueAndGradient)) return value;
  const both = (z: tf.Tensor2D) => {
    const parts = terms.map((t) => lossValueAndGradient(t, z));
    return { value: parts.map((p) => p.value).reduce((a, b) => tf.add(a, b) as tf.Scalar), grad: parts.map((p) => p.grad).reduce((a, b) => tf.add(a, b) as tf.Tensor2D) };
  };
  return Object.assign(value, { gradient: (z: tf.Tensor2D) => both(z).grad, valueAndGradient: both });
}

/**
 * Mean softmax cross-entropy of `logits` ([n, classes]) against integer `labels` ([n]):
 * (1/Σw) Σ_i w_i·(logsumexp(z_i) − z_i[y_i]), with `weights` w (all 1 when omitted) — PyTorch's
 * `F.cross_entropy(logits, labels)` (reduction "mean"), weighted per example when given.
 */
export function softmaxCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D, weights?: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const perExample = softmaxCrossEntropyPerExample(logits, labels);
    if (!weights) return tf.mean(perExample) as tf.Scalar;
    return tf.div(tf.sum(tf.mul(perExample, weights)), tf.sum(weights)) as tf.Scalar;
  });
}

/** Per-example softmax cross-entropy −log softmax(z_i)[y_i], as a [n] tensor. */
export function softmaxCrossEntropyPerExample(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => tf.sub(tf.logSumExp(logits, 1), tf.sum(tf.mul(logits, tf.oneHot(tf.cast(labels, "int32"), logits.shape[1])), 1)) as tf.Tensor1D);
}

/**
 * {@link crossEntropyLoss}'s value and gradient on plain arrays (float64 accumulation): rows of
 * `z` at stride `stride`, labels `ys`, weights `ws` (null: 1/n each), additive mask `ms` ([n, C]
 * row-major, or null); writes w_i·(softmax(z_i + m_i) − onehot(y_i)) into `g` at z's places.
 */
function crossEntropyRows(z: Float32Array, stride: number, n: number, C: number, ys: ArrayLike<number>, ws: ArrayLike<number> | null, ms: ArrayLike<number> | null, g: Float32Array): number {
  const row = new Float64Array(C);
  let value = 0;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let c = 0; c < C; c++) { const v = z[i * stride + c]! + (ms ? ms[i * C + c]! : 0); row[c] = v; if (v > max) max = v; }
    let sum = 0;
    for (let c = 0; c < C; c++) { const e = Math.exp(row[c]! - max); row[c] = e; sum += e; }
    const w = ws ? ws[i]! : 1 / n;
    const y = ys[i]!;
    value += w * (Math.log(sum) - Math.log(row[y]!));
    for (let c = 0; c < C; c++) g[i * stride + c] = w * (row[c]! / sum - (c === y ? 1 : 0));
  }
  return value;
}

/**
 * Cross-entropy as a {@link LogitsLoss} with its analytic gradient: loss = Σ_i w_i·CE(z_i + m_i, y_i)
 * with weights w (default 1/n each: the mean) and an optional additive logit mask m (task heads);
 * ∂loss/∂z_i = w_i·(softmax(z_i + m_i) − onehot(y_i)).
 */
export function crossEntropyLoss(labels: tf.Tensor1D, options: { weights?: tf.Tensor1D; mask?: tf.Tensor2D | null } = {}): LogitsLoss {
  return crossEntropyOn(labels, options, null);
}

/**
 * {@link crossEntropyLoss} (mean, no mask) on `labels`, a tensor made from the array `ys`: the
 * host path reads `ys` instead of reading the tensor back.
 */
export function crossEntropyLossOfArray(labels: tf.Tensor1D, ys: Int32Array): LogitsLoss {
  return crossEntropyOn(labels, {}, ys);
}

function crossEntropyOn(labels: tf.Tensor1D, options: { weights?: tf.Tensor1D; mask?: tf.Tensor2D | null }, ys: Int32Array | null): LogitsLoss {
  const prep = (z: tf.Tensor2D) => (options.mask ? (tf.add(z, options.mask) as tf.Tensor2D) : z);
  const w = (n: number) => options.weights ?? tf.fill([n], 1 / n);
  const loss = lossWithGradient(
    (z) => tf.sum(tf.mul(softmaxCrossEntropyPerExample(prep(z), labels), w(z.shape[0]))) as tf.Scalar,
    (z) => tf.mul(tf.sub(tf.softmax(prep(z)), tf.oneHot(tf.cast(labels, "int32"), z.shape[1])), tf.reshape(w(z.shape[0]), [-1, 1])) as tf.Tensor2D,
  );
  // One log-softmax serves both: value = −Σ_i w_i·log p_i[y_i], gradient = w_i·(p_i − onehot(y_i)).
  // The labels, weights and mask as arrays, read once (tensors do not change).
  let host: { ys: ArrayLike<number>; ws: ArrayLike<number> | null; ms: ArrayLike<number> | null } | null = null;
  const onHost = () => (host ??= { ys: ys ?? labels.dataSync(), ws: options.weights ? options.weights.dataSync() : null, ms: options.mask ? options.mask.dataSync() : null });
  loss.onHost = (z, stride, n, C, g) => { const h = onHost(); return crossEntropyRows(z, stride, n, C, h.ys, h.ws, h.ms, g); };
  loss.valueAndGradient = (z: tf.Tensor2D) => {
    // On CPU-side backends (wasm, cpu) the few hundred logits are cheaper to read and work on in
    // JavaScript than through a dozen small kernels; on a GPU backend stay on the device.
    const where = tf.getBackend();
    if (where === "wasm" || where === "cpu") {
      const [n, C] = z.shape;
      const g = new Float32Array(n * C);
      const value = loss.onHost!(z.dataSync() as Float32Array, C, n, C, g);
      return { value: tf.scalar(value), grad: tf.tensor2d(g, [n, C]) };
    }
    const logp = tf.logSoftmax(prep(z));
    const onehot = tf.oneHot(tf.cast(labels, "int32"), z.shape[1]);
    const wcol = tf.reshape(w(z.shape[0]), [-1, 1]);
    return { value: tf.neg(tf.sum(tf.mul(tf.mul(logp, onehot), wcol))) as tf.Scalar, grad: tf.mul(tf.sub(tf.exp(logp), onehot), wcol) as tf.Tensor2D };
  };
  return loss;
}
