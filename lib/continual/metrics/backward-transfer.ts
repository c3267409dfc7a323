import type { ParsedContinualLog } from "./continual-log.js";
import { meanOrNull } from "./continual-log.js";

/** The R[t][i] pairs the end-of-task metrics need: (R[i][i], R[T][i], max_{i≤t<T} R[t][i]) for each i < T with both ends logged. */
export function taskEndPairs(log: ParsedContinualLog): Array<{ task: number; own: number; final: number; best: number }> {
  const T = log.trained[log.trained.length - 1]!;
  const out: Array<{ task: number; own: number; final: number; best: number }> = [];
  for (const i of log.trained) {
    if (i >= T) continue;
    const own = log.R.get(i)!.get(i), final = log.R.get(T)!.get(i);
    if (own === undefined || final === undefined) continue;
    let best = -Infinity;
    for (const t of log.trained) if (t >= i && t < T) { const v = log.R.get(t)!.get(i); if (v !== undefined) best = Math.max(best, v); }
    out.push({ task: i, own, final, best });
  }
  return out;
}

/**
 * BWT, backward transfer (Lopez-Paz & Ranzato 2017, GEM): mean over i < T of R[T][i] − R[i][i],
 * T the last trained task. null with fewer than two tasks.
 */
export function backwardTransfer(log: ParsedContinualLog): number | null {
  return meanOrNull(taskEndPairs(log).map((p) => p.final - p.own));
}
