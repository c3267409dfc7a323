import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, PYTHON, ROOT, requireBuilt, runProcess, useTempKernelspec } from "./helpers.js";

// tests/kernel/notebooks/deno-style.ipynb uses Deno's Jupyter API as Deno's documentation does;
// it runs unchanged under Jupyter's nbclient (the replab kernel over ZeroMQ) and under `replab run`.
const NOTEBOOK = path.join(ROOT, "tests", "kernel", "notebooks", "deno-style.ipynb");
const PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

interface Output { output_type: string; data?: Record<string, unknown>; ename?: string; evalue?: string }
interface Cell { cell_type: string; outputs?: Output[] }

/** What each code cell of the notebook must show: one output, its type, and its data. */
const EXPECTED: Array<{ type: string; data: Record<string, unknown> }> = [
  { type: "execute_result", data: { "text/html": "<h1>Hello, world!</h1>" } },
  { type: "execute_result", data: { "text/markdown": "# Notebooks in TypeScript\n\n* with **Markdown**" } },
  { type: "execute_result", data: { "image/svg+xml": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><circle cx="50" cy="50" r="40" fill="teal" /></svg>' } },
  { type: "display_data", data: { "text/plain": "Hello, world!", "text/html": "<h2>Hello, world!</h2>" } },
  { type: "display_data", data: { "text/html": "<b>bold</b>" } },
  { type: "display_data", data: { "text/html": "<b>second</b>" } },
  { type: "execute_result", data: { "image/png": PNG_1PX } },
  { type: "execute_result", data: { "image/png": PNG_1PX } },
  { type: "execute_result", data: { "text/plain": "'42'" } },
  { type: "execute_result", data: { "text/markdown": "**a custom object**" } },
];

/** The code cells' outputs, with nbformat's list-of-lines text joined back into strings. */
function codeOutputs(file: string): Output[][] {
  const nb = JSON.parse(fs.readFileSync(file, "utf8")) as { cells: Cell[] };
  const joined = (data: Record<string, unknown> = {}) => Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Array.isArray(v) ? v.join("") : v]));
  return nb.cells.filter((c) => c.cell_type === "code").map((c) => (c.outputs ?? []).map((o) => ({ ...o, data: joined(o.data) })));
}

function expectDenoOutputs(file: string): void {
  const outputs = codeOutputs(file);
  expect(outputs).toHaveLength(EXPECTED.length);
  outputs.forEach((outs, i) => {
    const want = EXPECTED[i]!;
    expect(outs.map((o) => o.output_type), `cell ${i + 1}: ${JSON.stringify(outs).slice(0, 600)}`).toEqual([want.type]);
    expect(outs[0]!.data, `cell ${i + 1}`).toMatchObject(want.data);
  });
}

describe("a notebook written for Deno's kernel", () => {
  const env = useTempKernelspec();
  const temps: string[] = [];
  const copy = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-deno-"));
    temps.push(dir);
    const file = path.join(dir, "deno-style.ipynb");
    fs.copyFileSync(NOTEBOOK, file);
    return file;
  };
  beforeAll(() => requireBuilt());
  afterAll(() => {
    for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
  });

  it("runs unchanged under nbclient, every output as Deno's kernel would send it", async () => {
    const file = copy();
    const r = await runProcess(PYTHON, [path.join(ROOT, "tests", "notebooks", "py", "run_nbclient.py"), file, "120"], { env: env(), timeoutMs: 300_000 });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expectDenoOutputs(file);
  }, 320_000);

  it("runs unchanged under replab run, with the same outputs", async () => {
    const file = copy();
    const r = await runProcess(process.execPath, [CLI, "run", file], { timeoutMs: 300_000 });
    expect(r.code, r.stderr).toBe(0);
    expectDenoOutputs(file);
  }, 320_000);
});
