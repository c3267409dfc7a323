import { requireInteger } from "../../core/errors.js";
import type { ParsedContinualLog } from "./continual-log.js";
import { meanOrNull } from "./continual-log.js";

function windowed(log: ParsedContinualLog, w: number, sign: 1 | -1, where: string): number | null {
  requireInteger(where, "window", w, 2);
  const per: number[] = [];
  for (const i of log.tasks) {
    const a = log.series.get(i)!.accuracy;
    if (a.length < 2) continue;
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
 * WF^w, windowed forgetting (De Lange et al. 2023, §3): for each task with ≥ 2 evaluations,
 * max(0, largest drop A_i[a] − A_i[b] with a < b and b − a ≤ w − 1, i.e. within w consecutive
 * evaluations), averaged over those tasks. null when no task has 2 evaluations.
 */
export function windowedForgetting(log: ParsedContinualLog, w: number): number | null {
  return windowed(log, w, 1, "windowedForgetting");
}

/** WP^w, windowed plasticity (De Lange et al. 2023): as {@link windowedForgetting} with the largest rise A_i[b] − A_i[a]. */
export function windowedPlasticity(log: ParsedContinualLog, w: number): number | null {
  return windowed(log, w, -1, "windowedPlasticity");
}
