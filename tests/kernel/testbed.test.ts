import path from "node:path";
import { describe, expect, it } from "vitest";
import { PYTHON, ROOT, runProcess, useTempKernelspec } from "./helpers.js";

interface TestbedReport {
  startup_error?: string;
  results: Array<{ name: string; result: { status: string; reason?: string; notes?: string } }>;
  passed: number;
  total: number;
  full_passes: number;
}

// runtimed/kernel-testbed's 27 protocol tests, ported to jupyter_client (tests/kernel/py/testbed,
// provenance in its README), against the built kernel: every one must pass without reservation.
describe("kernel test bed (runtimed/kernel-testbed)", () => {
  const env = useTempKernelspec();

  it("passes all 27 tests as the test bed's Rust client reads the messages", async () => {
    const r = await runProcess(PYTHON, ["-m", "testbed", "replab", "--json"], { cwd: path.join(ROOT, "tests", "kernel", "py"), env: env(), timeoutMs: 300_000 });
    expect(r.code, r.stderr.slice(-4000)).toBe(0);
    const report = JSON.parse(r.stdout.trim().split("\n").pop()!) as TestbedReport;
    expect(report.startup_error).toBeUndefined();
    const notPassed = report.results.filter((t) => t.result.status !== "pass").map((t) => `${t.name}: ${t.result.status} ${t.result.reason ?? t.result.notes ?? ""}`);
    expect(notPassed).toEqual([]);
    expect([report.passed, report.total, report.full_passes]).toEqual([27, 27, 27]);
  }, 320_000);
});
