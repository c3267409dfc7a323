import * as tf from "@tensorflow/tfjs";
import fs from "node:fs";
import { SOFTWARE_BIND_GROUP_LIMIT, installWebgpuReadSync, limitBindGroupsPerTurn } from "./webgpu-read-sync.js";

/**
 * The WebGPU adapter as `environment()` shows it: GPUAdapterInfo's vendor, architecture, device
 * and description, whether it is a software (CPU) implementation, and the limits that
 * tfjs-backend-webgpu requests for its device.
 */
export interface GpuAdapterCard {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** GPUAdapterInfo.isFallbackAdapter: a CPU implementation such as Mesa's lavapipe or SwiftShader. */
  software: boolean;
  limits: Record<string, number>;
}

/** How the webgpu backend fared: started on an adapter, or why not (with the adapter when one was found). */
export type WebgpuOutcome =
  | { started: true; adapter: GpuAdapterCard }
  | { started: false; reason: string; adapter?: GpuAdapterCard };

/** The packages the webgpu backend needs; optional dependencies of replab. */
export const WEBGPU_PACKAGES = "webgpu@0.6.2 @tensorflow/tfjs-backend-webgpu@4.22.0";

/** Imported by name at run time, so replab builds and runs without them. */
const OPTIONAL = { dawn: "webgpu", tfjsWebgpu: "@tensorflow/tfjs-backend-webgpu" };

/** The limits tfjs-backend-webgpu 4.22 copies from the adapter into its device request. */
const LIMITS = ["maxBufferSize", "maxStorageBufferBindingSize", "maxComputeWorkgroupStorageSize",
  "maxComputeInvocationsPerWorkgroup", "maxComputeWorkgroupSizeX", "maxComputeWorkgroupsPerDimension"] as const;

interface GpuAdapterLike {
  info: { vendor: string; architecture: string; device: string; description: string; isFallbackAdapter?: boolean };
  limits: Record<string, number>;
}
interface DawnModule {
  create(flags: string[]): { requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null> };
  globals: Record<string, unknown>;
}

/** The adapter's card, from GPUAdapterInfo and GPUSupportedLimits. */
export function adapterCard(adapter: GpuAdapterLike): GpuAdapterCard {
  const { vendor, architecture, device, description, isFallbackAdapter } = adapter.info;
  return {
    vendor, architecture, device, description,
    software: isFallbackAdapter === true || architecture === "software",
    limits: Object.fromEntries(LIMITS.map((k) => [k, Number(adapter.limits[k])])),
  };
}

/**
 * GPU device files on Linux (`/dev/dri/renderD*` for Mesa and DRM drivers, `/dev/nvidia*` for
 * NVIDIA's, `/dev/dxg` under WSL2); null on other platforms, where there is no such check.
 * A hardware Vulkan adapter needs one of them, so the default choice skips Dawn without them.
 */
export function gpuDeviceFiles(): string[] | null {
  if (process.platform !== "linux") return null;
  const list = (dir: string, re: RegExp) => { try { return fs.readdirSync(dir).filter((f) => re.test(f)).map((f) => `${dir}/${f}`); } catch { return []; } };
  return [...list("/dev/dri", /^renderD\d+$/), ...list("/dev", /^(nvidia\d+|dxg)$/)];
}

/**
 * Why the default backend choice passes over webgpu, or null when it may use it. `forced`
 * (REPLAB_BACKEND=webgpu) takes any adapter, software ones included.
 */
export function webgpuPassOver(forced: boolean, deviceFiles: string[] | null, adapter?: GpuAdapterCard): string | null {
  if (forced) return null;
  if (deviceFiles !== null && deviceFiles.length === 0) return "no GPU device file (/dev/dri/renderD*, /dev/nvidia*, /dev/dxg)";
  if (adapter?.software) return `software adapter (${adapter.description}) passed over; REPLAB_BACKEND=webgpu uses it`;
  return null;
}

/**
 * The Dawn instance the backend runs on. Dawn's Node binding destroys the instance when its
 * `create()` result is garbage-collected, under a device still in use (a crash), so replab holds it.
 */
let dawnInstance: unknown = null;

/** Makes `navigator.gpu` the Dawn instance while `fn` runs (tfjs-backend-webgpu looks for it there), then puts `navigator` back. */
async function withNavigatorGpu<R>(gpu: unknown, fn: () => Promise<R>): Promise<R> {
  const g = globalThis as { navigator?: { gpu?: unknown } };
  const had = g.navigator;
  if (had) Object.defineProperty(had, "gpu", { value: gpu, configurable: true, writable: true });
  else Object.defineProperty(globalThis, "navigator", { value: { gpu, userAgent: `Node.js/${process.versions.node}` }, configurable: true, writable: true });
  try {
    return await fn();
  } finally {
    if (had) delete had.gpu;
    else delete g.navigator;
  }
}

/**
 * Starts tfjs's webgpu backend on Dawn's Node binding (the `webgpu` package): asks for a
 * high-performance adapter, passes over a software one unless `forced`, installs Dawn's WebGPU
 * globals (GPUBufferUsage, …) and a synchronous read that works under Node, then sets the backend.
 */
export async function startWebgpu(forced: boolean): Promise<WebgpuOutcome> {
  let dawn: DawnModule;
  try {
    dawn = (await import(OPTIONAL.dawn)) as DawnModule;
  } catch {
    return { started: false, reason: `not installed (npm install ${WEBGPU_PACKAGES})` };
  }
  const skip = webgpuPassOver(forced, gpuDeviceFiles());
  if (skip) return { started: false, reason: skip };
  const gpu = dawn.create([]);
  const found = await gpu.requestAdapter({ powerPreference: "high-performance" }).catch(() => null);
  if (!found) return { started: false, reason: "Dawn found no WebGPU adapter (no Vulkan, Metal or D3D12 driver for a device)" };
  const adapter = adapterCard(found);
  const passOver = webgpuPassOver(forced, null, adapter);
  if (passOver) return { started: false, reason: passOver, adapter };
  for (const [name, value] of Object.entries(dawn.globals)) if (!(name in globalThis)) Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  dawnInstance = gpu;
  return withNavigatorGpu(gpu, async () => {
    let backend: { WebGPUBackend: { prototype: object } };
    try {
      backend = (await import(OPTIONAL.tfjsWebgpu)) as typeof backend;
    } catch {
      return { started: false, reason: `not installed (npm install ${WEBGPU_PACKAGES})`, adapter } as const;
    }
    if (!tf.findBackendFactory("webgpu")) {
      return { started: false, reason: "@tensorflow/tfjs-backend-webgpu was imported before Dawn was set up, so it registered no backend; let replab import it", adapter } as const;
    }
    installWebgpuReadSync(backend.WebGPUBackend, (data, dtype) => tf.util.convertBackendValuesAndArrayBuffer(data, dtype as tf.DataType));
    if (adapter.software) limitBindGroupsPerTurn(dawn.globals.GPUDevice as { prototype: object }, SOFTWARE_BIND_GROUP_LIMIT);
    const ok = await tf.setBackend("webgpu").catch(() => false);
    return ok ? { started: true, adapter } as const : { started: false, reason: "tfjs could not create a device on the adapter", adapter } as const;
  });
}
