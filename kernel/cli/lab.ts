import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { parseCommandLine, wantsHelp } from "./args.js";
import { installCommand } from "./install.js";
import { packageRoot } from "../package-root.js";

const LAB_USAGE = "usage: replab lab [DIR] [-- JUPYTER_ARGS…]\n\nInstalls the replab kernelspec and starts JupyterLab (or the classic Notebook) on DIR (default: notebooks/).";

/**
 * `replab lab [DIR]`: installs the kernelspec, then starts `jupyter lab` (or, without JupyterLab,
 * the classic `jupyter notebook`) on DIR (default: this package's notebooks/).
 */
export async function labCommand(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) { console.log(LAB_USAGE); return 0; }
  const parsed = parseCommandLine("lab", argv, { rest: true }, LAB_USAGE);
  if (!parsed) return 2;
  const extra = parsed.rest;
  const dir = path.resolve(parsed.positional[0] ?? path.join(packageRoot(), "notebooks"));
  if (!fs.existsSync(dir)) { console.error(`replab lab: no such folder: ${dir}`); return 2; }
  const installed = await installCommand([]);
  if (installed !== 0) return installed;
  const has = (sub: string) => spawnSync("jupyter", [sub, "--version"], { stdio: "ignore" }).status === 0;
  const sub = has("lab") ? "lab" : has("notebook") ? "notebook" : null;
  if (!sub) {
    console.error("replab lab: neither `jupyter lab` nor `jupyter notebook` is installed (on Debian: apt-get install jupyter-notebook). `replab run NOTEBOOK` runs notebooks without Jupyter.");
    return 1;
  }
  console.log(`replab: starting jupyter ${sub} in ${dir}`);
  const child = spawn("jupyter", [sub, ...extra], { cwd: dir, stdio: "inherit" });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  return await new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}
