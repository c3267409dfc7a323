import { tf } from "../../core/backend.js";
import { rng } from "../../core/rng.js";
import { type LabelledData, type Mlp, softmaxCrossEntropyPerExample } from "../../models/index.js";

/**
 * One pass over the forget set in mini-batches, each joined with an equally large random batch of
 * the retain set (seeded), as GradDiff, NPO+RT and SalUn train. `loss` gets the logits of the
 * joined batch ([forget rows; retain rows]), the labels, the forget rows' indices and the number
 * of forget rows. `labelsFor` may replace the forget labels (random relabelling).
 */
export function pairedEpochs(
  model: Mlp,
  forget: LabelledData,
  retain: LabelledData,
  options: { epochs: number; lr: number; batchSize: number; seed: number; step?: (x: tf.Tensor2D, loss: (z: tf.Tensor2D) => tf.Scalar) => void },
  loss: (z: tf.Tensor2D, y: tf.Tensor1D, forgetRows: Int32Array, nf: number) => tf.Scalar,
  labelsFor?: (row: number, label: number) => number,
): void {
  const f = forget.features;
  const root = rng(options.seed);
  for (let e = 0; e < options.epochs; e++) {
    const r = root.fork(e);
    const order = r.shuffle(Array.from({ length: forget.n }, (_, i) => i));
    for (let start = 0; start < forget.n; start += options.batchSize) {
      const fr = Int32Array.from(order.slice(start, start + options.batchSize));
      const nf = fr.length, nr = retain.n > 0 ? nf : 0;
      const xb = new Float32Array((nf + nr) * f);
      const yb = new Int32Array(nf + nr);
      fr.forEach((i, k) => { xb.set(forget.x.subarray(i * f, (i + 1) * f), k * f); yb[k] = labelsFor ? labelsFor(i, forget.y[i]!) : forget.y[i]!; });
      for (let k = 0; k < nr; k++) { const i = r.int(retain.n); xb.set(retain.x.subarray(i * f, (i + 1) * f), (nf + k) * f); yb[nf + k] = retain.y[i]!; }
      const xt = tf.tensor2d(xb, [nf + nr, f]);
      const yt = tf.tensor1d(yb, "int32");
      try {
        const l = (z: tf.Tensor2D) => loss(z, yt, fr, nf);
        if (options.step) options.step(xt, l); else model.step(xt, l, { lr: options.lr });
      } finally { xt.dispose(); yt.dispose(); }
    }
  }
}

/** Per-example softmax cross-entropy of rows [from, to) of a batch. */
export function ceRows(z: tf.Tensor2D, y: tf.Tensor1D, from: number, to: number): tf.Tensor1D {
  return tf.tidy(() => {
    const zz = z.slice([from, 0], [to - from, z.shape[1]]);
    const yy = y.slice([from], [to - from]);
    return softmaxCrossEntropyPerExample(zz, yy);
  });
}
