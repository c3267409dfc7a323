import { CHECK_MIME, type CheckResult } from "../../../lib/labs/check-result.js";
import { checkResultOf } from "../../../lib/labs/check-log.js";
import type { Notebook } from "../../notebook/nbformat.js";

/** Every check result recorded in an executed notebook's outputs (display_data / execute_result with the check MIME type), in cell order. */
export function readCheckResults(nb: Notebook): CheckResult[] {
  const out: CheckResult[] = [];
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code" || !Array.isArray(cell.outputs)) continue;
    for (const o of cell.outputs) {
      const data = (o as { data?: Record<string, unknown> }).data;
      const rec = data ? checkResultOf(data[CHECK_MIME]) : null;
      if (rec) out.push(rec);
    }
  }
  return out;
}
