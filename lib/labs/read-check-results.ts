import { CHECK_MIME, type CheckResult, type CheckStatus } from "./check-result.js";
import type { NotebookJson } from "./notebook-json.js";

const STATUSES: readonly CheckStatus[] = ["pass", "not-yet", "error"];

/** Accepts a parsed record only when it has the fields of a {@link CheckResult}. */
export function asCheckResult(value: unknown): CheckResult | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  if (typeof v.lab !== "string" || typeof v.exercise !== "string" || typeof v.message !== "string") return null;
  if (!STATUSES.includes(v.status as CheckStatus)) return null;
  return { lab: v.lab, exercise: v.exercise, status: v.status as CheckStatus, message: v.message };
}

/** Every check result recorded in an executed notebook's outputs (display_data / execute_result with the check MIME type), in cell order. */
export function readCheckResults(nb: NotebookJson): CheckResult[] {
  const out: CheckResult[] = [];
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code" || !Array.isArray(cell.outputs)) continue;
    for (const o of cell.outputs) {
      const data = (o as { data?: Record<string, unknown> }).data;
      const rec = data ? asCheckResult(typeof data[CHECK_MIME] === "string" ? safeParse(data[CHECK_MIME] as string) : data[CHECK_MIME]) : null;
      if (rec) out.push(rec);
    }
  }
  return out;
}

/** Check results from a JSONL log written through `REPLAB_CHECK_LOG`; unreadable lines are skipped. */
export function readCheckLog(text: string): CheckResult[] {
  const out: CheckResult[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const rec = asCheckResult(safeParse(line));
    if (rec) out.push(rec);
  }
  return out;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
