import path from "node:path";
import { describe, expect, it } from "vitest";
import { PYTHON, ROOT, runProcess, useTempKernelspec } from "./helpers.js";

// The Jupyter project's conformance harness (Debian python3-jupyter-kernel-test): a KernelTests
// subclass in tests/kernel/py/test_conformance.py, run with unittest against the built kernel.
describe("jupyter_kernel_test conformance", () => {
  const env = useTempKernelspec();

  it("passes every KernelTests test it opts into", async () => {
    const r = await runProcess(PYTHON, ["-m", "unittest", "-v", "test_conformance"], { cwd: path.join(ROOT, "tests", "kernel", "py"), env: env(), timeoutMs: 300_000 });
    const out = r.stdout + r.stderr;
    expect(r.code, out.slice(-6000)).toBe(0);
    expect(out).toMatch(/^OK/m);
    // The tests that matter ran (not skipped): stdout, execute_result, display_data, error, completion, is_complete, inspect.
    for (const t of ["test_execute_stdout", "test_execute_result", "test_display_data", "test_error", "test_completion", "test_is_complete", "test_inspect", "test_kernel_info", "test_clear_output"]) {
      expect(out).toMatch(new RegExp(`${t} \\(test_conformance\\.ReplabKernelTests\\.${t}\\) \\.\\.\\. ok`));
    }
  }, 320_000);
});
