import { display, DISPLAY_SYMBOL } from "../display/index.js";
import { escapeHtml } from "../core/index.js";
import { sessionCheckResults } from "./check.js";
import { requireLabExercise, labExercises } from "./lab-registry.js";
import type { CheckResult } from "./check-result.js";

/** One exercise's latest status in this session: a check status, or "not run". */
export interface ExerciseStatus {
  exercise: string;
  status: CheckResult["status"] | "not run";
  message: string;
}

function latest(labId: string): ExerciseStatus[] {
  const results = sessionCheckResults().filter((r) => r.lab === labId);
  return labExercises(labId).map((exercise) => {
    const r = results.filter((x) => x.exercise === exercise).pop();
    return r ? { exercise, status: r.status, message: r.message } : { exercise, status: "not run" as const, message: "" };
  });
}

/**
 * The lab's progress so far in this session: each exercise's latest check result (or "not run"),
 * displayed as a small table with "k of n exercises pass".
 */
export function checkSummary(labId: string): void {
  requireLabExercise("checkSummary", labId, labExercises(labId)[0] ?? "");
  const rows = latest(labId);
  const passed = rows.filter((r) => r.status === "pass").length;
  const head = `${labId}: ${passed} of ${rows.length} exercises pass`;
  const text = [head, ...rows.map((r) => `  ${r.status.padEnd(8)} ${r.exercise}${r.message ? ` — ${r.message}` : ""}`)].join("\n");
  const colour = (s: ExerciseStatus["status"]) => (s === "pass" ? "#1b5e20" : s === "not run" ? "#777" : s === "error" ? "#b71c1c" : "#8a4b00");
  const html = `<div class="replab-check-summary" style="font-family:sans-serif;font-size:13px"><b>${escapeHtml(head)}</b><table>` +
    rows.map((r) => `<tr><td><code>${escapeHtml(r.exercise)}</code></td><td style="color:${colour(r.status)};font-weight:bold">${escapeHtml(r.status)}</td><td>${escapeHtml(r.message)}</td></tr>`).join("") +
    "</table></div>";
  display({ [DISPLAY_SYMBOL]: () => ({ "text/plain": text, "text/html": html }) });
}

/**
 * Throws an Error naming every exercise of the lab whose latest check in this session did not
 * pass (or never ran). Solution notebooks end with it, so that running them headless (CI) fails
 * when a check and its solution disagree.
 */
export function requireAllChecksPassed(labId: string): void {
  requireLabExercise("requireAllChecksPassed", labId, labExercises(labId)[0] ?? "");
  const bad = latest(labId).filter((r) => r.status !== "pass");
  if (bad.length > 0) throw new Error(`${labId}: ${bad.length} exercise(s) did not pass: ${bad.map((r) => `${r.exercise} (${r.status}${r.message ? `: ${r.message}` : ""})`).join("; ")}`);
}
