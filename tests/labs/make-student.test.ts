import { describe, expect, it } from "vitest";
import { makeStudentNotebook, stripSolutionCode, cellSource, type NotebookJson } from "../../lib/labs/index.js";

const code = [
  "export function naivePassAtK(n: number, c: number, k: number): number {",
  "  // BEGIN SOLUTION",
  "  // TODO: return 1 − (1 − c/n)^k",
  "  // STUB: return undefined as any;",
  "  return 1 - (1 - c / n) ** k;",
  "  // END SOLUTION",
  "}",
].join("\n");

describe("stripSolutionCode", () => {
  it("replaces the block with its TODO comment and stub, indented", () => {
    expect(stripSolutionCode(code)).toBe([
      "export function naivePassAtK(n: number, c: number, k: number): number {",
      "  // TODO: return 1 − (1 − c/n)^k",
      "  return undefined as any;",
      "}",
    ].join("\n"));
  });

  it("defaults to a TODO throw and keeps the BEGIN line's note", () => {
    expect(stripSolutionCode("const x = 1;\n// BEGIN SOLUTION: compute y from x\nconst y = x + 1;\n// END SOLUTION\nconsole.log(y);"))
      .toBe('const x = 1;\n// TODO: compute y from x\nthrow new Error("TODO");\nconsole.log(y);');
  });

  it("handles several blocks in one cell and leaves code without markers untouched", () => {
    const two = "// BEGIN SOLUTION\na();\n// END SOLUTION\nb();\n// BEGIN SOLUTION\n// STUB: c0();\nc();\n// END SOLUTION";
    expect(stripSolutionCode(two)).toBe('// TODO: your code here\nthrow new Error("TODO");\nb();\n// TODO: your code here\nc0();');
    expect(stripSolutionCode("plain();\n")).toBe("plain();\n");
  });

  it("rejects unbalanced markers with a message naming the line", () => {
    expect(() => stripSolutionCode("// BEGIN SOLUTION\nx();", "lab.ipynb cell 3")).toThrow(/lab.ipynb cell 3 line 1 opens "\/\/ BEGIN SOLUTION" that is never closed/);
    expect(() => stripSolutionCode("x();\n// END SOLUTION")).toThrow(/line 2 has "\/\/ END SOLUTION" without a BEGIN/);
    expect(() => stripSolutionCode("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION")).toThrow(/inside another/);
  });
});

describe("makeStudentNotebook", () => {
  const solution: NotebookJson = {
    nbformat: 4, nbformat_minor: 5,
    metadata: { replab: { lab: "pass-at-k" }, kernelspec: { name: "replab" } },
    cells: [
      { cell_type: "markdown", metadata: {}, source: ["# Lab\n", "// BEGIN SOLUTION stays in markdown"] },
      { cell_type: "code", metadata: {}, source: code, outputs: [{ output_type: "stream", name: "stdout", text: "x" }], execution_count: 3 },
      { cell_type: "code", metadata: { tags: ["solution-only"] }, source: "secretReference();", outputs: [], execution_count: 4 },
      { cell_type: "code", metadata: { tags: ["check"] }, source: "await check();", outputs: [{ output_type: "display_data", data: {}, metadata: {} }], execution_count: 5 },
    ],
  };

  it("drops solution-only cells, stubs solutions, clears outputs, keeps markdown and metadata", () => {
    const s = makeStudentNotebook(solution);
    expect(s.cells.map((c) => c.cell_type)).toEqual(["markdown", "code", "code"]);
    expect(s.cells[0]!.source).toEqual(solution.cells[0]!.source);
    expect(cellSource(s.cells[1]!)).toBe(stripSolutionCode(code));
    expect(s.cells[1]!.outputs).toEqual([]);
    expect(s.cells[1]!.execution_count).toBeNull();
    expect(s.cells[2]!.outputs).toEqual([]);
    expect(s.cells[2]!.metadata.tags).toEqual(["check"]);
    expect(s.metadata).toEqual(solution.metadata);
    expect(JSON.stringify(s)).not.toContain("secretReference");
    expect(JSON.stringify(s)).not.toContain("1 - (1 - c / n) ** k");
  });

  it("does not change its input and is deterministic", () => {
    const before = JSON.stringify(solution);
    expect(JSON.stringify(makeStudentNotebook(solution))).toBe(JSON.stringify(makeStudentNotebook(solution)));
    expect(JSON.stringify(solution)).toBe(before);
  });
});
