import { tf } from "../../core/backend.js";
import { require_ } from "../../core/errors.js";
import type { LabelledData, Mlp, MlpTensors } from "../../models/index.js";
import { crossEntropyLoss } from "../train.js";

/**
 * SalUn's weight saliency map (Fan et al. 2024, ICLR, eq. 5): m = 1[|∇_θ ℓ_CE(θ; D_f)| ≥ γ] at the
 * original weights, with γ the threshold that keeps the `fraction` most salient entries over all
 * layers (the paper keeps 50%). Returns 0/1 tensors shaped like the weights (caller disposes).
 */
export function saliencyMask(model: Mlp, forget: LabelledData, fraction = 0.5): MlpTensors {
  require_(fraction > 0 && fraction <= 1, "saliencyMask", "fraction", fraction, "is not in (0, 1]", "pass the share of weights to update, e.g. 0.5");
  const yt = tf.tensor1d(forget.y, "int32");
  const { grads } = model.gradients(forget, (z) => crossEntropyLoss(z, { y: yt, rows: new Int32Array(0) }));
  yt.dispose();
  const all = [...grads.W, ...grads.b];
  const mags: number[] = [];
  for (const g of all) for (const v of g.dataSync()) mags.push(Math.abs(v));
  mags.sort((a, b) => b - a);
  const gamma = mags[Math.max(0, Math.ceil(fraction * mags.length) - 1)]!;
  const mask = (g: tf.Tensor) => tf.tidy(() => tf.cast(tf.greaterEqual(tf.abs(g), gamma), "float32"));
  const out = { W: grads.W.map(mask) as tf.Tensor2D[], b: grads.b.map(mask) as tf.Tensor1D[] };
  all.forEach((g) => g.dispose());
  return out;
}

/** One SGD step that only moves masked weights: θ ← θ − lr·(m ⊙ ∇θ loss). */
export function maskedStep(model: Mlp, x: tf.Tensor2D, loss: (z: tf.Tensor2D) => tf.Scalar, lr: number, mask: MlpTensors): number {
  const { loss: value, grads } = model.gradients(x, loss);
  tf.tidy(() => {
    for (let l = 0; l < model.W.length; l++) {
      model.W[l]!.assign(tf.sub(model.W[l]!, tf.mul(tf.mul(grads.W[l]!, mask.W[l]!), lr)) as tf.Tensor2D);
      model.b[l]!.assign(tf.sub(model.b[l]!, tf.mul(tf.mul(grads.b[l]!, mask.b[l]!), lr)) as tf.Tensor1D);
    }
  });
  [...grads.W, ...grads.b].forEach((g) => g.dispose());
  return value;
}
