import { tf } from "../../core/backend.js";
import { rng } from "../../core/rng.js";
import type { Mlp } from "../../models/index.js";
import type { UnlearningSplits } from "../splits.js";
import { ceRows, pairedEpochs } from "./paired-batches.js";
import { maskedStep, saliencyMask } from "./saliency-mask.js";
import { timed, type UnlearnResult, type UnlearnOptions } from "./result.js";

/**
 * Random labelling (RL; Golatkar et al. 2020, as the "RL" baseline of SalUn) and SalUn
 * (Fan et al. 2024): fine-tune on the forget set relabelled with random wrong classes (a fixed
 * seeded label per example) jointly with retain batches, minimising CE(D_f, random labels) +
 * CE(D_r). With `saliency` (a share of weights, e.g. 0.5) only the weights in SalUn's saliency
 * map move — that is SalUn; without it, plain RL.
 */
export function unlearnRandomLabel(original: Mlp, splits: UnlearningSplits, options: UnlearnOptions & { saliency?: number }): Promise<UnlearnResult> {
  const name = options.saliency !== undefined ? "SalUn" : "RL";
  return timed(name, () => {
    const classes = original.classes;
    const r = rng(options.seed).fork("labels");
    const wrong = Int32Array.from(splits.forget.y, (y) => (y + 1 + r.int(classes - 1)) % classes);
    const m = original.clone();
    const mask = options.saliency !== undefined ? saliencyMask(original, splits.forget, options.saliency) : null;
    const lr = options.lr ?? 0.05;
    try {
      pairedEpochs(m, splits.forget, splits.retain, {
        epochs: options.epochs ?? 3, lr, batchSize: options.batchSize ?? 64, seed: options.seed,
        step: mask ? (x, loss) => { maskedStep(m, x, loss, lr, mask); } : undefined,
      }, (z, y, _rows, nf) => tf.tidy(() => {
        const all = ceRows(z, y, 0, z.shape[0]);
        return tf.add(tf.mean(all.slice(0, nf)), z.shape[0] > nf ? tf.mean(all.slice(nf)) : tf.scalar(0)) as tf.Scalar;
      }), (row) => wrong[row]!);
    } finally {
      if (mask) [...mask.W, ...mask.b].forEach((t) => t.dispose());
    }
    return m;
  });
}
