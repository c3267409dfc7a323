import * as tf from "@tensorflow/tfjs";
import { createRequire } from "node:module";
import path from "node:path";
import { ReplabError } from "./errors.js";
import { setWebgpuSoftware } from "./device-kind.js";
import { startWebgpu, type WebgpuOutcome } from "./webgpu.js";

const require = createRequire(import.meta.url);

/** The tfjs backends replab knows, in the order it tries them. */
export const BACKEND_ORDER = ["tensorflow", "webgpu", "wasm", "cpu"] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];

let chosen: Promise<BackendName> | null = null;
let webgpu: WebgpuOutcome | null = null;

/** How the webgpu backend fared in the choice (its adapter, or why it was passed over); null before it was tried. */
export function webgpuOutcome(): WebgpuOutcome | null {
  return webgpu;
}

async function tryWebgpu(forced: boolean): Promise<boolean> {
  webgpu = await startWebgpu(forced);
  if (webgpu.started) setWebgpuSoftware(webgpu.adapter.software);
  return webgpu.started;
}

async function tryTensorflow(): Promise<boolean> {
  // tfjs-node-gpu first, then tfjs-node: both register the "tensorflow" backend when imported.
  for (const pkg of ["@tensorflow/tfjs-node-gpu", "@tensorflow/tfjs-node"]) {
    try {
      const resolved = require.resolve(pkg);
      // danfojs-node's override maps tfjs-node to plain tfjs; only a real binding registers "tensorflow".
      await import(resolved);
      if (tf.findBackend("tensorflow")) return await tf.setBackend("tensorflow");
    } catch {
      /* not installed: fall through to the next backend */
    }
  }
  return false;
}

async function tryWasm(): Promise<boolean> {
  try {
    const wasm = await import("@tensorflow/tfjs-backend-wasm");
    const dir = path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json"));
    wasm.setWasmPaths(path.join(dir, "dist") + path.sep);
    return await tf.setBackend("wasm");
  } catch {
    return false;
  }
}

const INSTALL_HINT: Record<BackendName, string> = {
  tensorflow: "install @tensorflow/tfjs-node-gpu or @tensorflow/tfjs-node (see README, \"Backends\")",
  webgpu: "see README, \"Backends\"",
  wasm: "reinstall replab's dependencies (npm ci)",
  cpu: "",
};

async function start(name: BackendName, forced: boolean): Promise<boolean> {
  if (name === "tensorflow") return tryTensorflow();
  if (name === "webgpu") return tryWebgpu(forced);
  if (name === "wasm") return tryWasm();
  return tf.setBackend("cpu");
}

async function pick(): Promise<BackendName> {
  const forced = process.env.REPLAB_BACKEND;
  if (forced !== undefined && forced !== "") {
    if (!(BACKEND_ORDER as readonly string[]).includes(forced)) {
      throw new ReplabError(`REPLAB_BACKEND=${JSON.stringify(forced)} is not a backend replab knows; use one of ${BACKEND_ORDER.join(", ")} or unset it`);
    }
    const name = forced as BackendName;
    if (!(await start(name, true))) {
      const why = name === "webgpu" && webgpu && !webgpu.started ? ` (${webgpu.reason})` : "";
      throw new ReplabError(`REPLAB_BACKEND=${JSON.stringify(forced)} could not be started${why}; ${INSTALL_HINT[name]} or unset REPLAB_BACKEND`);
    }
    await tf.ready();
    return name;
  }
  for (const name of BACKEND_ORDER) {
    if (await start(name, false)) { await tf.ready(); return name; }
  }
  throw new ReplabError("no tfjs backend could be started, not even cpu");
}

/**
 * Chooses the tfjs backend once per process, in this order (docs/ARCHITECTURE.md, tensor backends): `tensorflow` (tfjs-node-gpu, then
 * tfjs-node, when installed) → `webgpu` on a hardware adapter (the optional `webgpu` package,
 * Dawn's Node binding) → `wasm` → `cpu`. `REPLAB_BACKEND` names one instead, and fails clearly if
 * it cannot start; `REPLAB_BACKEND=webgpu` takes a software adapter too. Returns the backend's
 * name. Safe to call many times.
 */
export function initBackend(): Promise<BackendName> {
  chosen ??= pick();
  return chosen;
}

/** The tfjs namespace replab uses, after the backend is chosen. */
export async function tfReady(): Promise<typeof tf> {
  await initBackend();
  return tf;
}

export { tf };
