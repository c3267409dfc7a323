/**
 * What device the tensor backend's kernels run on, as the tensor display names it: "gpu",
 * "software GPU adapter, runs on the CPU" for webgpu on an adapter such as Mesa's lavapipe,
 * "cpu" for wasm and cpu, "native (tfjs-node)" for tensorflow. Kept apart from backend.ts (no
 * tfjs import) so the display layer can ask without loading tfjs; backend.ts records the webgpu
 * adapter's kind when webgpu starts.
 */
let webgpuSoftware = false;

/** Records whether the webgpu backend runs on a software adapter (backend.ts, when webgpu starts). */
export function setWebgpuSoftware(software: boolean): void {
  webgpuSoftware = software;
}

/** The device of a tfjs backend by its name (see the module comment). */
export function deviceKind(backend: string): string {
  if (backend === "webgpu") return webgpuSoftware ? "software GPU adapter, runs on the CPU" : "gpu";
  if (backend === "webgl") return "gpu";
  if (backend === "wasm" || backend === "cpu") return "cpu";
  if (backend === "tensorflow") return "native (tfjs-node)";
  return "unknown";
}
