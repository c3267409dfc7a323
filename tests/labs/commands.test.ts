import { describe, expect, it, vi } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseGradeArgs, gradeCommand } from "../../kernel/cli/grade.js";
import { studentCommand } from "../../kernel/cli/student.js";
import { stringifyNotebook, type NotebookJson } from "../../lib/labs/index.js";

function captureStderr(): { text: () => string; restore: () => void } {
  let out = "";
  const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => { out += String(chunk); return true; });
  return { text: () => out, restore: () => spy.mockRestore() };
}

describe("replab grade arguments", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grade-args-"));
  it("parses limits and defaults", () => {
    expect(parseGradeArgs([dir]).options).toMatchObject({ cellTimeoutS: 60, notebookTimeoutS: 300, maxOutputBytes: 1_000_000, maxMemoryMb: 4096, jobs: 1 });
    expect(parseGradeArgs([dir, "--csv", "g.csv", "--cell-timeout", "5", "--notebook-timeout", "30", "--jobs", "2"]).options).toMatchObject({ csv: "g.csv", cellTimeoutS: 5, notebookTimeoutS: 30, jobs: 2 });
  });
  it("prints its usage on --help", async () => {
    let out = "";
    const log = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => { out += String(chunk); return true; });
    try {
      expect(await gradeCommand(["--help"])).toBe(0);
      expect(await studentCommand(["-h"])).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect(out).toMatch(/^usage: replab grade DIR .*--max-memory MB/m);
    expect(out).toMatch(/^usage: replab student SOLUTIONS_DIR OUT_DIR \[--check\]/m);
  });
  it("rejects bad input with a message naming the argument", async () => {
    expect(() => parseGradeArgs([dir, "--cell-timeout", "-1"])).toThrow('replab grade: --cell-timeout "-1" is not a positive number; pass e.g. --cell-timeout 30');
    expect(() => parseGradeArgs([path.join(dir, "nope")])).toThrow(/DIR=".*nope" is not a folder/);
    expect(() => parseGradeArgs([dir, "--frobnicate"])).toThrow(/unknown option --frobnicate/);
    expect(() => parseGradeArgs([])).toThrow(/^usage: replab grade DIR/);
    const err = captureStderr();
    try {
      expect(await gradeCommand([dir, "--notebook-timeout", "abc"])).toBe(2);
    } finally {
      err.restore();
    }
    expect(err.text()).toMatch(/--notebook-timeout "abc" is not a positive number/);
  });
});

describe("replab grade on an unreadable notebook", () => {
  it("lists the student as crashed with the reason, and writes the CSV", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grade-bad-"));
    fs.writeFileSync(path.join(dir, "zed.ipynb"), "{ not json");
    const csv = path.join(dir, "out.csv");
    let out = "";
    const log = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => { out += String(chunk); return true; });
    const err = captureStderr();
    try {
      expect(await gradeCommand([dir, "--csv", csv])).toBe(0);
    } finally {
      log.mockRestore();
      err.restore();
    }
    expect(out).toMatch(/^zed\.ipynb +crashed +0\/1$/m);
    expect(fs.readFileSync(csv, "utf8")).toMatch(/^zed\.ipynb,,\(notebook\),crashed,"replab grade: file="".*zed\.ipynb"" is not valid JSON/m);
  });
});

describe("replab student", () => {
  it("writes student notebooks, and --check tells stale from fresh", async () => {
    const src = fs.mkdtempSync(path.join(os.tmpdir(), "student-src-"));
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "student-out-")), "class");
    const nb: NotebookJson = { nbformat: 4, nbformat_minor: 5, metadata: { replab: { lab: "x" } }, cells: [
      { cell_type: "code", metadata: {}, source: "const a = 1;\n// BEGIN SOLUTION\nconst b = a + 1;\n// END SOLUTION", outputs: [], execution_count: 1 },
    ] };
    fs.writeFileSync(path.join(src, "lab.ipynb"), stringifyNotebook(nb));
    const log = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const err = captureStderr();
    try {
      expect(await studentCommand([src, out, "--check"])).toBe(1);
      expect(err.text()).toMatch(/lab\.ipynb is missing; run: replab student/);
      expect(await studentCommand([src, out])).toBe(0);
      expect(await studentCommand([src, out, "--check"])).toBe(0);
      fs.appendFileSync(path.join(out, "lab.ipynb"), " ");
      expect(await studentCommand([src, out, "--check"])).toBe(1);
      expect(await studentCommand([src])).toBe(2);
      fs.writeFileSync(path.join(src, "bad.ipynb"), "{not json");
      expect(await studentCommand([src, out])).toBe(1);
      expect(err.text()).toMatch(/replab student: file=".*bad\.ipynb" is not valid JSON/);
    } finally {
      log.mockRestore();
      err.restore();
    }
    const written = JSON.parse(fs.readFileSync(path.join(out, "lab.ipynb"), "utf8")) as NotebookJson;
    expect(written.cells[0]!.source).toEqual(["const a = 1;\n", "// TODO: your code here\n", 'throw new Error("TODO");']);
    expect(written.cells[0]!.execution_count).toBeNull();
  });
});
