import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, PYTHON, ROOT, installTempKernelspec, requireBuilt, runProcess } from "../kernel/helpers.js";

// Every notebook under notebooks/ (labs/ excluded: they have their own tests), found when the
// tests are collected, executed on a temp copy (the repo's files are never touched) by
// (a) Jupyter's nbclient with the replab kernel and (b) `replab run`. Any error output fails,
// except in cells tagged raises-exception.
const NOTEBOOKS_DIR = path.join(ROOT, "notebooks");

function findNotebooks(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (path.relative(NOTEBOOKS_DIR, p) === "labs" || e.name.startsWith(".")) continue;
      out.push(...findNotebooks(p));
    } else if (e.name.endsWith(".ipynb") && !e.name.endsWith(".nbconvert.ipynb")) {
      out.push(p);
    }
  }
  return out.sort();
}

const notebooks = findNotebooks(NOTEBOOKS_DIR).map((p) => path.relative(NOTEBOOKS_DIR, p));

interface Output { output_type: string; ename?: string; evalue?: string }
interface Cell { cell_type: string; metadata?: { tags?: string[] }; outputs?: Output[] }

/** A temp copy of the notebook at the same depth under a notebooks/ folder, with datasets/ linked. */
function tempCopy(rel: string): { file: string; root: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "replab-nb-"));
  const file = path.join(root, "notebooks", rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.copyFileSync(path.join(NOTEBOOKS_DIR, rel), file);
  if (fs.existsSync(path.join(ROOT, "datasets"))) fs.symlinkSync(path.join(ROOT, "datasets"), path.join(root, "datasets"));
  return { file, root };
}

function errorOutputs(file: string): string[] {
  const nb = JSON.parse(fs.readFileSync(file, "utf8")) as { cells: Cell[] };
  const errors: string[] = [];
  nb.cells.forEach((c, i) => {
    if (c.cell_type !== "code" || (c.metadata?.tags ?? []).includes("raises-exception")) return;
    for (const o of c.outputs ?? []) if (o.output_type === "error") errors.push(`cell ${i}: ${o.ename}: ${o.evalue}`);
  });
  return errors;
}

describe("notebooks", () => {
  let env: NodeJS.ProcessEnv = process.env;
  let specDir = "";
  const temps: string[] = [];
  beforeAll(() => {
    requireBuilt();
    ({ env, dir: specDir } = installTempKernelspec());
  });
  afterAll(() => {
    for (const t of [...temps, specDir]) if (t) fs.rmSync(t, { recursive: true, force: true });
  });

  it("notebooks/ exists and the list of notebooks was collected", () => {
    expect(fs.existsSync(NOTEBOOKS_DIR)).toBe(true);
  });

  for (const rel of notebooks) {
    it(`${rel} runs with nbclient and the replab kernel`, async () => {
      const { file, root } = tempCopy(rel);
      temps.push(root);
      const r = await runProcess(PYTHON, [path.join(ROOT, "tests", "notebooks", "py", "run_nbclient.py"), file, "300"], { env, cwd: path.dirname(file), timeoutMs: 600_000 });
      expect(r.code, `${r.stdout}\n${r.stderr}`.slice(-6000)).toBe(0);
      expect(errorOutputs(file)).toEqual([]);
    }, 620_000);

    it(`${rel} runs with replab run`, async () => {
      const { file, root } = tempCopy(rel);
      temps.push(root);
      const r = await runProcess(process.execPath, [CLI, "run", file, "--timeout", "300"], { cwd: path.dirname(file), timeoutMs: 600_000 });
      expect(r.code, `${r.stdout}\n${r.stderr}`.slice(-6000)).toBe(0);
      expect(errorOutputs(file)).toEqual([]);
    }, 620_000);
  }
});
