import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { readNotebook, cellSource, type Notebook } from "../../kernel/notebook/nbformat.js";
import { failedCells } from "../../kernel/notebook/outputs.js";
import { readReplicationsPage, type NotebookReport } from "../../kernel/notebook/replications-page.js";
import { CLI, PYTHON, ROOT, installTempKernelspec, requireBuilt, runProcess } from "../kernel/helpers.js";

export const NOTEBOOKS_DIR = path.join(ROOT, "notebooks");
export const PAGE = path.join(ROOT, "REPLICATIONS.md");

/**
 * Other seeds for the replication notebooks, fixed here and far from any notebook's defaults
 * (primes above 1000): a notebook with n default seeds is rerun with the first n.
 */
export const OTHER_SEEDS = [1009, 2003, 3001, 4001, 5003, 6007, 7001, 8009, 9001, 10007];

type Run = Awaited<ReturnType<typeof runProcess>>;

/**
 * What a suite of notebook runs needs, set up in its beforeAll and removed in its afterAll: a
 * temporary replab kernelspec for nbclient, and temp copies of notebooks (at the same depth under
 * a notebooks/ folder, with datasets/ linked; the repository's files are never touched).
 */
export function notebookRuns(): { copy(rel: string): string; nbclient(file: string): Promise<Run>; replabRun(file: string, args?: string[]): Promise<Run> } {
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
  return {
    copy(rel) {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), "replab-nb-"));
      temps.push(root);
      const file = path.join(root, "notebooks", rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.copyFileSync(path.join(NOTEBOOKS_DIR, rel), file);
      if (fs.existsSync(path.join(ROOT, "datasets"))) fs.symlinkSync(path.join(ROOT, "datasets"), path.join(root, "datasets"));
      return file;
    },
    nbclient: (file) => runProcess(PYTHON, [path.join(ROOT, "tests", "notebooks", "py", "run_nbclient.py"), file, "300"], { env, cwd: path.dirname(file), timeoutMs: 600_000 }),
    replabRun: (file, args = []) => runProcess(process.execPath, [CLI, "run", file, ...args, "--timeout", "300"], { cwd: path.dirname(file), timeoutMs: 600_000 }),
  };
}

/** The tail of a run's output, for an assertion's message. */
export function tail(r: Run): string {
  return `${r.stdout}\n${r.stderr}`.slice(-6000);
}

/** The error outputs of an executed notebook (cells tagged raises-exception excepted), one line each. */
export function errorOutputs(file: string): string[] {
  return failedCells(readNotebook(file, "notebook test")).map((f) => `cell ${f.cell}: ${f.ename}: ${f.evalue}`);
}

/**
 * The seeds of a notebook's `parameters` cell (its first code cell, tagged `parameters`,
 * declaring `SEEDS = [...]`); throws saying what is missing.
 */
export function defaultSeeds(nb: Notebook, rel: string): number[] {
  const first = nb.cells.find((c) => c.cell_type === "code");
  if (!first || !(first.metadata.tags ?? []).includes("parameters")) throw new Error(`${rel}: its first code cell is not tagged "parameters"`);
  const m = /\b(?:const|let|var)\s+SEEDS\s*(?::[^=]+)?=\s*(\[[^\]]*\])/.exec(cellSource(first));
  if (!m) throw new Error(`${rel}: its parameters cell declares no SEEDS = [...]`);
  return JSON.parse(m[1]!) as number[];
}

/** REPLICATIONS.md's entry for a notebook; throws saying how to write it when the page or the entry is missing. */
export function pageEntry(rel: string): NotebookReport {
  const stem = rel.replace(/\.ipynb$/, "");
  if (!fs.existsSync(PAGE)) throw new Error("REPLICATIONS.md is missing; write it with `npx replab report` and commit it with docs/figures/");
  const entry = readReplicationsPage(fs.readFileSync(PAGE, "utf8")).find((e) => e.notebook === rel);
  if (!entry) throw new Error(`REPLICATIONS.md has no entry for ${rel}; write it with \`npx replab report --only ${stem}\``);
  return entry;
}
