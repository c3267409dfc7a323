import { tf } from "../core/backend.js";
import type { LabelledData, Mlp } from "../models/index.js";

/** Softmax class probabilities of every example, as rows. */
export function classProbabilities(model: Mlp, data: LabelledData): Float32Array[] {
  const p = tf.tidy(() => tf.softmax(model.logits(data)));
  const flat = p.dataSync() as Float32Array;
  p.dispose();
  const C = model.classes;
  return Array.from({ length: data.n }, (_, i) => flat.slice(i * C, (i + 1) * C));
}
