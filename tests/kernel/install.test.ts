import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, PYTHON, requireBuilt, runProcess } from "./helpers.js";

describe("replab install", () => {
  it("writes the kernelspec (absolute node and cli.js), idempotently, where jupyter_client finds it", async () => {
    requireBuilt();
    const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "replab-install-"));
    try {
      for (let i = 0; i < 2; i++) {
        const r = await runProcess(process.execPath, [CLI, "install", "--prefix", prefix]);
        expect(r.code, r.stderr).toBe(0);
      }
      const spec = JSON.parse(fs.readFileSync(path.join(prefix, "share", "jupyter", "kernels", "replab", "kernel.json"), "utf8")) as { argv: string[]; display_name: string; language: string; interrupt_mode: string };
      expect(spec.argv).toEqual([process.execPath, CLI, "kernel", "{connection_file}"]);
      expect(spec.display_name).toBe("TypeScript (replab)");
      expect(spec.language).toBe("typescript");
      expect(spec.interrupt_mode).toBe("signal");
      const py = await runProcess(PYTHON, ["-c", "from jupyter_client.kernelspec import KernelSpecManager as K; s = K().get_kernel_spec('replab'); print(s.display_name, s.language, s.interrupt_mode)"], {
        env: { ...process.env, JUPYTER_PATH: path.join(prefix, "share", "jupyter"), JUPYTER_DATA_DIR: path.join(prefix, "data") },
      });
      expect(py.stdout.trim()).toBe("TypeScript (replab) typescript signal");
    } finally {
      fs.rmSync(prefix, { recursive: true, force: true });
    }
  });

  it("without Jupyter on PATH it still writes the spec and says so", async () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), "replab-nojupyter-"));
    try {
      const r = await runProcess(process.execPath, [CLI, "install"], { env: { ...process.env, PATH: path.dirname(process.execPath) === "/usr/bin" ? "/nonexistent" : path.dirname(process.execPath), JUPYTER_DATA_DIR: data } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain("Jupyter was not found");
      expect(fs.existsSync(path.join(data, "kernels", "replab", "kernel.json"))).toBe(true);
    } finally {
      fs.rmSync(data, { recursive: true, force: true });
    }
  });

  it("lab refuses a folder that does not exist, before starting anything", async () => {
    const r = await runProcess(process.execPath, [CLI, "lab", path.join(os.tmpdir(), "replab-no-such-folder")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no such folder");
  });

  it("--help lists the commands, an unknown command exits 2", async () => {
    const r = await runProcess(process.execPath, [CLI, "--help"]);
    expect(r.code).toBe(0);
    for (const c of ["run", "kernel", "install", "lab"]) expect(r.stdout).toContain(`replab ${c}`);
    const bad = await runProcess(process.execPath, [CLI, "frobnicate"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown command "frobnicate"');
  });
});
