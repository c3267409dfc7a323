import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CHECK_LOG_ENV, labExercises, readCheckLog, type CheckResult } from "../../lib/labs/index.js";
import { parseNotebook } from "../notebook/nbformat.js";
import { failedCells } from "../notebook/outputs.js";
import { inParallel, replabRunArgs, runChild, telltaleLine } from "./child-process.js";
import { parseArgs, positiveOption, wantsHelp } from "./args.js";
import { gradeCsv, gradeRows, gradeText, type GradeRow, type NotebookRunOutcome } from "./labs/grade-table.js";
import { readCheckResults } from "./labs/read-check-results.js";

const USAGE = `usage: replab grade DIR [--csv FILE] [--cell-timeout S] [--notebook-timeout S] [--max-output BYTES] [--max-memory MB] [--jobs N]
  Runs every notebook in DIR headless, each in its own process (replab run --allow-errors: a
  failing cell does not stop the cells after it, so every exercise is graded on its own), and
  prints a table (and writes a CSV) with one row per student (notebook file) per exercise, plus
  each student's total.
  --cell-timeout S       stop a cell that runs longer than S seconds (default 60)
  --notebook-timeout S   stop a notebook that runs longer than S seconds in all (default 300)
  --max-output BYTES     keep at most this much of a notebook's printed output (default 1000000)
  --max-memory MB        heap limit of each notebook's process (default 4096)
  --jobs N               notebooks run at once (default 1)`;

/** Options of `replab grade`. */
export interface GradeOptions {
  cellTimeoutS: number;
  notebookTimeoutS: number;
  maxOutputBytes: number;
  /** Heap limit of each notebook's process in MB (node --max-old-space-size), so an output flood or a leak cannot take the machine's memory. */
  maxMemoryMb: number;
  jobs: number;
  csv?: string;
  /** The command that runs one notebook; defaults to this package's `replab run --allow-errors`. */
  runner?: { command: string; args: (input: string, output: string, cellTimeoutS: number, maxMemoryMb: number) => string[] };
}

function defaultRunner(): NonNullable<GradeOptions["runner"]> {
  return { command: process.execPath, args: (input, output, cellTimeoutS, maxMemoryMb) => [`--max-old-space-size=${maxMemoryMb}`, ...replabRunArgs(input, output, cellTimeoutS)] };
}

function oneLine(text: string): string {
  const line = text.split(/\r?\n/)[0] ?? "";
  return line.length > 160 ? line.slice(0, 159) + "…" : line;
}

/** Grades one notebook: runs it in a child process with the limits and returns how it ended with its check results. */
export async function gradeNotebook(file: string, options: GradeOptions, workDir: string): Promise<NotebookRunOutcome> {
  const student = path.basename(file);
  let lab = "";
  try {
    const nb = parseNotebook(fs.readFileSync(file, "utf8"), "replab grade", file);
    lab = typeof nb.metadata?.replab?.lab === "string" ? nb.metadata.replab.lab : "";
  } catch (e) {
    return { student, lab, expected: [], results: [], ending: "crashed", detail: (e as Error).message };
  }
  const expected = lab ? labExercises(lab) : [];
  const stem = student.replace(/\.ipynb$/, "");
  const output = path.join(workDir, `${stem}.executed.ipynb`);
  const log = path.join(workDir, `${stem}.checks.jsonl`);
  fs.rmSync(output, { force: true });
  fs.rmSync(log, { force: true });
  const runner = options.runner ?? defaultRunner();
  const env = { ...process.env, [CHECK_LOG_ENV]: log };
  const end = await runChild(runner.command, runner.args(file, output, options.cellTimeoutS, options.maxMemoryMb), env, path.dirname(file), options.notebookTimeoutS * 1000, options.maxOutputBytes);

  // Results: the executed notebook when it is there and not oversized, else the check log (written as checks ran).
  let results: CheckResult[] = [];
  if (fs.existsSync(log)) results = readCheckLog(fs.readFileSync(log, "utf8"));
  let errors: Array<{ cell: number; ename: string; evalue: string }> = [];
  let oversized = false;
  if (fs.existsSync(output)) {
    if (fs.statSync(output).size > 50 * options.maxOutputBytes) oversized = true;
    else {
      try {
        const executed = parseNotebook(fs.readFileSync(output, "utf8"), "replab grade", output);
        const fromNotebook = readCheckResults(executed);
        if (fromNotebook.length >= results.length) results = fromNotebook;
        errors = failedCells(executed);
      } catch { /* keep the log's results */ }
    }
  }
  let ending: NotebookRunOutcome["ending"] = "ok";
  let detail = "";
  if (end.killedAtLimit) {
    ending = "timeout";
    detail = `notebook ran past ${options.notebookTimeoutS} s and was stopped`;
  } else if (end.code !== 0) {
    // The first failed cell decides the ending (the cells run on after it, so later failures are often its consequences).
    const failed = errors[0] ?? null;
    const also = errors.length > 1 ? ` (cell${errors.length > 2 ? "s" : ""} ${errors.slice(1).map((e) => e.cell).join(", ")} failed too)` : "";
    const timedOut = failed ? /timeout/i.test(failed.ename) : /timeout|timed out|time limit/i.test(end.output);
    ending = timedOut ? "timeout" : "crashed";
    detail = timedOut ? `cell ${failed ? failed.cell : "?"} ran past ${options.cellTimeoutS} s and was stopped${also}`
      : failed ? `cell ${failed.cell} failed: ${oneLine(`${failed.ename}: ${failed.evalue}`)}${also}` : `run failed (exit ${end.code ?? end.signal}): ${telltaleLine(end.output)}`;
  }
  if (ending === "ok" && (oversized || end.truncated)) detail = "output over the size limit (results read from the check log)";
  return { student, lab, expected, results, ending, detail };
}

