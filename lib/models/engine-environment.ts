import { addEnvironmentRows } from "../core/environment.js";
import { mlpEngine } from "./fused-mlp.js";
import { nativeMlpStatus } from "./native/native-mlp.js";

/**
 * The `mlpEngine` row of `environment()`: which engine the MLP's fused step uses by default on
 * the wasm and cpu backends — "native" (OpenBLAS, with its kernel family and threads), a
 * WebAssembly build ("fma" or "plain"), or none (tfjs's own ops only). Results can differ in the
 * last float32 bits between engines, so a notebook's environment card names it.
 */
export function mlpEngineRow(): string {
  const engine = mlpEngine();
  if (engine === "native") {
    const s = nativeMlpStatus();
    return `native (OpenBLAS${s.core ? ` ${s.core}` : ""}, ${s.threads ?? 1} thread${s.threads === 1 ? "" : "s"})`;
  }
  return engine === null ? "none (tfjs ops only)" : `${engine} (WebAssembly SIMD)`;
}

addEnvironmentRows(() => ({ mlpEngine: mlpEngineRow() }));
