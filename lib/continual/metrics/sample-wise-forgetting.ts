import * as aq from "arquero";
import { ReplabError, describeValue, require_, requireInteger } from "../../core/errors.js";

/** Per-item transitions between two evaluations of the same items, and the rates built on them. */
export interface SampleWiseForgetting {
  /** Items compared. */
  n: number;
  /** Items wrong both times (0→0), learned (0→1), forgotten (1→0), right both times (1→1). */
  n00: number;
  n01: number;
  n10: number;
  n11: number;
  accBefore: number;
  accAfter: number;
  /** Forgetting F = n10 / n: the share of items right before and wrong after. */
  forgetting: number;
  /** Backward transfer BT = n01 / n: the share of items wrong before and right after. */
  backwardTransfer: number;
  /** n10 / (n · accBefore): the share of the items known before that are lost (null when none were known). */
  relativeForgetting: number | null;
  /**
   * With `choices` k ≥ 2 (a k-choice benchmark): the chance-adjusted rates. The expected share of
   * 1→0 (and of 0→1) transitions that guessing alone produces is (1 − accBefore)(1 − accAfter)/(k − 1);
   * F_true = max(0, F − that), BT_true = max(0, BT − that); the largest forgetting the accuracies
   * allow is max(0, (k·accBefore − 1)/(k − 1)) (and max(0, (k·accAfter − 1)/(k − 1)) for BT).
   */
  chanceAdjusted: { choices: number; chance: number; forgetting: number; backwardTransfer: number; maxForgetting: number; maxBackwardTransfer: number } | null;
}

function toCorrect(where: string, arg: string, values: ArrayLike<number | boolean>): Uint8Array {
  require_(values !== null && values !== undefined && typeof values.length === "number", where, arg, values, "is not an array", "pass one 0/1 (or boolean) correctness per item");
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === 1 || v === true) out[i] = 1;
    else if (!(v === 0 || v === false)) {
      throw new ReplabError(`${where}: ${arg}[${i}]=${describeValue(v)} is not a correctness; give 1 (or true) for a right answer and 0 (or false) for a wrong one — drop an item that was not scored from both evaluations`);
    }
  }
  return out;
}

/**
 * Sample-wise forgetting and backward transfer (Harmon, Hochlehnert, Bethge & Prabhu, ICLR 2026,
 * "Mapping Post-Training Forgetting in Language Models at Scale"; post-forget/post-forget
 * src/analyze/process_data.py and create_csv.py): count, item by item, the 1→0 transitions
 * (forgotten) and 0→1 transitions (learned) between an evaluation `before` and an evaluation
 * `after` of the same items, instead of comparing the two accuracies, in which they cancel.
 * F = n10/n, BT = n01/n; with `choices` (the number of answer options of a multiple-choice
 * benchmark, or of classes) also the chance-adjusted F_true and BT_true (see
 * {@link SampleWiseForgetting.chanceAdjusted}). post-forget skips items unscored on either side;
 * replab refuses them (drop them from both arrays first).
 */
export function sampleWiseForgetting(before: ArrayLike<number | boolean>, after: ArrayLike<number | boolean>, options: { choices?: number } = {}): SampleWiseForgetting {
  const where = "sampleWiseForgetting";
  const b = toCorrect(where, "before", before), a = toCorrect(where, "after", after);
  require_(b.length > 0, where, "before", before, "is empty", "pass the correctness of at least one item");
  require_(a.length === b.length, where, "after", after, `has ${a.length} items but before has ${b.length}`, "evaluate the same items, in the same order, both times");
  if (options.choices !== undefined) requireInteger(where, "choices", options.choices, 2);
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < b.length; i++) counts[2 * b[i]! + a[i]!]!++;
  const [n00, n01, n10, n11] = counts as [number, number, number, number];
  const n = b.length;
  const accBefore = (n10 + n11) / n, accAfter = (n01 + n11) / n;
  const forgetting = n10 / n, backwardTransfer = n01 / n;
  let chanceAdjusted: SampleWiseForgetting["chanceAdjusted"] = null;
  if (options.choices !== undefined) {
    const k = options.choices;
    const chance = ((1 - accBefore) * (1 - accAfter)) / (k - 1);
    chanceAdjusted = {
      choices: k, chance, forgetting: Math.max(forgetting - chance, 0), backwardTransfer: Math.max(backwardTransfer - chance, 0),
      maxForgetting: Math.max((k * accBefore - 1) / (k - 1), 0), maxBackwardTransfer: Math.max((k * accAfter - 1) / (k - 1), 0),
    };
  }
  return { n, n00, n01, n10, n11, accBefore, accAfter, forgetting, backwardTransfer, relativeForgetting: accBefore > 0 ? n10 / (n * accBefore) : null, chanceAdjusted };
}

/**
 * {@link sampleWiseForgetting} between each pair of consecutive evaluations of the same items
 * (`evaluations[e]` is the per-item correctness at evaluation e): an arquero table with one row
 * per pair — from, to, n, n00, n01, n10, n11, acc_before, acc_after, forgetting,
 * backward_transfer, relative_forgetting, and with `choices` the chance-adjusted forgetting_true,
 * backward_transfer_true, max_forgetting and max_backward_transfer.
 */
export function sampleWiseForgettingTable(evaluations: ReadonlyArray<ArrayLike<number | boolean>>, options: { choices?: number } = {}): aq.ColumnTable {
  require_(Array.isArray(evaluations) && evaluations.length >= 2, "sampleWiseForgettingTable", "evaluations", evaluations, "holds fewer than two evaluations", "pass the per-item correctness of at least two evaluations");
  const rows = [];
  for (let e = 0; e + 1 < evaluations.length; e++) {
    const s = sampleWiseForgetting(evaluations[e]!, evaluations[e + 1]!, options);
    rows.push({
      from: e, to: e + 1, n: s.n, n00: s.n00, n01: s.n01, n10: s.n10, n11: s.n11, acc_before: s.accBefore, acc_after: s.accAfter,
      forgetting: s.forgetting, backward_transfer: s.backwardTransfer, relative_forgetting: s.relativeForgetting,
      ...(s.chanceAdjusted ? { forgetting_true: s.chanceAdjusted.forgetting, backward_transfer_true: s.chanceAdjusted.backwardTransfer, max_forgetting: s.chanceAdjusted.maxForgetting, max_backward_transfer: s.chanceAdjusted.maxBackwardTransfer } : {}),
    });
  }
  return aq.from(rows);
}
