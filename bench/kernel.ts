import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { debianPython, pythonHas, report, runPythonBaseline } from "./report.js";
import { installKernelSpec } from "../kernel/cli/install.js";

/**
 * `npm run bench -- kernel`: the replab kernel against tslab's own kernel and ipykernel, all
 * driven by jupyter_client in one run (bench/python/kernel_roundtrip.py): trivial-cell round-trip
 * median (goal: at or below ipykernel's), kernel start to first reply, and the top-level-loop ratio
 * (10^6 iterations over a top-level `let` / the same loop in a block; goal ≤ 1.5, tslab ~20).
 */
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
    "tslab-bench": { argv: [process.execPath, tslabBin, "kernel", "--config-path", "{connection_file}"], display_name: "tslab", language: "typescript" },
  };
  if (pythonHas("ipykernel")) {
    specs["ipykernel-bench"] = { argv: ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"], display_name: "ipykernel", language: "python" };
  }
  for (const [name, spec] of Object.entries(specs)) {
    fs.mkdirSync(path.join(data, "kernels", name), { recursive: true });
    fs.writeFileSync(path.join(data, "kernels", name, "kernel.json"), JSON.stringify(spec));
  }
  const script = path.join(root, "bench", "python", "kernel_roundtrip.py");
  const prevPath = process.env.JUPYTER_PATH;
  process.env.JUPYTER_PATH = data;
  const measure = (name: string, language: string): Record<string, number> | null => {
    try {
      return runPythonBaseline(script, [name, language, "30"]);
    } catch (e) {
      console.error(`bench kernel: ${name} failed: ${(e as Error).message.split("\n").slice(-3).join(" ")}`);
      return null;
    }
  };
  try {
    const replab = measure("replab", "typescript");
    const tslab = measure("tslab-bench", "typescript");
    const ipy = specs["ipykernel-bench"] ? measure("ipykernel-bench", "python") : null;
    if (!replab) return;
    report({ bench: "kernel", case: "trivial cell round trip (median)", value: replab.trivial_cell_median_ms!, unit: "ms",
      ...(ipy ? { baseline: "ipykernel", baselineValue: ipy.trivial_cell_median_ms! } : {}) }, false);
    if (tslab) report({ bench: "kernel", case: "trivial cell round trip (median) vs tslab", value: replab.trivial_cell_median_ms!, unit: "ms", baseline: "tslab", baselineValue: tslab.trivial_cell_median_ms! }, false);
    report({ bench: "kernel", case: "start to first kernel_info reply", value: replab.start_to_first_reply_ms!, unit: "ms",
      ...(ipy ? { baseline: "ipykernel", baselineValue: ipy.start_to_first_reply_ms! } : {}) }, false);
    if (tslab) report({ bench: "kernel", case: "start to first kernel_info reply vs tslab", value: replab.start_to_first_reply_ms!, unit: "ms", baseline: "tslab", baselineValue: tslab.start_to_first_reply_ms! }, false);
    report({ bench: "kernel", case: "top-level loop 1e6 / block loop (goal ≤ 1.5)", value: replab.toplevel_over_block!, unit: "ratio",
      ...(tslab ? { baseline: "tslab", baselineValue: tslab.toplevel_over_block! } : {}) }, false);
    report({ bench: "kernel", case: "top-level loop 1e6 iterations", value: replab.toplevel_loop_ms!, unit: "ms",
      ...(tslab ? { baseline: "tslab", baselineValue: tslab.toplevel_loop_ms! } : {}) }, false);
    report({ bench: "kernel", case: "block loop 1e6 iterations", value: replab.block_loop_ms!, unit: "ms",
      ...(tslab ? { baseline: "tslab", baselineValue: tslab.block_loop_ms! } : {}) }, false);
  } finally {
    if (prevPath === undefined) delete process.env.JUPYTER_PATH;
    else process.env.JUPYTER_PATH = prevPath;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
