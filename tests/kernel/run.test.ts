import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, notebookText, requireBuilt, runProcess } from "./helpers.js";

// `replab run` as a user runs it: the built CLI in a child process, on notebooks in a temp dir.
interface Out { output_type: string; name?: string; text?: string; data?: Record<string, unknown>; ename?: string; traceback?: string[]; execution_count?: number }
interface Cell { cell_type: string; outputs?: Out[]; execution_count?: number | null }

describe("replab run", () => {
  let dir = "";
  beforeAll(() => {
    requireBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-run-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("executes a notebook headless, saves outputs and execution counts, and writes HTML", async () => {
    const file = path.join(dir, "ok.ipynb");
    fs.writeFileSync(file, notebookText([
      { src: "# A title\nSome prose.", markdown: true },
      { src: 'console.log("to stdout");\nconsole.log("merged");\n40 + 2' },
      { src: 'const h = display("first", { id: true });\ndisplay.html("<b>html and more</b>");\nh.update("second");' },
      { src: 'throw new Error("allowed to fail");', tags: ["raises-exception"] },
      { src: "" },
      { src: 'import * as aq from "arquero";\naq.table({ x: [1, 2] }).numRows()' },
    ]));
    const html = path.join(dir, "ok.html");
    const r = await runProcess(process.execPath, [CLI, "run", file, "--html", html], { cwd: dir, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const nb = JSON.parse(fs.readFileSync(file, "utf8")) as { cells: Cell[]; metadata: { kernelspec: { name: string } } };
    expect(nb.metadata.kernelspec.name).toBe("replab");
    const [, c1, c2, c3, c4, c5] = nb.cells;
    expect(c1!.execution_count).toBe(1);
    expect(c1!.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "to stdout\nmerged\n" },
      { output_type: "execute_result", data: { "text/plain": "42" }, metadata: {}, execution_count: 1 },
    ]);
    // update_display_data applied in place: the first display now shows "second".
    expect(c2!.outputs!.map((o) => o.data?.["text/plain"])).toEqual(["second", "html and more"]);
    expect(c3!.outputs![0]!.output_type).toBe("error");
    expect(c3!.outputs![0]!.ename).toBe("Error");
    expect(c4!.execution_count).toBeNull();
    expect(c5!.execution_count).toBe(4);
    expect(c5!.outputs![0]!.data!["text/plain"]).toBe("2");
    const page = fs.readFileSync(html, "utf8");
    expect(page).toContain("<h1>A title</h1>");
    expect(page).toContain("<b>html and more</b>");
    expect(page).toContain("allowed to fail");
  }, 150_000);

  it("exits non-zero at the first failing cell and names it (index and first line) and why", async () => {
    const file = path.join(dir, "bad.ipynb");
    fs.writeFileSync(file, notebookText([
      { src: "let fine = 1;" },
      { src: "// compute the answer\nconst answer = fine + 1;\nthrow new RangeError(`no answer: ${answer}`);" },
      { src: 'console.log("never runs")' },
    ]));
    const r = await runProcess(process.execPath, [CLI, "run", file], { cwd: dir, timeoutMs: 120_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("failed at cell 1 (first line: // compute the answer)");
    expect(r.stderr).toContain("RangeError: no answer: 2");
    expect(r.stderr).toContain("line 3");
    const nb = JSON.parse(fs.readFileSync(file, "utf8")) as { cells: Cell[] };
    expect(nb.cells[1]!.outputs![0]!.output_type).toBe("error");
    expect(nb.cells[2]!.outputs ?? []).toEqual([]);
  }, 150_000);

  it("--allow-errors runs every cell after a failing one, saves all outputs, exits non-zero and names the failing cell", async () => {
    const file = path.join(dir, "allow.ipynb");
    fs.writeFileSync(file, notebookText([
      { src: "let fine = 1;" },
      { src: "// middle cell fails\nconst answer = fine + 1;\nthrow new RangeError(`no answer: ${answer}`);" },
      { src: "throw new Error(\"allowed to fail\");", tags: ["raises-exception"] },
      { src: 'console.log("last cell ran", fine + 41)' },
    ]));
    const r = await runProcess(process.execPath, [CLI, "run", file, "--allow-errors"], { cwd: dir, timeoutMs: 120_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cell 1 failed (first line: // middle cell fails)");
    expect(r.stderr).toContain("RangeError: no answer: 2");
    expect(r.stderr).toContain("1 cell failed: 1.");
    expect(r.stderr).not.toContain("cell 2 failed"); // tagged raises-exception: not a failure
    const nb = JSON.parse(fs.readFileSync(file, "utf8")) as { cells: Cell[] };
    expect(nb.cells[1]!.outputs!.map((o) => [o.output_type, o.ename])).toEqual([["error", "RangeError"]]);
    expect(nb.cells[2]!.outputs!.map((o) => [o.output_type, o.ename])).toEqual([["error", "Error"]]);
    expect(nb.cells[3]!.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "last cell ran 42\n" }]);
    expect(nb.cells.map((c) => c.execution_count)).toEqual([1, 2, 3, 4]);

    // without a failing cell it exits 0 as before
    const ok = path.join(dir, "allow-ok.ipynb");
    fs.writeFileSync(ok, notebookText([{ src: "1 + 1" }]));
    const r2 = await runProcess(process.execPath, [CLI, "run", ok, "--allow-errors"], { cwd: dir, timeoutMs: 120_000 });
    expect(r2.code, r2.stderr).toBe(0);
  }, 150_000);

  it("--allow-errors with --timeout: a timed-out cell counts as failed and the cells after it still run", async () => {
    const file = path.join(dir, "allow-spin.ipynb");
    fs.writeFileSync(file, notebookText([
      { src: "while (true) {}" },
      { src: "await new Promise<void>((resolve) => setTimeout(resolve, 3_600_000));" },
      { src: 'console.log("after the loops")' },
    ]));
    const r = await runProcess(process.execPath, [CLI, "run", file, "--timeout", "1", "--allow-errors"], { cwd: dir, timeoutMs: 120_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cell 0 failed (first line: while (true) {})");
    expect(r.stderr).toContain("cell 1 failed (first line: await new Promise");
    expect(r.stderr).toContain("2 cells failed: 0, 1.");
    const nb = JSON.parse(fs.readFileSync(file, "utf8")) as { cells: Cell[] };
    expect(nb.cells[0]!.outputs!.map((o) => o.ename)).toEqual(["Timeout"]);
    expect(nb.cells[1]!.outputs!.map((o) => o.ename)).toEqual(["Timeout"]);
    expect(nb.cells[2]!.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "after the loops\n" }]);
  }, 150_000);

  it("--timeout stops a while (true) {} cell", async () => {
    const file = path.join(dir, "spin.ipynb");
    fs.writeFileSync(file, notebookText([{ src: "while (true) {}" }]));
    const out = path.join(dir, "spin-out.ipynb");
    const r = await runProcess(process.execPath, [CLI, "run", file, "--timeout", "1", "--output", out], { cwd: dir, timeoutMs: 120_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Timeout");
    expect(fs.existsSync(out)).toBe(true);
  }, 150_000);

  it("bad arguments get a usage message and exit 2", async () => {
    const r = await runProcess(process.execPath, [CLI, "run", path.join(dir, "missing.ipynb")], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no such notebook");
    const r2 = await runProcess(process.execPath, [CLI, "run", "x.ipynb", "--timeout", "soon"], { cwd: dir });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('replab run: --timeout "soon" is not a positive number; pass e.g. --timeout 600');
  });
});
