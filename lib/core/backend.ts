import * as tf from "@tensorflow/tfjs";
import { createRequire } from "node:module";
import path from "node:path";
import { ReplabError } from "./errors.js";

const require = createRequire(import.meta.url);

/** The tfjs backends replab knows, in the order it tries them. */
export const BACKEND_ORDER = ["tensorflow", "wasm", "cpu"] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];

let chosen: Promise<BackendName> | null = null;

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

async function pick(): Promise<BackendName> {
  const forced = process.env.REPLAB_BACKEND;
  if (forced !== undefined && forced !== "") {
    if (!(BACKEND_ORDER as readonly string[]).includes(forced)) {
      throw new ReplabError(`REPLAB_BACKEND=${JSON.stringify(forced)} is not a backend replab knows; use one of ${BACKEND_ORDER.join(", ")} or unset it`);
    }
    const ok = forced === "tensorflow" ? await tryTensorflow() : forced === "wasm" ? await tryWasm() : await tf.setBackend("cpu");
    if (!ok) throw new ReplabError(`REPLAB_BACKEND=${JSON.stringify(forced)} could not be started; install its package (see README, "GPU and native backends") or unset REPLAB_BACKEND`);
    await tf.ready();
    return forced as BackendName;
  }
  if (await tryTensorflow()) { await tf.ready(); return "tensorflow"; }
  if (await tryWasm()) { await tf.ready(); return "wasm"; }
  await tf.setBackend("cpu");
  await tf.ready();
  return "cpu";
}

/**
 * Chooses the tfjs backend once per process, in this order (docs/ARCHITECTURE.md, tensor backends): `tensorflow`
 * (tfjs-node-gpu, then tfjs-node, when installed) → `wasm` → `cpu`; `REPLAB_BACKEND` overrides.
 * Returns the backend's name. Safe to call many times.
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
