import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PYTHON, ROOT, installTempKernelspec, runProcess } from "./helpers.js";

// A real client, no mocks: Debian's jupyter_client starts the built kernel from a kernelspec
// installed into a temp dir and talks to it over ZeroMQ (tests/kernel/py/protocol_checks.py).
const CHECKS = [
  "run_all_at_start", "kernel_info", "execute_result", "stream", "display_data", "runtime_error", "error_line_through_source_map",
  "type_error", "type_error_replab_api", "toplevel_let_redeclaration", "interrupt_request_stops_while_true",
  "sigint_stops_while_true", "sigint_while_idle_keeps_kernel", "sigint_stops_spin_after_await", "interrupt_awaiting_cell", "interrupt_request_stops_spin_after_await", "late_throw_keeps_kernel", "stop_on_error_aborts_queued_cells", "is_complete", "complete", "inspect", "comm_info",
  "environment_cell", "stdin_prompt", "stdin_password", "stdin_refused_without_allow_stdin", "stdin_interrupted",
  "shutdown_restart_true", "shutdown_restart_false",
];

describe("replab kernel over ZeroMQ (jupyter_client)", () => {
  const results = new Map<string, { ok: boolean; detail: unknown }>();
  let output = "";
  let dir = "";

  beforeAll(async () => {
    const spec = installTempKernelspec();
    dir = spec.dir;
    const r = await runProcess(PYTHON, [path.join(ROOT, "tests", "kernel", "py", "protocol_checks.py")], { env: spec.env, cwd: dir, timeoutMs: 400_000 });
    output = r.stdout + r.stderr;
    for (const line of r.stdout.split("\n")) {
      if (!line.startsWith("{")) continue;
      const row = JSON.parse(line) as { check: string; ok: boolean; detail: unknown };
      results.set(row.check, { ok: row.ok, detail: row.detail });
    }
  }, 420_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const name of CHECKS) {
    it(name, () => {
      const r = results.get(name);
      expect(r, `check ${name} did not report; output:\n${output.slice(-4000)}`).toBeDefined();
      expect(r!.ok, `${name}: ${JSON.stringify(r!.detail, null, 1)}`).toBe(true);
    });
  }
});
