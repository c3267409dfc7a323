import type { CheckResult, CheckStatus } from "./check-result.js";

const STATUSES: readonly CheckStatus[] = ["pass", "not-yet", "error"];

/** Accepts a parsed record only when it has the fields of a {@link CheckResult}. */
export function asCheckResult(value: unknown): CheckResult | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  if (typeof v.lab !== "string" || typeof v.exercise !== "string" || typeof v.message !== "string") return null;
  if (!STATUSES.includes(v.status as CheckStatus)) return null;
  return { lab: v.lab, exercise: v.exercise, status: v.status as CheckStatus, message: v.message };
}

/** A check result from a record as it is stored: JSON text (a log line, a string MIME value) or an already parsed object; null when it is not one. */
export function checkResultOf(stored: unknown): CheckResult | null {
  return asCheckResult(typeof stored === "string" ? safeParse(stored) : stored);
}

/** Check results from a JSONL log written through `REPLAB_CHECK_LOG`; unreadable lines are skipped. */
export function readCheckLog(text: string): CheckResult[] {
  const out: CheckResult[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const rec = checkResultOf(line);
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
