import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseCommandLine, wantsHelp } from "./args.js";

export const INSTALL_USAGE = `usage: replab install [--prefix DIR] [--data-dir DIR] [--name NAME]

Writes the replab kernelspec (kernel.json: this Node, this package's dist/kernel/cli.js) into
DIR/share/jupyter/kernels/replab with --prefix (add DIR/share/jupyter to JUPYTER_PATH), into
DIR/kernels/replab with --data-dir, or else into Jupyter's data directory (\`jupyter --data-dir\`,
or ~/.local/share/jupyter when Jupyter is not installed). Running it again rewrites the same file.`;

/** The kernel.json replab writes: this Node and this package's cli.js, interrupted by SIGINT. */
export function kernelSpec(): Record<string, unknown> {
  const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "cli.js");
  return {
    argv: [process.execPath, cli, "kernel", "{connection_file}"],
    display_name: "TypeScript (replab)",
    language: "typescript",
    interrupt_mode: "signal",
    env: {},
    metadata: { debugger: false },
  };
}

/** Jupyter's user data directory: `jupyter --data-dir` when Jupyter exists, else the XDG default. */
export function jupyterDataDir(): { dir: string; jupyterFound: boolean } {
  const r = spawnSync("jupyter", ["--data-dir"], { encoding: "utf8" });
  if (r.status === 0 && r.stdout.trim() !== "") return { dir: r.stdout.trim(), jupyterFound: true };
  const base = process.env.JUPYTER_DATA_DIR ?? path.join(process.env.XDG_DATA_HOME ?? path.join(os.homedir(), ".local", "share"), "jupyter");
  return { dir: base, jupyterFound: false };
}

/** Writes the kernelspec into `<dataDir>/kernels/<name>/kernel.json`; returns the folder. */
export function installKernelSpec(dataDir: string, name = "replab"): string {
  const dir = path.join(dataDir, "kernels", name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "kernel.json"), JSON.stringify(kernelSpec(), null, 2) + "\n");
  return dir;
}

/** `replab install [--prefix DIR] [--data-dir DIR] [--name NAME]`. */
export async function installCommand(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) { console.log(INSTALL_USAGE); return 0; }
  const parsed = parseCommandLine("install", argv, { options: ["prefix", "data-dir", "name"], flags: ["user"] }, INSTALL_USAGE);
  if (!parsed) return 2;
  const { positional: args, options } = parsed;
  if (args.length > 0) { console.error(`replab install: unexpected argument ${JSON.stringify(args[0])}\n\n${INSTALL_USAGE}`); return 2; }
  const name = options.name ?? "replab";
  if (!/^[a-zA-Z0-9._-]+$/.test(name)) { console.error(`replab install: --name ${JSON.stringify(name)} may hold only letters, digits, '.', '_' and '-'`); return 2; }
  let dataDir: string;
  let jupyterFound = true;
  if (options.prefix) dataDir = path.join(path.resolve(options.prefix), "share", "jupyter");
  else if (options["data-dir"]) dataDir = path.resolve(options["data-dir"]);
  else ({ dir: dataDir, jupyterFound } = jupyterDataDir());
  const dir = installKernelSpec(dataDir, name);
  console.log(`replab: installed kernelspec "${name}" (TypeScript (replab)) in ${dir}`);
  if (!jupyterFound) {
    console.log("replab: Jupyter was not found on PATH. The kernelspec is written where Jupyter will look once installed " +
      "(on Debian: apt-get install jupyter-notebook). Without Jupyter, `replab run NOTEBOOK` still executes notebooks.");
  }
  return 0;
}
