import * as aq from "arquero";
import { require_ } from "../../core/errors.js";
import { readColumn, toAccepted, toLabel, type RowsOrTable } from "./columns.js";

/** Counts and rates of a verifier against ground truth. */
export interface VerifierRates {
  tp: number; fp: number; tn: number; fn: number; n: number;
  accuracy: number; precision: number; recall: number; f1: number; fpr: number; fnr: number;
}

/**
 * Confusion counts and rates from (accepted, label) pairs, "positive" meaning the verifier
 * accepts (says correct) and the label meaning the response really is right:
 * accuracy = (tp+tn)/n, precision = tp/(tp+fp), recall = tp/(tp+fn), F1 = 2PR/(P+R),
 * FPR = fp/(fp+tn), FNR = fn/(fn+tp). An empty denominator gives 0, as scikit-learn's
 * `precision_score`/`recall_score`/`f1_score` with `zero_division=0`.
 */
export function verifierRates(accepted: readonly boolean[], labels: readonly boolean[]): VerifierRates {
  require_(accepted.length === labels.length, "verifierRates", "accepted", accepted, `has ${accepted.length} entries but labels has ${labels.length}`, "pass one label per verdict");
  require_(accepted.length > 0, "verifierRates", "accepted", accepted, "is empty", "pass at least one verdict");
  let tp = 0, fp = 0, tn = 0, fn = 0;
  for (let i = 0; i < accepted.length; i++) {
    require_(typeof accepted[i] === "boolean", "verifierRates", `accepted[${i}]`, accepted[i], "is not a boolean", "pass true where the verifier accepts (verifierConfusion reads verdict strings)");
    require_(typeof labels[i] === "boolean", "verifierRates", `labels[${i}]`, labels[i], "is not a boolean", "pass true where the response is really right");
    if (accepted[i]) { if (labels[i]) tp++; else fp++; } else if (labels[i]) fn++; else tn++;
  }
  const div = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const precision = div(tp, tp + fp);
  const recall = div(tp, tp + fn);
  return {
    tp, fp, tn, fn, n: accepted.length,
    accuracy: (tp + tn) / accepted.length,
    precision, recall,
    f1: div(2 * tp, 2 * tp + fp + fn),
    fpr: div(fp, fp + tn),
    fnr: div(fn, fn + tp),
  };
}

/** Options for {@link verifierConfusion}: column names. */
export interface VerifierConfusionOptions {
  /** Verdict column (default "verdict"): "correct"/"incorrect"/"invalid", "pass"/…, booleans or 0/1. */
  verdict?: string;
  /** Ground-truth column (default "label"): true when the response is really right. */
  label?: string;
  /** Optional slice column: one row per slice plus an "all" row. */
  slice?: string;
}

/**
 * A verifier's confusion matrix and rates over a (verdict, label[, slice]) table, as an arquero
 * table with columns slice, n, tp, fp, tn, fn, accuracy, precision, recall, f1, fpr, fnr —
 * one row for all data ("all") and, with `slice`, one per slice value (sorted). Definitions in
 * {@link verifierRates}; checked against scikit-learn's metrics.
 */
export function verifierConfusion(data: RowsOrTable, options: VerifierConfusionOptions = {}): aq.ColumnTable {
  const where = "verifierConfusion";
  const verdicts = readColumn(where, data, options.verdict ?? "verdict").map((v, i) => toAccepted(where, options.verdict ?? "verdict", v, i));
  const labels = readColumn(where, data, options.label ?? "label").map((v, i) => toLabel(where, options.label ?? "label", v, i));
  const rows: Array<Record<string, unknown>> = [{ slice: "all", ...verifierRates(verdicts, labels) }];
  if (options.slice) {
    const slices = readColumn(where, data, options.slice).map(String);
    for (const s of [...new Set(slices)].sort()) {
      const idx = slices.flatMap((x, i) => (x === s ? [i] : []));
      rows.push({ slice: s, ...verifierRates(idx.map((i) => verdicts[i]!), idx.map((i) => labels[i]!)) });
    }
  }
  return aq.from(rows).select("slice", "n", "tp", "fp", "tn", "fn", "accuracy", "precision", "recall", "f1", "fpr", "fnr");
}
