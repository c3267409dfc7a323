import { describe, expect, it } from "vitest";
import { gradeRows, gradeCsv, gradeText, gradeTotals, readCheckResults, CHECK_MIME, type NotebookJson } from "../../lib/labs/index.js";

describe("gradeRows", () => {
  const base = { student: "ana.ipynb", lab: "pass-at-k", expected: ["a", "b", "c"] };
  it("keeps each exercise's last result and marks the rest by how the run ended", () => {
    const results = [
      { lab: "pass-at-k", exercise: "a", status: "not-yet" as const, message: "first try" },
      { lab: "pass-at-k", exercise: "a", status: "pass" as const, message: "correct" },
    ];
    const timeout = gradeRows({ ...base, results, ending: "timeout", detail: "notebook ran past 5 s and was stopped" });
    expect(timeout.map((r) => [r.exercise, r.status])).toEqual([["a", "pass"], ["b", "timeout"], ["c", "timeout"]]);
    expect(timeout[1]!.message).toBe("notebook ran past 5 s and was stopped");
    expect(gradeRows({ ...base, results, ending: "crashed", detail: "x" })[2]!.status).toBe("crashed");
    expect(gradeRows({ ...base, results, ending: "ok", detail: "" })[2]!.status).toBe("missing");
  });
  it("keeps a student whose notebook could not be read, as one row", () => {
    expect(gradeRows({ student: "x.ipynb", lab: "", expected: [], results: [], ending: "crashed", detail: "replab grade: file=\"x.ipynb\" is not valid JSON" })).toEqual([
      { student: "x.ipynb", lab: "", exercise: "(notebook)", status: "crashed", message: 'replab grade: file="x.ipynb" is not valid JSON' },
    ]);
    expect(gradeRows({ student: "y.ipynb", lab: "", expected: [], results: [], ending: "ok", detail: "" })[0]).toMatchObject({ status: "missing", message: expect.stringMatching(/names no lab/) });
  });
  it("adds recorded exercises the registry does not list", () => {
    const rows = gradeRows({ ...base, expected: [], results: [{ lab: "x", exercise: "z", status: "pass", message: "ok" }], ending: "ok", detail: "" });
    expect(rows).toEqual([{ student: "ana.ipynb", lab: "x", exercise: "z", status: "pass", message: "ok" }]);
  });
});

describe("grade outputs", () => {
  const rows = [
    { student: "ana.ipynb", lab: "L", exercise: "a", status: "pass" as const, message: "correct" },
    { student: "ana.ipynb", lab: "L", exercise: "b", status: "not-yet" as const, message: 'got "1,2", expected 3' },
    { student: "bo.ipynb", lab: "L", exercise: "a", status: "timeout" as const, message: "stopped" },
    { student: "bo.ipynb", lab: "L", exercise: "b", status: "timeout" as const, message: "stopped" },
  ];
  it("writes RFC 4180 CSV with per-student totals", () => {
    expect(gradeCsv(rows)).toBe([
      "student,lab,exercise,status,message",
      "ana.ipynb,L,a,pass,correct",
      'ana.ipynb,L,b,not-yet,"got ""1,2"", expected 3"',
      "bo.ipynb,L,a,timeout,stopped",
      "bo.ipynb,L,b,timeout,stopped",
      "ana.ipynb,L,TOTAL,1/2,",
      "bo.ipynb,L,TOTAL,0/2,",
      "",
    ].join("\n"));
  });
  it("totals and text table", () => {
    expect(gradeTotals(rows).objects()).toEqual([
      { student: "ana.ipynb", lab: "L", passed: 1, total: 2, score: 0.5 },
      { student: "bo.ipynb", lab: "L", passed: 0, total: 2, score: 0 },
    ]);
    expect(gradeText(rows)).toBe("student    a        b        total\n---------  -------  -------  -----\nana.ipynb  pass     not-yet  1/2\nbo.ipynb   timeout  timeout  0/2\n");
  });
});

describe("readCheckResults", () => {
  it("reads records from display_data outputs (object or JSON string) and ignores the rest", () => {
    const rec = { lab: "L", exercise: "a", status: "pass", message: "correct" };
    const nb: NotebookJson = {
      nbformat: 4, nbformat_minor: 5, metadata: {},
      cells: [
        { cell_type: "code", metadata: {}, source: "", outputs: [
          { output_type: "stream", name: "stdout", text: JSON.stringify(rec) },
          { output_type: "display_data", data: { "text/plain": "x", [CHECK_MIME]: rec }, metadata: {} },
          { output_type: "display_data", data: { [CHECK_MIME]: JSON.stringify({ ...rec, exercise: "b" }) }, metadata: {} },
          { output_type: "display_data", data: { [CHECK_MIME]: { ...rec, status: "great" } }, metadata: {} },
        ] },
        { cell_type: "markdown", metadata: {}, source: "" },
      ],
    };
    expect(readCheckResults(nb).map((r) => r.exercise)).toEqual(["a", "b"]);
  });
});
