/**
 * The lab notebooks, run for real: `replab grade` (each notebook in its own `replab run` child)
 * over every solution notebook (all checks pass) and every student notebook (all "not yet", no
 * cell erroring), and over a class with a solved, an unsolved, an endless, a flooding and a
 * failing notebook (graded with --allow-errors: exercises after a failing cell count on their own).
 * Needs the build: `npx tsc -p tsconfig.json`.
 */
import { beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { LABS, makeStudentNotebook, notebookFromPercent, parseNotebook, stringifyNotebook, cellSource, sourceLines, type NotebookJson, type NotebookRunOutcome, type GradeRow } from "../../lib/labs/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const labsDir = path.join(root, "notebooks/labs");
const cli = path.join(root, "dist/kernel/cli.js");
const stems = fs.readdirSync(path.join(labsDir, "src")).filter((n) => n.endsWith(".lab.ts")).map((n) => n.replace(/\.lab\.ts$/, "")).sort();

function readNb(file: string): NotebookJson {
  return parseNotebook(fs.readFileSync(file, "utf8"), "test", file);
}

beforeAll(() => {
  if (!fs.existsSync(cli) || !fs.existsSync(path.join(root, "dist/kernel/cli/grade.js"))) throw new Error("build first: npx tsc -p tsconfig.json");
});

describe("committed lab notebooks", () => {
  it("there is one lab per registry entry, with solution and student versions", () => {
    expect(stems).toHaveLength(LABS.length);
    for (const stem of stems) {
      expect(fs.existsSync(path.join(labsDir, "solutions", `${stem}.ipynb`)), stem).toBe(true);
      expect(fs.existsSync(path.join(labsDir, `${stem}.ipynb`)), stem).toBe(true);
    }
    expect(stems.map((s) => readNb(path.join(labsDir, `${s}.ipynb`)).metadata.replab?.lab).sort()).toEqual(LABS.map((l) => l.id).sort());
  });

  it("solutions equal their percent sources and student notebooks equal the generator's output (no drift)", () => {
    for (const stem of stems) {
      const solution = notebookFromPercent(fs.readFileSync(path.join(labsDir, "src", `${stem}.lab.ts`), "utf8"), stem);
      expect(fs.readFileSync(path.join(labsDir, "solutions", `${stem}.ipynb`), "utf8"), `${stem}: run node notebooks/labs/src/build.mjs`).toBe(stringifyNotebook(solution));
      expect(fs.readFileSync(path.join(labsDir, `${stem}.ipynb`), "utf8"), `${stem}: run node notebooks/labs/src/build.mjs`).toBe(stringifyNotebook(makeStudentNotebook(solution, `${stem}.ipynb`)));
    }
    const r = spawnSync(process.execPath, [cli, "student", path.join(labsDir, "solutions"), labsDir, "--check"], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("student notebooks hold no solution code, and every exercise has a TODO", () => {
    for (const stem of stems) {
      const text = fs.readFileSync(path.join(labsDir, `${stem}.ipynb`), "utf8");
      expect(text).not.toMatch(/BEGIN SOLUTION|END SOLUTION|solution-only/);
      const nb = readNb(path.join(labsDir, `${stem}.ipynb`));
      const todos = nb.cells.filter((c) => c.cell_type === "code" && /\/\/ TODO/.test(cellSource(c))).length;
      const checks = nb.cells.filter((c) => c.cell_type === "code" && /await \w+Lab\.check\w+\(/.test(cellSource(c))).length;
      const lab = LABS.find((l) => l.id === nb.metadata.replab?.lab)!;
      expect(checks, stem).toBe(lab.exercises.length);
      expect(todos, stem).toBeGreaterThanOrEqual(lab.exercises.length);
    }
  });
});

async function grade(dir: string, args: string[]): Promise<{ outcomes: NotebookRunOutcome[]; rows: GradeRow[]; seconds: number }> {
  const { gradeFolder, parseGradeArgs } = (await import(path.join(root, "dist/kernel/cli/grade.js"))) as typeof import("../../kernel/cli/grade.js");
  const { options } = parseGradeArgs([dir, ...args]);
  const outcomes: NotebookRunOutcome[] = [];
  const t0 = Date.now();
  const rows = await gradeFolder(dir, options, (o) => outcomes.push(o));
  return { outcomes, rows, seconds: (Date.now() - t0) / 1000 };
}

describe("the labs run headless", () => {
  it("every solution notebook passes every check; every student notebook runs through with every check 'not yet'", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "labs-all-"));
    for (const stem of stems) {
      fs.copyFileSync(path.join(labsDir, "solutions", `${stem}.ipynb`), path.join(dir, `solution-${stem}.ipynb`));
      fs.copyFileSync(path.join(labsDir, `${stem}.ipynb`), path.join(dir, `student-${stem}.ipynb`));
    }
    const { outcomes, rows } = await grade(dir, ["--cell-timeout", "120", "--notebook-timeout", "240", "--jobs", "2"]);
    expect(outcomes).toHaveLength(2 * stems.length);
    for (const o of outcomes) {
      expect({ student: o.student, ending: o.ending, detail: o.detail }).toEqual({ student: o.student, ending: "ok", detail: "" });
    }
    const solutionRows = rows.filter((r) => r.student.startsWith("solution-"));
    const studentRows = rows.filter((r) => r.student.startsWith("student-"));
    expect(solutionRows).toHaveLength(LABS.reduce((s, l) => s + l.exercises.length, 0));
    expect(solutionRows.filter((r) => r.status !== "pass")).toEqual([]);
    expect(studentRows).toHaveLength(solutionRows.length);
    expect(studentRows.filter((r) => r.status !== "not-yet")).toEqual([]);
    for (const r of studentRows) expect(r.message).toMatch(/still the TODO stub$/);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 900_000);

  it("`replab grade` on a class with a solved, an unsolved, an endless, a flooding and a failing notebook grades every exercise on its own, within its limits", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "labs-class-"));
    const solved = path.join(labsDir, "solutions", "01-pass-at-k.ipynb");
    fs.copyFileSync(solved, path.join(dir, "ada.ipynb"));
    fs.copyFileSync(path.join(labsDir, "01-pass-at-k.ipynb"), path.join(dir, "bo.ipynb"));
    const cells = readNb(solved).cells;
    // positions as the grader reports them: 1-based, markdown cells counted
    const at = (needle: string) => cells.findIndex((c) => c.cell_type === "code" && cellSource(c).includes(needle)) + 1;
    const ex1Cell = at("function naivePassAtK");
    const ex3Cell = at("function expectedEstimate");
    const ex3CheckCell = at("checkEstimatorBias(");
    const finalCell = at("requireAllChecksPassed(\"pass-at-k\")");
    const edit = (name: string, edits: Record<number, (src: string) => string>) => {
      const nb = readNb(solved);
      for (const [pos, f] of Object.entries(edits)) {
        const i = Number(pos) - 1;
        nb.cells[i] = { ...nb.cells[i]!, source: sourceLines(f(cellSource(nb.cells[i]!))) };
      }
      fs.writeFileSync(path.join(dir, name), stringifyNotebook(nb));
    };
    // cy: a cell that never ends right before exercise 3's check (stopped by --cell-timeout)
    edit("cy.ipynb", { [ex3CheckCell]: (src) => "while (true) {}\n" + src });
    // di: floods its output (from exercise 3's cell)
    edit("di.ipynb", { [ex3Cell]: (src) => src + '\nfor (let i = 0; i < 25_000; i++) console.log("flood ".repeat(200));' });
    // ed: a type error in exercise 1 (returns a string), and exercise 3's cell throws after defining its function
    const typeError = (src: string) => src.replace("return 1 - (1 - c / n) ** k;", "return `${1 - (1 - c / n) ** k}`;");
    expect(typeError(cellSource(cells[ex1Cell - 1]!))).not.toBe(cellSource(cells[ex1Cell - 1]!));
    edit("ed.ipynb", { [ex1Cell]: typeError, [ex3Cell]: (src) => src + '\nthrow new RangeError("boom");' });

    // What each edit does to the grade, from the notebook's code (replab grade runs with --allow-errors):
    // - every exercise cell and check cell of the solution is correct, so a check that runs passes;
    // - cy: the loop is stopped at 10 s, so exercise 3's check never runs (timeout); the cells after
    //   it still run, and exercises 4–5 pass; the final cell's requireAllChecksPassed then fails.
    // - ed: the type checker rejects exercise 1's cell, so naivePassAtK is never declared, and every
    //   later cell that names it fails to type-check too: exercise 1's check records nothing
    //   (crashed). Exercise 3's function is declared before the cell's throw runs (declarations are
    //   hoisted), so its check runs on correct code and passes. Exercises 2–5 never use
    //   naivePassAtK (asserted below), so they pass on their own.
    const usesNaive = cells.flatMap((c, i) => (c.cell_type === "code" && cellSource(c).includes("naivePassAtK") ? [i + 1] : []));
    const checkCells = ["checkNaiveEstimator(", "checkUnbiasedEstimator(", "checkEstimatorBias(", "checkRlvrCurves(", "checkCrossover("].map(at);
    const defCells = ["function naivePassAtK", "function unbiasedPassAtK", "function expectedEstimate", "function meanCurve", "function crossover"].map(at);
    for (const pos of [...defCells.slice(1), ...checkCells.slice(1)]) expect(usesNaive, `cell ${pos}`).not.toContain(pos);
    const edFailed = [...new Set([ex1Cell, ...usesNaive, ex3Cell, finalCell])].sort((a, b) => a - b);
    expect(edFailed[0]).toBe(ex1Cell);

    const csv = path.join(dir, "grades.csv");
    const t0 = Date.now();
    const child = spawn(process.execPath, [cli, "grade", dir, "--csv", csv, "--cell-timeout", "10", "--notebook-timeout", "150", "--max-output", "100000", "--jobs", "2"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b) => { stdout += b; });
    child.stderr.on("data", (b) => { stderr += b; });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    const seconds = (Date.now() - t0) / 1000;
    expect(code, stderr).toBe(0);
    // five notebooks, two at a time, each under its 150 s limit: the class never waits on the loop
    expect(seconds).toBeLessThan(3 * 150 + 30);
    const text = fs.readFileSync(csv, "utf8");
    const lines = text.trim().split("\n");
    const status = (student: string) => lines.filter((l) => l.startsWith(`${student}.ipynb,`) && !l.includes(",TOTAL,")).map((l) => l.split(",")[3]);
    expect(status("ada")).toEqual(["pass", "pass", "pass", "pass", "pass"]);
    expect(status("bo")).toEqual(["not-yet", "not-yet", "not-yet", "not-yet", "not-yet"]);
    expect(status("cy")).toEqual(["pass", "pass", "timeout", "pass", "pass"]);
    expect(status("di")).toEqual(["pass", "pass", "pass", "pass", "pass"]);
    expect(status("ed")).toEqual(["crashed", "pass", "pass", "pass", "pass"]);
    expect(lines).toContain(`cy.ipynb,pass-at-k,estimator-bias,timeout,cell ${ex3CheckCell} ran past 10 s and was stopped (cell ${finalCell} failed too)`);
    const edCrash = lines.find((l) => l.startsWith("ed.ipynb,pass-at-k,naive-estimator,"))!;
    expect(edCrash).toMatch(new RegExp(`^ed\\.ipynb,pass-at-k,naive-estimator,crashed,"cell ${ex1Cell} failed: TSError: .*Type 'string' is not assignable to type 'number'`));
    expect(edCrash).toContain(`(cells ${edFailed.slice(1).join(", ")} failed too)"`);
    expect(lines.filter((l) => l.includes(",TOTAL,")).map((l) => l.split(",").slice(0, 4).join(","))).toEqual([
      "ada.ipynb,pass-at-k,TOTAL,5/5", "bo.ipynb,pass-at-k,TOTAL,0/5", "cy.ipynb,pass-at-k,TOTAL,4/5", "di.ipynb,pass-at-k,TOTAL,5/5", "ed.ipynb,pass-at-k,TOTAL,4/5",
    ]);
    expect(stdout).toMatch(/^student +naive-estimator +unbiased-estimator +estimator-bias +rlvr-curves +crossover +total$/m);
    expect(stdout).toMatch(/^ed\.ipynb +crashed +pass +pass +pass +pass +4\/5$/m);
    expect(stderr).toMatch(/graded di\.ipynb: ok \(output over the size limit/);
    expect(stderr).toMatch(/graded ed\.ipynb: crashed \(cell \d+ failed: TSError/);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 900_000);

  it("a notebook that outlives the notebook limit is stopped, with its unfinished checks marked timeout", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "labs-limit-"));
    const nb = readNb(path.join(labsDir, "solutions", "01-pass-at-k.ipynb"));
    const i = nb.cells.findIndex((c) => cellSource(c).includes("function naivePassAtK"));
    nb.cells[i] = { ...nb.cells[i]!, source: sourceLines("await new Promise<void>((resolve) => setTimeout(resolve, 3_600_000));\n" + cellSource(nb.cells[i]!)) };
    fs.writeFileSync(path.join(dir, "eve.ipynb"), stringifyNotebook(nb));
    const { outcomes, rows, seconds } = await grade(dir, ["--cell-timeout", "600", "--notebook-timeout", "40"]);
    expect(seconds).toBeLessThan(40 + 20);
    expect(outcomes[0]).toMatchObject({ student: "eve.ipynb", ending: "timeout", detail: "notebook ran past 40 s and was stopped" });
    expect(rows.map((r) => r.status)).toEqual(["timeout", "timeout", "timeout", "timeout", "timeout"]);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});
