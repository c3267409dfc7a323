import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, PYTHON, ROOT, installTempKernelspec, notebookText as notebook, requireBuilt, runProcess } from "./helpers.js";

// Parameterised runs in papermill's convention, and what a saved notebook records about its run.
interface Cell { cell_type: string; source: string | string[]; metadata: { tags?: string[]; execution?: Record<string, string> }; outputs?: Array<{ output_type: string; data?: Record<string, unknown> }> }
interface Nb { cells: Cell[]; metadata: { replab?: { run?: Record<string, unknown> } } }

const PARAMETERS = "const seed = 1;\nlet steps: number = 10;\nconst label = \"base\";\nconst xs = [1, 2];";
const text = (s: string | string[]) => (Array.isArray(s) ? s.join("") : s);
const read = (f: string) => JSON.parse(fs.readFileSync(f, "utf8")) as Nb;
const NBCLIENT_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;

describe("replab run -p / --params (papermill's convention) and provenance", () => {
  let dir = "";
  beforeAll(() => {
    requireBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-params-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("injects the values after the parameters cell, and the saved notebook says how it was made", async () => {
    const file = path.join(dir, "p.ipynb");
    fs.writeFileSync(file, notebook([{ src: PARAMETERS, tags: ["parameters"] }, { src: "`${seed} ${steps} ${label} ${xs.length}`" }]));
    const params = path.join(dir, "params.json");
    fs.writeFileSync(params, JSON.stringify({ steps: 20, label: "from-file" }));
    const out = path.join(dir, "p-out.ipynb");
    const r = await runProcess(process.execPath, [CLI, "run", file, "--params", params, "-p", "seed", "7", "-p", "label", "cli", "--output", out], { cwd: dir, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const nb = read(out);
    expect(nb.cells).toHaveLength(3);
    expect(nb.cells[1]!.metadata.tags).toEqual(["injected-parameters"]);
    expect(text(nb.cells[1]!.source)).toBe("// Parameters of this run (replab run -p / --params)\nlet steps: number = 20;\nconst label = \"cli\";\nconst seed = 7;");
    expect(nb.cells[2]!.outputs![0]!.data!["text/plain"]).toBe("'7 20 cli 2'");
    const run = nb.metadata.replab!.run!;
    expect(run.parameters).toEqual({ steps: 20, label: "cli", seed: 7 });
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect([run.replab, run.node, run.tfjs]).toEqual([pkg.version, process.version, "4.22.0"]);
    expect(["wasm", "cpu", "tensorflow", "webgpu"]).toContain(run.backend);
    expect(typeof run.seed).toBe("number");
    const lock = run.package_lock as { path: string; sha256: string };
    expect(lock.sha256).toBe(createHash("sha256").update(fs.readFileSync(path.join(ROOT, "package-lock.json"))).digest("hex"));
    expect(run.start_time).toMatch(NBCLIENT_TIME);
    for (const c of nb.cells) {
      const e = c.metadata.execution!;
      expect(Object.keys(e).sort()).toEqual(["iopub.execute_input", "iopub.status.busy", "iopub.status.idle", "shell.execute_reply"]);
      for (const v of Object.values(e)) expect(v).toMatch(NBCLIENT_TIME);
      expect(e["iopub.status.busy"]! <= e["iopub.status.idle"]!).toBe(true);
    }
    // Run the saved notebook again: the earlier injected cell is replaced where it is.
    const r2 = await runProcess(process.execPath, [CLI, "run", out, "-p", "seed", "8"], { cwd: dir, timeoutMs: 120_000 });
    expect(r2.code, r2.stderr).toBe(0);
    const again = read(out);
    expect(again.cells).toHaveLength(3);
    expect(text(again.cells[1]!.source)).toBe("// Parameters of this run (replab run -p / --params)\nconst seed = 8;");
    expect(again.cells[2]!.outputs![0]!.data!["text/plain"]).toBe("'8 10 base 2'");
  }, 300_000);

  it("records metadata.execution with the keys and time format nbclient writes", async () => {
    const { env, dir: specDir } = installTempKernelspec();
    try {
      const file = path.join(dir, "timing.ipynb");
      fs.writeFileSync(file, notebook([{ src: "1 + 1" }]));
      const r = await runProcess(PYTHON, [path.join(ROOT, "tests", "notebooks", "py", "run_nbclient.py"), file, "120"], { env, timeoutMs: 200_000 });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const byNbclient = read(file).cells[0]!.metadata.execution!;
      const r2 = await runProcess(process.execPath, [CLI, "run", file], { cwd: dir, timeoutMs: 120_000 });
      expect(r2.code, r2.stderr).toBe(0);
      const byReplab = read(file).cells[0]!.metadata.execution!;
      expect(Object.keys(byReplab).sort()).toEqual(Object.keys(byNbclient).sort());
      for (const [k, v] of Object.entries(byNbclient)) {
        expect(v, k).toMatch(NBCLIENT_TIME);
        expect(byReplab[k], k).toMatch(NBCLIENT_TIME);
      }
    } finally {
      fs.rmSync(specDir, { recursive: true, force: true });
    }
  }, 300_000);

  it("refuses bad parameters by name, one line each, before any cell runs", async () => {
    const file = path.join(dir, "refuse.ipynb");
    const original = notebook([{ src: PARAMETERS, tags: ["parameters"] }, { src: 'console.log("ran")' }]);
    fs.writeFileSync(file, original);
    fs.writeFileSync(path.join(dir, "notjson.json"), "{ seed: 3 }");
    fs.writeFileSync(path.join(dir, "array.json"), "[3]");
    const plain = path.join(dir, "plain.ipynb");
    fs.writeFileSync(plain, notebook([{ src: "const seed = 1;" }]));
    const cases: Array<[string[], RegExp]> = [
      [[file, "-p", "lr", "0.1"], /^replab run: parameter lr is not declared in the cell tagged "parameters" \(cell 0, which declares seed, steps, label, xs\); declare it there or correct the name$/],
      [[file, "-p", "steps", "many"], /^replab run: parameter steps="many" is a string, but the parameters cell makes steps a number \(steps: number\); pass a number$/],
      [[file, "-p", "xs", "3"], /^replab run: parameter xs=3 is a number, but the parameters cell makes xs an array \(default \[1, 2\]\); pass an array$/],
      [[file, "--params", path.join(dir, "missing.json")], /^replab run: --params .*missing\.json cannot be read \(ENOENT\); pass a readable JSON file$/],
      [[file, "--params", path.join(dir, "notjson.json")], /^replab run: --params .*notjson\.json is not JSON \(.*\); write one object of name → value, e\.g\. \{"seed": 3\}$/],
      [[file, "--params", path.join(dir, "array.json")], /^replab run: --params .*array\.json holds an array, not an object; /],
      [[plain, "-p", "seed", "2"], /^replab run: plain\.ipynb has no cell tagged "parameters" to take -p seed; tag the cell that sets the defaults "parameters"/],
      [[file, "-p", "seed"], /^replab run: option -p needs two values, NAME VALUE \(got only "seed"\)$/],
    ];
    for (const [args, message] of cases) {
      const r = await runProcess(process.execPath, [CLI, "run", ...args], { cwd: dir, timeoutMs: 60_000 });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.split("\n")[0], args.join(" ")).toMatch(message);
      expect(r.stderr).not.toContain("replab run: cell ");
    }
    expect(fs.readFileSync(file, "utf8")).toBe(original);
  }, 300_000);

  it("prompt() under replab run fails saying how to pass the value; --help documents -p and --params", async () => {
    const file = path.join(dir, "ask.ipynb");
    fs.writeFileSync(file, notebook([{ src: 'const who = prompt("Your name?");' }]));
    const r = await runProcess(process.execPath, [CLI, "run", file], { cwd: dir, timeoutMs: 120_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ReplabError: prompt\("Your name\?"\): this notebook is running without a front end \(replab run\), so no one can answer; pass the value as a parameter instead: declare it in the cell tagged "parameters" and run `replab run NOTEBOOK -p NAME VALUE`/);
    const help = await runProcess(process.execPath, [CLI, "run", "--help"]);
    expect(help.code).toBe(0);
    for (const s of ["-p NAME VALUE", "--params FILE.json", '"parameters"', '"injected-parameters"', "metadata.execution", "metadata.replab.run"]) expect(help.stdout).toContain(s);
  }, 200_000);
});
