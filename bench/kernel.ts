import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { debianPython, pythonHas, report, runPythonBaseline } from "./report.js";
import { installKernelSpec } from "../kernel/cli/install.js";

/**
 * `npm run bench -- kernel`: the replab kernel against tslab's kernel and ipykernel, all driven by
 * jupyter_client in one run, interleaved (bench/python/kernel_roundtrip.py): the trivial-cell
 * round trip (goal: at or below ipykernel's), a cell that uses a tensor after the tensor library
 * was imported, start to the first kernel_info reply and to the first execute reply, the
 * top-level-loop ratio (10^7 iterations over a top-level `let` / the same loop in a block; goal
 * ≤ 1.5), and each kernel's score on runtimed/kernel-testbed's 27 tests (tests/kernel/py/testbed).
 */
interface Testbed { kernel_name: string; passed: number; total: number; full_passes: number; startup_error?: string }

export async function main(): Promise<void> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(here, "..", "..");
  if (!debianPython() || !pythonHas("jupyter_client")) {
    console.error("bench kernel: needs Debian's /usr/bin/python3 with jupyter_client (apt-get install python3-jupyter-client)");
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-bench-kernel-"));
  const data = path.join(dir, "share", "jupyter");
  installKernelSpec(data, "replab");
  const tslabBin = path.join(root, "node_modules", "tslab", "bin", "tslab");
  const specs: Record<string, unknown> = {
    tslab: { argv: [process.execPath, tslabBin, "kernel", "--config-path", "{connection_file}"], display_name: "tslab", language: "typescript" },
  };
  const withIpykernel = pythonHas("ipykernel");
  if (withIpykernel) specs.ipykernel = { argv: ["/usr/bin/python3", "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "{connection_file}"], display_name: "ipykernel", language: "python" };
  for (const [name, spec] of Object.entries(specs)) {
    fs.mkdirSync(path.join(data, "kernels", name), { recursive: true });
    fs.writeFileSync(path.join(data, "kernels", name, "kernel.json"), JSON.stringify(spec));
  }
  // PYDEVD_DISABLE_FILE_VALIDATION: ipykernel's debugger would print four warning lines per start.
  const env = { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1", JUPYTER_PATH: data, JUPYTER_RUNTIME_DIR: path.join(dir, "runtime") };
  const py = debianPython()!;
  const kernels = ["replab:typescript", "tslab:typescript", ...(withIpykernel ? ["ipykernel:python"] : [])];
  try {
    const timing = runPythonBaseline<{ kernels: Record<string, Record<string, number>>; failed: Record<string, string> }>(path.join(root, "bench", "python", "kernel_roundtrip.py"), ["200", ...kernels], { cwd: root, env });
    for (const [name, why] of Object.entries(timing.failed)) console.error(`bench kernel: ${name} stopped answering: ${why}`);
    const { replab, tslab, ipykernel } = timing.kernels;
    const vs = (figure: string, unit: string, caseName: string, baselines: Array<[string, Record<string, number> | undefined]>) => {
      for (const [name, b] of baselines) {
        if (b?.[figure] === undefined) continue;
        report({ bench: "kernel", case: `${caseName} (vs ${name})`, value: replab![figure]!, unit, baseline: name, baselineValue: b[figure]! }, false);
      }
    };
    vs("trivial_cell_median_ms", "ms", "trivial cell round trip, median of 200", [["ipykernel", ipykernel], ["tslab", tslab]]);
    vs("tensor_cell_median_ms", "ms", "round trip of a cell using a tensor, after importing tfjs (numpy for ipykernel)", [["ipykernel", ipykernel], ["tslab", tslab]]);
    vs("start_to_first_reply_ms", "ms", "start to first kernel_info reply, median of 3", [["ipykernel", ipykernel], ["tslab", tslab]]);
    vs("start_to_first_execute_ms", "ms", "start to first execute reply, median of 3", [["ipykernel", ipykernel], ["tslab", tslab]]);
    // replab's own ratio is printed even when tslab stopped answering before the loops ran.
    if (replab?.toplevel_over_block !== undefined) report({ bench: "kernel", case: "top-level loop 1e7 / block loop, median of 11 (goal ≤ 1.5)", value: replab.toplevel_over_block, unit: "ratio" }, false);
    vs("toplevel_over_block", "ratio", "top-level loop 1e7 / block loop, median of 11", [["tslab", tslab]]);
    vs("toplevel_loop_ms", "ms", "top-level loop 1e7 iterations", [["tslab", tslab]]);
  } catch (e) {
    console.error(`bench kernel: the timing run failed: ${(e as Error).message.split("\n").slice(-4).join(" ")}`);
  }
  try {
    const out = execFileSync(py, ["-m", "testbed", ...kernels.map((k) => k.split(":")[0]!), "--json"], { cwd: path.join(root, "tests", "kernel", "py"), env, encoding: "utf8", maxBuffer: 64 << 20 });
    const scores = new Map(out.trim().split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Testbed).map((t) => [t.kernel_name, t]));
    const replab = scores.get("replab")!;
    for (const [name, t] of scores) {
      if (name === "replab") continue;
      report({ bench: "kernel", case: `kernel test bed: tests passed of ${replab.total}${t.startup_error ? ` (${name} fails at start-up: ${t.total} record)` : ""} (vs ${name})`, value: replab.passed, unit: "tests", baseline: name, baselineValue: t.passed });
    }
    for (const t of scores.values()) console.error(`bench kernel: test bed ${t.kernel_name}: ${t.passed}/${t.total} passed, ${t.full_passes} without reservation${t.startup_error ? `; start-up failed: ${t.startup_error}` : ""}`);
  } catch (e) {
    console.error(`bench kernel: the test bed run failed: ${(e as Error).message.split("\n").slice(-4).join(" ")}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
