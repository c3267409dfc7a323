import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { adapterCard, gpuDeviceFiles, webgpuPassOver } from "../../lib/core/webgpu.js";
import { webgpuEnv } from "./webgpu.js";

// Each case runs the backend choice in a fresh Node process on the built library, as a notebook does.
const core = new URL("../../dist/lib/core/index.js", import.meta.url).href;
const hide = fileURLToPath(new URL("./fixtures/hide-webgpu.mjs", import.meta.url));
const script = `const m = await import(${JSON.stringify(core)}); console.log(JSON.stringify(await m.environment()));`;

function choose(env: NodeJS.ProcessEnv, nodeArgs: string[] = []) {
  const r = spawnSync(process.execPath, [...nodeArgs, "--input-type=module", "-e", script], { env, encoding: "utf8" });
  const last = r.stdout.trim().split("\n").pop() ?? "";
  return { status: r.status, stderr: r.stderr, card: r.status === 0 ? JSON.parse(last) as Record<string, string | number> : null };
}

const lavapipe = { vendor: "mesa", architecture: "software", device: "llvmpipe", description: "llvmpipe: Mesa 25.0.7", isFallbackAdapter: true };
const limits = { maxBufferSize: 4294967295, maxStorageBufferBindingSize: 134217728, maxComputeWorkgroupStorageSize: 32768,
  maxComputeInvocationsPerWorkgroup: 1024, maxComputeWorkgroupSizeX: 1024, maxComputeWorkgroupsPerDimension: 65535, maxBindGroups: 4 };

describe("webgpu in the backend choice", () => {
  it("REPLAB_BACKEND=webgpu starts it on the software adapter; the card names the adapter, that it is software, and its limits", () => {
    const { status, stderr, card } = choose(webgpuEnv());
    expect(status, stderr).toBe(0);
    expect(card!.backend).toBe("webgpu");
    expect(card!.gpuAdapter).toMatch(/^mesa software · llvmpipe/);
    expect(card!.gpuSoftware).toMatch(/^yes/);
    expect(card!.gpuLimits).toMatch(/maxBufferSize=\d+, maxStorageBufferBindingSize=\d+, maxComputeWorkgroupStorageSize=\d+/);
    expect(card!.webgpu).toBeUndefined();
  });

  it("the default choice passes over a software adapter (or a machine with no GPU device file) and says why", () => {
    const { status, stderr, card } = choose({ ...webgpuEnv(), REPLAB_BACKEND: "" });
    expect(status, stderr).toBe(0);
    expect(card!.backend).toBe("wasm");
    const files = gpuDeviceFiles();
    expect(card!.webgpu).toMatch(files !== null && files.length === 0 ? /^no GPU device file/ : /^software adapter \(llvmpipe.*\) passed over; REPLAB_BACKEND=webgpu uses it$/);
  });

  it("without the optional packages the default choice still works, and REPLAB_BACKEND=webgpu names what to install", () => {
    const dflt = choose({ ...webgpuEnv(), REPLAB_BACKEND: "" }, ["--import", hide]);
    expect(dflt.status, dflt.stderr).toBe(0);
    expect(dflt.card!.backend).toBe("wasm");
    expect(dflt.card!.webgpu).toBe("not installed (npm install webgpu@0.6.2 @tensorflow/tfjs-backend-webgpu@4.22.0)");
    const forced = choose(webgpuEnv(), ["--import", hide]);
    expect(forced.status).not.toBe(0);
    expect(forced.stderr).toMatch(/ReplabError: REPLAB_BACKEND="webgpu" could not be started \(not installed \(npm install webgpu@0\.6\.2 @tensorflow\/tfjs-backend-webgpu@4\.22\.0\)\); see README/);
  });

  it("with no Vulkan driver Dawn finds no adapter, and REPLAB_BACKEND=webgpu says so", () => {
    const none = { ...webgpuEnv(), VK_ICD_FILENAMES: "/nonexistent/icd.json", VK_DRIVER_FILES: "/nonexistent/icd.json" };
    const forced = choose(none);
    expect(forced.status).not.toBe(0);
    expect(forced.stderr).toMatch(/REPLAB_BACKEND="webgpu" could not be started \(Dawn found no WebGPU adapter/);
    expect(choose({ ...none, REPLAB_BACKEND: "" }).card!.backend).toBe("wasm");
  });
});

describe("the rule for passing webgpu over", () => {
  it("a software adapter is passed over unless forced; a hardware one is taken", () => {
    const soft = adapterCard({ info: lavapipe, limits });
    expect(soft.software).toBe(true);
    expect(soft.limits).toEqual({ maxBufferSize: 4294967295, maxStorageBufferBindingSize: 134217728, maxComputeWorkgroupStorageSize: 32768,
      maxComputeInvocationsPerWorkgroup: 1024, maxComputeWorkgroupSizeX: 1024, maxComputeWorkgroupsPerDimension: 65535 });
    expect(webgpuPassOver(false, ["/dev/dri/renderD128"], soft)).toMatch(/^software adapter \(llvmpipe: Mesa 25\.0\.7\) passed over/);
    expect(webgpuPassOver(true, ["/dev/dri/renderD128"], soft)).toBeNull();
    const hard = adapterCard({ info: { vendor: "nvidia", architecture: "ampere", device: "", description: "NVIDIA A10", isFallbackAdapter: false }, limits });
    expect(hard.software).toBe(false);
    expect(webgpuPassOver(false, ["/dev/nvidia0"], hard)).toBeNull();
  });

  it("on Linux without a GPU device file Dawn is not asked (forcing asks anyway); elsewhere there is no such check", () => {
    expect(webgpuPassOver(false, [])).toMatch(/^no GPU device file/);
    expect(webgpuPassOver(true, [])).toBeNull();
    expect(webgpuPassOver(false, null)).toBeNull();
  });
});
