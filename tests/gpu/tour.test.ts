import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PYTHON, ROOT, installTempKernelspec, runProcess } from "../kernel/helpers.js";
import { webgpuEnv } from "./webgpu.js";

interface Cell { cell_type: string; metadata?: { tags?: string[] }; outputs?: Array<{ output_type: string; ename?: string; evalue?: string; data?: Record<string, unknown> }> }

describe("the tour on the webgpu backend (software adapter), through nbclient", () => {
  let env: NodeJS.ProcessEnv = process.env;
  let dirs: string[] = [];
  beforeAll(() => {
    const spec = installTempKernelspec();
    env = webgpuEnv(spec.env);
    dirs = [spec.dir];
  });
  afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

  it("notebooks/00-tour.ipynb runs with REPLAB_BACKEND=webgpu: no error outside raises-exception cells, its tensors on webgpu", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-tour-webgpu-"));
    dirs.push(dir);
    const file = path.join(dir, "00-tour.ipynb");
    fs.copyFileSync(path.join(ROOT, "notebooks", "00-tour.ipynb"), file);
    const r = await runProcess(PYTHON, [path.join(ROOT, "tests", "notebooks", "py", "run_nbclient.py"), file, "300"], { env, cwd: dir, timeoutMs: 600_000 });
    expect(r.code, `${r.stdout}\n${r.stderr}`.slice(-6000)).toBe(0);
    const cells = (JSON.parse(fs.readFileSync(file, "utf8")) as { cells: Cell[] }).cells.filter((c) => c.cell_type === "code");
    const errors = cells.filter((c) => !(c.metadata?.tags ?? []).includes("raises-exception")).flatMap((c) => (c.outputs ?? []).filter((o) => o.output_type === "error"));
    expect(errors).toEqual([]);
    const plain = (v: unknown) => (Array.isArray(v) ? v.join("") : String(v ?? ""));
    const joined = cells.flatMap((c) => (c.outputs ?? []).map((o) => plain(o.data?.["text/plain"]))).join("\n");
    expect(joined).toMatch(/backend\s+webgpu/);
    expect(joined).toMatch(/gpuSoftware\s+yes/);
    expect(joined).toMatch(/Tensor float32 \[300, 300\] on webgpu/);
  }, 620_000);
});