/** Grades every .ipynb in `dir` (not recursing), `jobs` at a time; returns all rows. */
export async function gradeFolder(dir: string, options: GradeOptions, onNotebook?: (run: NotebookRunOutcome) => void): Promise<GradeRow[]> {
  const files = fs.readdirSync(dir).filter((n) => n.endsWith(".ipynb") && !n.endsWith(".executed.ipynb")).sort().map((n) => path.join(dir, n));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-grade-"));
  let outcomes: NotebookRunOutcome[];
  try {
    outcomes = await inParallel(files, options.jobs, (file) => gradeNotebook(file, options, workDir), (run) => onNotebook?.(run));
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  return outcomes.flatMap((o) => gradeRows(o));
}

/** Parses `replab grade` arguments. */
export function parseGradeArgs(argv: string[]): { dir: string; options: GradeOptions } {
  const options: GradeOptions = { cellTimeoutS: 60, notebookTimeoutS: 300, maxOutputBytes: 1_000_000, maxMemoryMb: 4096, jobs: 1 };
  let parsed;
  try {
    parsed = parseArgs(argv, { options: ["csv", "cell-timeout", "notebook-timeout", "max-output", "jobs", "max-memory"] });
  } catch (e) {
    throw new Error(`replab grade: ${(e as Error).message}\n${USAGE}`);
  }
  const given = parsed.options;
  if (given.csv !== undefined) options.csv = given.csv;
  const positive = (name: string, example: number) => positiveOption("grade", name, given[name]!, example);
  if (given["cell-timeout"] !== undefined) options.cellTimeoutS = positive("cell-timeout", 30);
  if (given["notebook-timeout"] !== undefined) options.notebookTimeoutS = positive("notebook-timeout", 300);
  if (given["max-output"] !== undefined) options.maxOutputBytes = Math.floor(positive("max-output", 1_000_000));
  if (given.jobs !== undefined) options.jobs = Math.floor(positive("jobs", 2));
  if (given["max-memory"] !== undefined) options.maxMemoryMb = Math.floor(positive("max-memory", 4096));
  const [dir, other] = parsed.positional;
  if (other !== undefined) throw new Error(`replab grade: one DIR only (got ${JSON.stringify(dir)} and ${JSON.stringify(other)})\n${USAGE}`);
  if (dir === undefined) throw new Error(USAGE);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`replab grade: DIR=${JSON.stringify(dir)} is not a folder; pass the folder holding the students' notebooks`);
  return { dir, options };
}

/** `replab grade DIR [--csv FILE] [--cell-timeout S] [--notebook-timeout S]`: grades a class; returns the exit code (0 when every notebook was graded). */
export async function gradeCommand(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) { process.stdout.write(USAGE + "\n"); return 0; }
  let parsed: ReturnType<typeof parseGradeArgs>;
  try {
    parsed = parseGradeArgs(argv);
  } catch (e) {
    process.stderr.write((e as Error).message + "\n");
    return 2;
  }
  const { dir, options } = parsed;
  const rows = await gradeFolder(dir, options, (run) => {
    const passed = run.results.filter((r) => r.status === "pass").length;
    process.stderr.write(`graded ${run.student}: ${run.ending}${run.detail ? ` (${run.detail})` : ""}, ${passed} passed\n`);
  });
  process.stdout.write(gradeText(rows));
  if (options.csv) {
    fs.writeFileSync(options.csv, gradeCsv(rows));
    process.stdout.write(`wrote ${options.csv}\n`);
  }
  return 0;
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) gradeCommand(process.argv.slice(2)).then((code) => process.exit(code));
