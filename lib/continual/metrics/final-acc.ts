import type { ParsedContinualLog } from "./continual-log.js";
import { meanOrNull } from "./continual-log.js";

/** Final accuracy: the mean over evaluated tasks of each one's last accuracy. */
export function finalAccuracy(log: ParsedContinualLog): number | null {
  return meanOrNull(log.tasks.map((i) => { const a = log.series.get(i)!.accuracy; return a[a.length - 1]!; }));
}
