import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { tfReady } from "../../lib/core/index.js";

/**
 * The environment for the webgpu tests: REPLAB_BACKEND=webgpu (which takes the software adapter,
 * Mesa's lavapipe, that scripts/setup.sh installs) and an XDG_RUNTIME_DIR, which Mesa's Vulkan
 * loader wants, pointed at a private directory when unset.
 */
export function webgpuEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, REPLAB_BACKEND: "webgpu", XDG_RUNTIME_DIR: base.XDG_RUNTIME_DIR || runtimeDir() };
}

/** A private runtime directory (0700, as XDG asks), one per user, reused by every test run. */
function runtimeDir(): string {
  const dir = path.join(os.tmpdir(), `replab-xdg-${os.userInfo().uid}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** tfjs on the webgpu backend, in this test process; throws when another backend was chosen first. */
export async function webgpuTf(): Promise<Awaited<ReturnType<typeof tfReady>>> {
  Object.assign(process.env, webgpuEnv());
  const tf = await tfReady();
  if (tf.getBackend() !== "webgpu") throw new Error(`the webgpu tests need a process of their own; this one runs on ${tf.getBackend()}`);
  return tf;
}
