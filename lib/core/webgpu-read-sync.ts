import { ReplabError } from "./errors.js";

/**
 * Synchronous reads (`dataSync`, `arraySync`, `bufferSync`) on tfjs-backend-webgpu under Node.
 *
 * tfjs-backend-webgpu 4.22 reads a GPU buffer synchronously by drawing it into an OffscreenCanvas,
 * which Node does not have, so every `dataSync()` of a GPU-resident tensor would throw. WebGPU
 * itself has only `GPUBuffer.mapAsync`, and Dawn's Node binding settles it when
 * `wgpuInstanceProcessEvents` runs, which its AsyncRunner schedules through the global
 * `setImmediate` (dawn, src/dawn/node/binding/AsyncRunner.cpp). replab therefore wraps
 * `setImmediate` to keep hold of those event-processing callbacks, and its `readSync` copies the
 * tensor's buffer to a staging buffer, calls `mapAsync`, and runs the held callbacks until the
 * map completes — the same copy-then-map that tfjs's asynchronous `read` does, waited on in place.
 */

/** The parts of a tfjs-backend-webgpu backend that the synchronous read uses (4.22.0). */
interface WebgpuBackendInternals {
  tensorMap: { get(dataId: object): { values: unknown; dtype: string; resource: unknown } };
  bufferManager: { acquireBuffer(size: number, usage: number): GpuBufferLike; releaseBuffer(buffer: GpuBufferLike): void };
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  commandEncoder: { copyBufferToBuffer(src: GpuBufferLike, srcOffset: number, dst: GpuBufferLike, dstOffset: number, size: number): void };
  submitQueue(): void;
  convertAndCacheOnCPU(dataId: object, values: unknown): unknown;
}

interface GpuBufferLike {
  size: number;
  mapState: "unmapped" | "pending" | "mapped";
  mapAsync(mode: number): Promise<void>;
  getMappedRange(): ArrayBuffer;
  unmap(): void;
  destroy(): void;
}

type ReadSync = (this: WebgpuBackendInternals, dataId: object) => unknown;

/** Dawn's event-processing callbacks scheduled and not yet run. */
const pendingTicks = new Set<() => void>();
let ticksTracked = false;

/** A function made by a native addon (Napi::Function::New): no name, no declared parameters. */
function isNativeCallback(fn: unknown): fn is () => void {
  return typeof fn === "function" && fn.length === 0 && fn.name === "" && Function.prototype.toString.call(fn).includes("[native code]");
}

/**
 * Wraps the global `setImmediate` once: a one-argument call with a native callback (Dawn's) is
 * remembered in `pendingTicks`, and one real immediate at a time runs those still pending on the
 * event loop's next turn; a synchronous read runs them sooner. Either way each runs once, and a
 * long synchronous loop of reads leaves one queued immediate, not one per tick. Every other call
 * passes straight through.
 */
