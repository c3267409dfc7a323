import * as aq from "arquero";
import { require_, requireInteger } from "../../core/errors.js";
import type { UnlearnResult } from "../methods/result.js";
import type { UnlearningSplits } from "../splits.js";
import { quantizeModel } from "./quantize.js";
import { relearnAttack } from "./relearn.js";

/** Options for {@link unlearningRobustnessTable}. */
export interface RobustnessOptions {
  /** The relearning attack's settings (see `relearnAttack`), the same for every model. */
  relearn: { target: number; fraction?: number; lr?: number; maxSteps?: number; seed: number };
  /** Bit widths of the quantization probe (default [8, 4]). */
  bits?: readonly number[];
  /** The retrain-from-scratch row's method name (default "Retrain"). */
  retrain?: string;
}

/**
 * One row per unlearned model — the retrained model's included, as the reference every other row
 * is read against — with the attacks that ask whether knowledge is gone or only hidden:
 * - `forget_acc`: accuracy on the forget set as unlearned (1 − UA);
 * - `forget_acc_int<b>` and `retain_acc_int<b>` for each bit width b: the same after rounding the
 *   weights to b bits ({@link quantizeModel}; Zhang et al., ICLR 2025) — forget accuracy that
 *   rises back toward the original model's was hidden, not removed;
 * - `relearn_steps`: steps of fine-tuning on a slice of the forget set until accuracy on the rest
 *   returns to `relearn.target` (`relearnAttack`; null if never within maxSteps) — far fewer than
 *   the retrained model needs means the knowledge was still there;
 * - `forget_acc_gap_int<b>` and `relearn_steps_gap`: each minus the retrained model's.
 * Every model is measured with the same seeds; the models passed in are not changed.
 */
export function unlearningRobustnessTable(results: readonly UnlearnResult[], splits: UnlearningSplits, options: RobustnessOptions): aq.ColumnTable {
  const where = "unlearningRobustnessTable";
  const bits = options.bits ?? [8, 4];
  bits.forEach((b, i) => requireInteger(where, `bits[${i}]`, b, 2));
  const retrainName = options.retrain ?? "Retrain";
  require_(Array.isArray(results) && results.some((r) => r.method === retrainName), where, "results", (results ?? []).map((r) => r.method).join(", "), `has no row named ${JSON.stringify(retrainName)}`, "include the retrain-from-scratch result (unlearnRetrain): it is the reference");
  const rows = results.map((r) => {
    const row: Record<string, unknown> = { method: r.method, forget_acc: r.model.accuracy(splits.forget), retain_acc: r.model.accuracy(splits.retain) };
    for (const b of bits) {
      const q = quantizeModel(r.model, b);
      try { row[`forget_acc_int${b}`] = q.accuracy(splits.forget); row[`retain_acc_int${b}`] = q.accuracy(splits.retain); } finally { q.dispose(); }
    }
    row.relearn_steps = relearnAttack(r.model, splits.forget, options.relearn).steps;
    return row;
  });
  const ref = rows.find((r) => r.method === retrainName)!;
  for (const row of rows) {
    for (const b of bits) row[`forget_acc_gap_int${b}`] = (row[`forget_acc_int${b}`] as number) - (ref[`forget_acc_int${b}`] as number);
    row.relearn_steps_gap = row.relearn_steps === null || ref.relearn_steps === null ? null : (row.relearn_steps as number) - (ref.relearn_steps as number);
  }
  return aq.from(rows);
}
