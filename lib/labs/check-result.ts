import { escapeHtml } from "../core/index.js";
import { DISPLAY_SYMBOL, type MimeBundle } from "../display/index.js";

/** The MIME type under which a check's result is recorded in a notebook's outputs (read back by `replab grade`). */
export const CHECK_MIME = "application/vnd.replab.check+json";

/** What a check found: `pass`, `not-yet` (wrong, unfinished, or the student's code threw), or `error` (the checker itself failed). */
export type CheckStatus = "pass" | "not-yet" | "error";

/** One exercise's result, as recorded in the notebook and read back by the grader. */
export interface CheckResult {
  lab: string;
  exercise: string;
  status: CheckStatus;
  /** One line saying what passed or what is wrong. */
  message: string;
  /** What to try next (only when not passing). */
  hint?: string;
}

const STYLE: Record<CheckStatus, { colour: string; background: string; mark: string; word: string }> = {
  pass: { colour: "#1b5e20", background: "#e8f5e9", mark: "✔", word: "pass" },
  "not-yet": { colour: "#8a4b00", background: "#fff4e0", mark: "✘", word: "not yet" },
  error: { colour: "#b71c1c", background: "#fdecea", mark: "!", word: "checker error" },
};

/** Plain-text rendering of a result, e.g. `✘ not yet  pass-at-k / unbiased: passAtK(5, 2, 3) returned 0.5, expected 0.9 (hint: …)`. */
export function checkResultText(result: CheckResult): string {
  const s = STYLE[result.status];
  const hint = result.hint ? `\n  hint: ${result.hint}` : "";
  return `${s.mark} ${s.word}  ${result.lab} / ${result.exercise}: ${result.message}${hint}`;
}

/** HTML rendering of a result: a small coloured box. */
export function checkResultHtml(result: CheckResult): string {
  const s = STYLE[result.status];
  const hint = result.hint ? `<div style="margin-top:2px;opacity:0.85">hint: ${escapeHtml(result.hint)}</div>` : "";
  return (
    `<div class="replab-check replab-check-${result.status}" style="border-left:4px solid ${s.colour};background:${s.background};` +
    `color:${s.colour};padding:4px 8px;margin:2px 0;font-family:sans-serif;font-size:13px">` +
    `<b>${s.mark} ${s.word}</b> &nbsp;<code>${escapeHtml(result.lab)} / ${escapeHtml(result.exercise)}</code> — ${escapeHtml(result.message)}${hint}</div>`
  );
}

/** The MIME bundle for a result: HTML, text and the machine-readable record. */
export function checkResultBundle(result: CheckResult): MimeBundle {
  const record: CheckResult = { lab: result.lab, exercise: result.exercise, status: result.status, message: result.message };
  if (result.hint) record.hint = result.hint;
  return { "text/plain": checkResultText(result), "text/html": checkResultHtml(result), [CHECK_MIME]: record };
}

/** Wraps a result so that `display()` (or a cell's last value) renders it. */
export function displayableCheckResult(result: CheckResult): CheckResult {
  return Object.defineProperty({ ...result }, DISPLAY_SYMBOL, { enumerable: false, value: () => checkResultBundle(result) });
}
