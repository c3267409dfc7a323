import * as aq from "arquero";
import { require_ } from "../core/errors.js";
import { avgGap } from "./metrics/avg-gap.js";
import { miaEfficacy } from "./metrics/mia-efficacy.js";
import type { UnlearningSplits } from "./splits.js";
import type { UnlearnResult } from "./methods/result.js";
import { unlearningAccuracies } from "./metrics/unlearning-accuracy.js";

/** One method's classification-unlearning metrics. */
export interface UnlearningRow {
  method: string;
  UA: number;
  RA: number;
  TA: number;
  /** MIA-efficacy (share of the forget set an attack calls non-member). */
  MIA: number;
  /** Run time in seconds (RTE). */
  seconds: number;
}

/** UA, RA, TA, MIA-efficacy and run time of one unlearned model (see each metric's definition). */
export function evaluateUnlearning(result: UnlearnResult, splits: UnlearningSplits): UnlearningRow {
  return { method: result.method, ...unlearningAccuracies(result.model, splits), MIA: miaEfficacy(result.model, splits), seconds: result.seconds };
}

/**
 * The SalUn-style results table: one row per method with UA, RA, TA, MIA, run time and Avg. Gap
 * to the row named `retrain` (default "Retrain"), as an arquero table.
 */
export function unlearningTable(rows: readonly UnlearningRow[], retrain = "Retrain"): aq.ColumnTable {
  const ref = rows.find((r) => r.method === retrain);
  require_(ref !== undefined, "unlearningTable", "rows", rows.map((r) => r.method).join(", "), `has no row named ${JSON.stringify(retrain)}`, "include the retrain-from-scratch result (unlearnRetrain)");
  return aq.from(rows.map((r) => ({ ...r, avgGap: avgGap(r as unknown as Record<string, number>, ref as unknown as Record<string, number>) })));
}
