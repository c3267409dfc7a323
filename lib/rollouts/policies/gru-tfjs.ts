import { tfReady, type tf as TF } from "../../core/index.js";
import { gruParams, type GruSequence, type GruWeights } from "./gru.js";

/**
 * The same loss as {@link gruLossAndGrad}, computed in tfjs with automatic differentiation on the
 * chosen backend (docs/ARCHITECTURE.md, tensor backends: tfjs-node-gpu / tfjs-node when installed, else wasm, else cpu):
 * the GRU is unrolled over time with batched matrix products, the input projection is a one-hot
 * matmul (wasm lacks the kernel `gather`'s gradient needs). Returns the loss and gradients in the
 * order of {@link gruParams}. On this size of model the hand-written loops are faster on CPU;
 * this path is there for GPU backends and as an independent check of the hand-written gradients.
 */
export async function gruLossAndGradTfjs(w: GruWeights, seqs: readonly GruSequence[]): Promise<{ loss: number; grads: Float32Array[] }> {
  const tf = await tfReady();
  const { V, H } = w;
  const B = seqs.length, L = Math.max(...seqs.map((s) => s.ids.length));
  let T = 0;
  for (const s of seqs) T += Math.max(0, s.ids.length - s.from);
  T = Math.max(1, T);
  return tf.tidy(() => {
    const shapes: Array<[number, number] | [number]> = [[V, 3 * H], [3 * H], [H, 3 * H], [3 * H], [H, V], [V]];
    const vars = gruParams(w).map((p, k) => tf.tensor(p, shapes[k]!));
    const inputs: TF.Tensor[] = [], targets: TF.Tensor[] = [], masks: TF.Tensor[] = [];
    for (let t = 0; t < L - 1; t++) {
      const inp = new Int32Array(B), tgt = new Int32Array(B), m = new Float32Array(B);
      seqs.forEach((s, b) => {
        inp[b] = s.ids[t] ?? 0;
        tgt[b] = s.ids[t + 1] ?? 0;
        if (t + 1 < s.ids.length && t + 1 >= s.from) m[b] = s.weight / T;
      });
      inputs.push(tf.oneHot(tf.tensor1d(inp, "int32"), V).toFloat());
      targets.push(tf.oneHot(tf.tensor1d(tgt, "int32"), V).toFloat());
      masks.push(tf.tensor1d(m));
    }
    const f = (Wx: TF.Tensor, bx: TF.Tensor, Wh: TF.Tensor, bh: TF.Tensor, Wo: TF.Tensor, bo: TF.Tensor): TF.Scalar => {
      let h: TF.Tensor = tf.zeros([B, H]);
      let total: TF.Tensor = tf.scalar(0);
      for (let t = 0; t < L - 1; t++) {
        const gx = tf.add(tf.matMul(inputs[t]!, Wx), bx);
        const gh = tf.add(tf.matMul(h, Wh), bh);
        const [xr, xz, xn] = tf.split(gx, 3, 1) as [TF.Tensor, TF.Tensor, TF.Tensor];
        const [hr, hz, hn] = tf.split(gh, 3, 1) as [TF.Tensor, TF.Tensor, TF.Tensor];
        const r = tf.sigmoid(tf.add(xr, hr)), z = tf.sigmoid(tf.add(xz, hz));
        const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
        h = tf.add(tf.mul(tf.sub(1, z), n), tf.mul(z, h));
        const lp = tf.logSoftmax(tf.add(tf.matMul(h, Wo), bo));
        total = tf.add(total, tf.sum(tf.mul(tf.sum(tf.mul(lp, targets[t]!), 1), masks[t]!)));
      }
      return tf.neg(total) as TF.Scalar;
    };
    const { value, grads } = tf.valueAndGrads(f as (...a: TF.Tensor[]) => TF.Scalar)(vars);
    return { loss: value.dataSync()[0]!, grads: grads.map((g) => Float32Array.from(g.dataSync())) };
  });
}
