import { tf } from "../../core/backend.js";
import { require_, requireInteger, requireFinite } from "../../core/errors.js";
import { rng } from "../../core/rng.js";
import { type LabelledData, type Mlp, softmaxCrossEntropy, subsetRows } from "../../models/index.js";

/** The result of a relearning attack. */
export interface RelearnResult {
  /** Steps until accuracy on the held-out part of the forget set reached `target`, or null if it never did within `maxSteps`. */
  steps: number | null;
  /** Accuracy on the held-out forget examples after each step (index 0 = before relearning). */
  curve: number[];
  target: number;
}

/**
 * Relearning attack (Lynch et al. 2024 "Eight Methods to Evaluate Robust Unlearning"; Hu et al.
 * 2024 "Jogging the Memory of Unlearned LLMs"; Xu et al. 2025 "Unlearning isn't deletion"):
 * fine-tune a copy of the model with full-batch SGD on a small seeded slice of the forget set
 * (`fraction`, default 0.2) and count the steps until accuracy on the *rest* of the forget set
 * returns to `target`. Knowledge that was only suppressed comes back in a few steps; a retrained
 * model must learn it anew. The model passed in is not changed.
 */
export function relearnAttack(model: Mlp, forget: LabelledData, options: { target: number; fraction?: number; lr?: number; maxSteps?: number; seed: number }): RelearnResult {
  const where = "relearnAttack";
  requireFinite(where, "target", options?.target);
  const fraction = options.fraction ?? 0.2;
  require_(fraction > 0 && fraction < 1, where, "fraction", fraction, "is not in (0, 1)", "pass the share of the forget set to relearn on, e.g. 0.2");
  const maxSteps = options.maxSteps ?? 50;
  requireInteger(where, "maxSteps", maxSteps, 1);
  requireInteger(where, "seed", options.seed, 0);
  require_(forget.n >= 2, where, "forget.n", forget.n, "is below 2", "pass a forget set with at least two examples");
  const order = rng(options.seed).fork("relearn").shuffle(Array.from({ length: forget.n }, (_, i) => i));
  const k = Math.max(1, Math.min(forget.n - 1, Math.round(fraction * forget.n)));
  const slice = subsetRows(forget, order.slice(0, k));
  const rest = subsetRows(forget, order.slice(k));
  const m = model.clone();
  const curve = [m.accuracy(rest)];
  let steps: number | null = curve[0]! >= options.target ? 0 : null;
  const xt = tf.tensor2d(slice.x, [slice.n, slice.features]);
  const yt = tf.tensor1d(slice.y, "int32");
  try {
    for (let s = 1; s <= maxSteps && steps === null; s++) {
      m.step(xt, (z) => softmaxCrossEntropy(z, yt), { lr: options.lr ?? 0.1 });
      curve.push(m.accuracy(rest));
      if (curve[s]! >= options.target) steps = s;
    }
  } finally { xt.dispose(); yt.dispose(); m.dispose(); }
  return { steps, curve, target: options.target };
}
