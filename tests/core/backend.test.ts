import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";

const core = new URL("../../dist/lib/core/index.js", import.meta.url).href;
const script = `const m = await import(${JSON.stringify(core)}); const e = await m.environment(); console.log(JSON.stringify(e));`;

function card(env: Record<string, string>) {
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, ...env }, encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!);
}

describe("backend choice (docs/ARCHITECTURE.md, tensor backends)", () => {
  it("defaults to wasm here (no tfjs-node, no GPU), and the card names it with versions and seed", () => {
    const e = card({ REPLAB_BACKEND: "", REPLAB_SEED: "17" });
    expect(e.backend).toBe("wasm");
    expect(e.tfjs).toBe("4.22.0");
    expect(e.seed).toBe(17);
    expect(e.threads).toBeGreaterThan(0);
  });

  it("honours REPLAB_BACKEND=cpu", () => {
    expect(card({ REPLAB_BACKEND: "cpu" }).backend).toBe("cpu");
  });

  it("fails clearly for an unknown or unavailable backend", () => {
    const bad = spawnSync(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, REPLAB_BACKEND: "webgl" }, encoding: "utf8" });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/REPLAB_BACKEND="webgl" is not a backend replab knows; use one of tensorflow, webgpu, wasm, cpu/);
    const missing = spawnSync(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, REPLAB_BACKEND: "tensorflow" }, encoding: "utf8" });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/could not be started; install @tensorflow\/tfjs-node-gpu or @tensorflow\/tfjs-node/);
  });
});