function trackDawnTicks(): void {
  if (ticksTracked) return;
  ticksTracked = true;
  const real = globalThis.setImmediate;
  let drainQueued = false;
  const drain = () => {
    drainQueued = false;
    const due = [...pendingTicks];
    pendingTicks.clear();
    for (const tick of due) tick(); // a tick that reschedules itself is queued for the next turn
  };
  const wrapped = function setImmediate(fn: (...a: unknown[]) => void, ...args: unknown[]) {
    if (args.length > 0 || !isNativeCallback(fn)) return real(fn, ...args);
    pendingTicks.add(fn);
    if (!drainQueued) { drainQueued = true; real(drain); }
    return undefined as unknown as NodeJS.Immediate;
  };
  globalThis.setImmediate = Object.assign(wrapped, real) as typeof setImmediate;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Maps `buffer` for reading and waits for it here, running Dawn's event processing in place. */
function mapForReadSync(buffer: GpuBufferLike, mapModeRead: number): void {
  buffer.mapAsync(mapModeRead).catch(() => { /* the state below says how it ended */ });
  for (let spin = 0; buffer.mapState === "pending"; spin++) {
    if (pendingTicks.size === 0) {
      throw new ReplabError("webgpu: a synchronous read (dataSync/arraySync) could not wait for the GPU: Dawn scheduled no event processing; read with `await tensor.data()` instead");
    }
    for (const tick of [...pendingTicks]) { pendingTicks.delete(tick); tick(); }
    // The GPU works on other threads: after a few quick polls, sleep up to 1 ms between them.
    if (spin > 16) Atomics.wait(sleeper, 0, 0, Math.min(1, spin / 1000));
  }
  if (buffer.mapState !== "mapped") throw new ReplabError("webgpu: mapping a buffer for a synchronous read failed (was the GPU device lost?); see `environment()` for the adapter");
}

/**
 * Gives `WebGPUBackend.prototype` (tfjs-backend-webgpu 4.22.0) a `readSync` that works under
 * Node; CPU-resident, string and complex values keep tfjs's own path. Idempotent.
 * @param backendClass   the package's exported `WebGPUBackend`
 * @param convert        tfjs's `util.convertBackendValuesAndArrayBuffer` (bytes → typed array for a dtype)
 */
export function installWebgpuReadSync(
  backendClass: { prototype: object },
  convert: (data: ArrayBuffer, dtype: string) => unknown,
): void {
  const proto = backendClass.prototype as { readSync: ReadSync; replabReadSync?: true };
  if (proto.replabReadSync) return;
  trackDawnTicks();
  const tfjsReadSync = proto.readSync;
  const g = globalThis as unknown as { GPUBufferUsage: { COPY_DST: number; MAP_READ: number }; GPUMapMode: { READ: number } };
  proto.readSync = function readSync(this: WebgpuBackendInternals, dataId: object): unknown {
    const data = this.tensorMap.get(dataId);
    const buffer = data.resource as GpuBufferLike | null;
    if (data.values != null || data.dtype === "string" || data.dtype === "complex64" || typeof buffer?.mapAsync !== "function") {
      return tfjsReadSync.call(this, dataId);
    }
    const staging = this.bufferManager.acquireBuffer(buffer.size, g.GPUBufferUsage.COPY_DST | g.GPUBufferUsage.MAP_READ);
    let bytes: ArrayBuffer;
    try {
      this.ensureCommandEncoderReady();
      this.endComputePassEncoder();
      this.commandEncoder.copyBufferToBuffer(buffer, 0, staging, 0, buffer.size);
      this.submitQueue();
      mapForReadSync(staging, g.GPUMapMode.READ);
      bytes = staging.getMappedRange().slice(0);
      staging.unmap();
    } finally {
      // A map still pending cannot go back to the pool, where a later read would map it again.
      if (staging.mapState === "pending") staging.destroy();
      else this.bufferManager.releaseBuffer(staging);
    }
    return this.convertAndCacheOnCPU(dataId, convert(bytes, data.dtype));
  };
  proto.replabReadSync = true;
}

/**
 * Bind groups a software adapter may be asked for between two turns of the event loop before
 * replab stops the work with an error. Dawn's Node binding frees a GPU object only when Node runs
 * its finalizer, and Node runs Node-API finalizers on a later turn of the event loop, so a long
 * synchronous loop of tensor ops (one bind group per op) keeps them all alive; Mesa's lavapipe
 * crashed the process near 65,536 live bind groups (about 1,700 steps of a 64-128-10 MLP).
 */
export const SOFTWARE_BIND_GROUP_LIMIT = 50_000;

/**
 * Counts `GPUDevice.createBindGroup` calls since the event loop last turned and throws a
 * ReplabError past `limit`, instead of letting the driver crash. Idempotent.
 */
export function limitBindGroupsPerTurn(deviceClass: { prototype: object }, limit: number): void {
  const proto = deviceClass.prototype as { createBindGroup: (...a: unknown[]) => unknown; replabBindGroupLimit?: number };
  if (proto.replabBindGroupLimit !== undefined) return;
  proto.replabBindGroupLimit = limit;
  const create = proto.createBindGroup;
  let sinceTurn = 0, resetQueued = false;
  proto.createBindGroup = function createBindGroup(this: unknown, ...args: unknown[]) {
    if (!resetQueued) { resetQueued = true; setImmediate(() => { sinceTurn = 0; resetQueued = false; }); }
    if (++sinceTurn > limit) {
      throw new ReplabError(`webgpu: ${limit.toLocaleString("en-US")} GPU operations ran without the event loop turning; on this software adapter Dawn frees their resources only when it turns, and the driver crashes near 65,536. Let the loop turn every few hundred steps (\`await new Promise((r) => setImmediate(r))\`), or run with REPLAB_BACKEND=wasm`);
    }
    return create.apply(this, args);
  };
}

