import * as aq from "arquero";
import type { CheckResult } from "../../../lib/labs/check-result.js";

/** A grade cell's status: a check's status, or what stopped the notebook before the check ran. */
export type GradeStatus = CheckResult["status"] | "timeout" | "crashed" | "missing";

/** One row of the class table: one student (notebook file) and one exercise. */
export interface GradeRow {
  student: string;
  lab: string;
  exercise: string;
  status: GradeStatus;
  message: string;
}

/** How one notebook's run ended, as the grader saw it. */
export interface NotebookRunOutcome {
  /** The notebook's file name (the student). */
  student: string;
  /** The lab's id (from notebook metadata `replab.lab`), or "" when unknown. */
  lab: string;
  /** Exercises the lab has, in order (empty when unknown: then only the recorded checks count). */
  expected: readonly string[];
  /** The check results recorded while it ran. */
  results: readonly CheckResult[];
  /** `ok`: it ran to the end; `timeout`: stopped at a time limit; `crashed`: a cell failed or the run died. */
  ending: "ok" | "timeout" | "crashed";
  /** One line about the ending (e.g. "cell 7 ran past 20 s"). */
  detail: string;
}

/**
 * One row per exercise for a notebook's run: the last recorded result for each expected exercise
 * (the grader runs every cell even after one fails, so a check after a failing cell still counts);
 * an exercise with no result gets `timeout` (the run or a cell was stopped at a limit), `crashed`
 * (a cell failed and this check recorded nothing: its own cell, or one it needed, failed) or
 * `missing` (the run finished but the check never ran, e.g. a deleted cell).
 * A notebook with no known exercises and no results still gets one row, exercise `(notebook)`.
 */
export function gradeRows(run: NotebookRunOutcome): GradeRow[] {
  const last = new Map<string, CheckResult>();
  for (const r of run.results) last.set(r.exercise, r);
  const order = [...run.expected, ...[...last.keys()].filter((e) => !run.expected.includes(e))];
  if (order.length === 0) {
    // nothing known about this notebook (unreadable, or no lab metadata and no check ran): one row, so the student is not lost
    const status: GradeStatus = run.ending === "timeout" ? "timeout" : run.ending === "crashed" ? "crashed" : "missing";
    return [{ student: run.student, lab: run.lab, exercise: "(notebook)", status, message: run.detail || "no check ran and the notebook names no lab (metadata replab.lab)" }];
  }
  return order.map((exercise) => {
    const r = last.get(exercise);
    if (r) return { student: run.student, lab: r.lab, exercise, status: r.status, message: r.message };
    const status: GradeStatus = run.ending === "timeout" ? "timeout" : run.ending === "crashed" ? "crashed" : "missing";
    const message = run.ending === "ok" ? "the check did not run (was its cell removed?)" : run.detail;
    return { student: run.student, lab: run.lab, exercise, status, message };
  });
}

/** The class table: the rows as an arquero table (student, lab, exercise, status, message). */
export function gradeTable(rows: readonly GradeRow[]): aq.ColumnTable {
  return aq.from(rows.map((r) => ({ ...r })), ["student", "lab", "exercise", "status", "message"]);
}

/** Per-student totals: passed / exercises, as an arquero table (student, lab, passed, total, score). */
export function gradeTotals(rows: readonly GradeRow[]): aq.ColumnTable {
  const by = new Map<string, { student: string; lab: string; passed: number; total: number }>();
  for (const r of rows) {
    const t = by.get(r.student) ?? { student: r.student, lab: r.lab, passed: 0, total: 0 };
    t.total++;
    if (r.status === "pass") t.passed++;
    if (!t.lab) t.lab = r.lab;
    by.set(r.student, t);
  }
  return aq.from([...by.values()].map((t) => ({ ...t, score: t.total === 0 ? 0 : t.passed / t.total })));
}

function csvField(v: unknown): string {
  const s = String(v ?? "");
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The grade CSV (RFC 4180 quoting): one row per student per exercise, then one `TOTAL` row per
 * student whose status column holds `passed/total`.
 */
export function gradeCsv(rows: readonly GradeRow[]): string {
  const lines = ["student,lab,exercise,status,message"];
  for (const r of rows) lines.push([r.student, r.lab, r.exercise, r.status, r.message].map(csvField).join(","));
  for (const t of gradeTotals(rows).objects() as Array<{ student: string; lab: string; passed: number; total: number }>) {
    lines.push([t.student, t.lab, "TOTAL", `${t.passed}/${t.total}`, ""].map(csvField).join(","));
  }
  return lines.join("\n") + "\n";
}

/** The table as fixed-width text for a terminal: one line per student, one column per exercise, then the total. */
export function gradeText(rows: readonly GradeRow[]): string {
  const students = [...new Set(rows.map((r) => r.student))];
  const exercises = [...new Set(rows.map((r) => r.exercise))];
  const header = ["student", ...exercises, "total"];
  const body = students.map((s) => {
    const mine = rows.filter((r) => r.student === s);
    const cells = exercises.map((e) => mine.find((r) => r.exercise === e)?.status ?? "");
    return [s, ...cells, `${mine.filter((r) => r.status === "pass").length}/${mine.length}`];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [fmt(header), fmt(widths.map((w) => "-".repeat(w))), ...body.map(fmt)].join("\n") + "\n";
}
