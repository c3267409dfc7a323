import { requireInteger } from "../../core/errors.js";
import type { ParsedContinualLog } from "./continual-log.js";
import { meanOrNull } from "./continual-log.js";
import { checkConvention, type ContinualConvention } from "./convention.js";

function windowed(log: ParsedContinualLog, w: number, sign: 1 | -1, where: string, convention: ContinualConvention): number | null {
  requireInteger(where, "window", w, 2);
  checkConvention(where, convention);
  const per: number[] = [];
  for (const i of log.tasks) {
    const a = log.series.get(i)!.accuracy;
    if (a.length < 2) { if (convention === "continual-evaluation") per.push(0); continue; }
    let best = 0; // max(0, …)
    for (let x = 0; x < a.length; x++) {
      for (let y = x + 1; y < a.length && y - x <= w - 1; y++) {
        const change = sign * (a[x]! - a[y]!);
        if (change > best) best = change;
      }
    }
    per.push(best);
  }
  return meanOrNull(per);
}

/**
 * WF^w, windowed forgetting (De Lange et al. 2023, §3): for each task, max(0, largest drop
 * A_i[a] − A_i[b] with a < b and b − a ≤ w − 1, i.e. within w consecutive evaluations), averaged
 * over tasks. `"replab"` averages over the tasks with ≥ 2 evaluations (null when none has 2);
 * `"continual-evaluation"` counts a task evaluated once as 0, as WindowedForgettingPluginMetric does.
 */
export function windowedForgetting(log: ParsedContinualLog, w: number, convention: ContinualConvention = "replab"): number | null {
  return windowed(log, w, 1, "windowedForgetting", convention);
}

/**
 * WP^w, windowed plasticity (De Lange et al. 2023): as {@link windowedForgetting} with the largest
 * rise A_i[b] − A_i[a]. In both conventions this is the largest rise over all pairs in the window;
 * ContinualEvaluation's WindowedPlasticityPluginMetric skips start points below an earlier
 * maximum (a pruning line inherited from the forgetting plugin) and so reports 0.4 for
 * [0.5, 0.9, 0.1, 0.8], where the rise the metric defines is 0.7.
 */
export function windowedPlasticity(log: ParsedContinualLog, w: number, convention: ContinualConvention = "replab"): number | null {
  return windowed(log, w, -1, "windowedPlasticity", convention);
}
