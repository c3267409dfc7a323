/**
 * Builds replab's native MLP engine (mlp-blas.c against Node-API and OpenBLAS) with node-gyp, as
 * the last part of `npm run build`. Never fails the build: where a C compiler, make, pkg-config or
 * OpenBLAS is missing, or the compile fails, it prints one line saying so and that the MLP step
 * runs on the WebAssembly kernels instead, and exits 0. `REPLAB_NATIVE=0` skips it.
 *
 * Offline by design: node-gyp gets Node's headers from npm's `nodedir` setting when there is one,
 * else from this Node's own install (`<prefix>/include/node`, where Debian's and the official
 * tarballs put them); only when neither has them does node-gyp fetch them as it normally does.
 */
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const addon = path.join(here, "build", "Release", "replab_mlp_blas.node");
const FALLBACK = "the MLP step runs on the WebAssembly kernels";
const INSTALL = "apt-get install build-essential libopenblas-dev";

function say(line) { console.log(`replab native: ${line}`); }

/** Whether `command args…` runs and exits 0. */
function runs(command, args) {
  const r = spawnSync(command, args, { stdio: "ignore" });
  return r.status === 0;
}

/** node-gyp: the one npm runs scripts with (`npm_config_node_gyp`), else npm's own copy beside this Node, else one on PATH. */
function nodeGyp() {
  const candidates = [process.env.npm_config_node_gyp, path.join(path.dirname(process.execPath), "..", "lib", "node_modules", "npm", "node_modules", "node-gyp", "bin", "node-gyp.js")];
  const js = candidates.find((p) => p && fs.existsSync(p));
  if (js) return [process.execPath, [js]];
  return runs("node-gyp", ["--version"]) ? ["node-gyp", []] : null;
}

/** `--nodedir=…` where Node's headers are on this machine, else nothing (node-gyp's own lookup). */
function nodedirArgs() {
  const configured = process.env.npm_config_nodedir;
  if (configured && fs.existsSync(path.join(configured, "include", "node", "node_api.h"))) return [`--nodedir=${configured}`];
  const prefix = path.resolve(path.dirname(process.execPath), "..");
  if (fs.existsSync(path.join(prefix, "include", "node", "node_api.h"))) return [`--nodedir=${prefix}`];
  return [];
}

/** The reason the addon cannot be built here, or null when the tools are present. */
function missingTool() {
  const cc = process.env.CC || "cc";
  if (!runs(cc, ["--version"])) return `no C compiler (\`${cc}\`); install one (${INSTALL})`;
  if (!runs("make", ["--version"])) return `no \`make\`; install it (${INSTALL})`;
  if (!runs("pkg-config", ["--version"])) return "no `pkg-config`; install it (apt-get install pkg-config)";
  if (!runs("pkg-config", ["--exists", "openblas"])) return `OpenBLAS not found by \`pkg-config openblas\`; install it (${INSTALL})`;
  return null;
}

function main() {
  if (process.env.REPLAB_NATIVE === "0") { say(`skipped (REPLAB_NATIVE=0); ${FALLBACK}`); return; }
  const missing = missingTool();
  const gyp = missing ? null : nodeGyp();
  if (missing || !gyp) { say(`not built: ${missing ?? "node-gyp not found (it ships with npm)"}; ${FALLBACK}`); return; }
  const [command, pre] = gyp;
  const r = spawnSync(command, [...pre, "rebuild", ...nodedirArgs()], { cwd: here, encoding: "utf8", timeout: 300_000 });
  if (r.status !== 0) {
    const log = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim().split("\n");
    const error = log.filter((l) => /error/i.test(l)).at(0) ?? log.at(-1) ?? String(r.error ?? "");
    say(`build failed (${error.trim()}); ${FALLBACK}`);
    return;
  }
  try {
    const { info } = createRequire(import.meta.url)(addon);
    const { core } = info();
    say(`built the OpenBLAS engine (OpenBLAS kernels: ${core}) at ${path.relative(process.cwd(), addon)}`);
  } catch (e) {
    say(`built, but it does not load (${String(e.message).split("\n")[0]}); ${FALLBACK}`);
  }
}

main();
