import { describe, expect, it, beforeAll } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { initBackend } from "../../lib/core/index.js";
import { createMlpSync, mlpEngine, mlpEngines, mlpKernelBuild, nativeMlpStatus } from "../../lib/models/index.js";
import { loadNativeAddon, nativeAddonFile } from "../../lib/models/native/native-mlp.js";

/**
 * The native engine's loading, its settings and its fallbacks. Its arithmetic is checked with
 * the other engines' in fused-mlp.test.ts (every engine against the tfjs path).
 */
/** Whether `npm run build` built the addon here: the tools it needs are present and REPLAB_NATIVE=0 did not skip it. */
const buildTools = process.env.REPLAB_NATIVE !== "0" && spawnSync(process.env.CC || "cc", ["--version"]).status === 0 &&
  spawnSync("pkg-config", ["--exists", "openblas"]).status === 0;

/** Runs `source` (an ES module body) in a child Node with `env` added, on the built dist/ (npm test builds first); its stdout, parsed as JSON. */
function child(source: string, env: Record<string, string>): unknown {
  const models = JSON.stringify(path.resolve("dist/lib/models/index.js"));
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", `const m = await import(${models});\n${source}`], { encoding: "utf8", env: { ...process.env, ...env } });
  return JSON.parse(out.trim().split("\n").at(-1)!);
}

describe("native OpenBLAS engine", () => {
  beforeAll(async () => { await initBackend(); });

  it.runIf(buildTools)("where a C compiler and OpenBLAS are installed, npm run build built it and it is the default, on one OpenBLAS thread", () => {
    const s = nativeMlpStatus();
    expect(s.reason).toBe("");
    expect(s.loaded).toBe(true);
    expect(s.openblas).toMatch(/OpenBLAS/);
    expect(s.threads).toBe(1);
    expect(mlpEngine()).toBe("native");
    expect(mlpEngines()[0]).toBe("native");
  });

  it.runIf(buildTools)("REPLAB_BLAS_THREADS sets OpenBLAS's thread count; a bad value is a ReplabError naming it", () => {
    expect(child(`console.log(JSON.stringify(m.nativeMlpStatus().threads));`, { REPLAB_BLAS_THREADS: "2" })).toBe(2);
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", `const m = await import(${JSON.stringify(path.resolve("dist/lib/models/index.js"))}); m.mlpEngine();`],
      { encoding: "utf8", env: { ...process.env, REPLAB_BLAS_THREADS: "many" } });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/ReplabError: replab native MLP engine: REPLAB_BLAS_THREADS="many" is not a whole number ≥ 1/);
  });

  it("REPLAB_NATIVE=0 falls back to the WebAssembly kernels, which train; asking for native then is a ReplabError", () => {
    const r = child(`
      const { initBackend } = await import(${JSON.stringify(path.resolve("dist/lib/core/index.js"))});
      await initBackend();
      const model = m.createMlpSync({ sizes: [64, 32, 10], seed: 0 });
      const x = new Float32Array(8 * 64).map((_, i) => (i % 7) / 7), y = Int32Array.from({ length: 8 }, (_, i) => i % 10);
      const losses = Array.from({ length: 5 }, () => model.trainStep(x, y, 0.1));
      let error = "";
      try { m.createMlpSync({ sizes: [4, 2], seed: 0, engine: "native" }); } catch (e) { error = e.name + ": " + e.message; }
      console.log(JSON.stringify({ engine: m.mlpEngine(), engines: m.mlpEngines(), status: m.nativeMlpStatus(), losses, error }));`, { REPLAB_NATIVE: "0" }) as
      { engine: string; engines: string[]; status: { loaded: boolean; reason: string }; losses: number[]; error: string };
    expect(r.engine).toBe(mlpKernelBuild());
    expect(r.engines).not.toContain("native");
    expect(r.status).toMatchObject({ loaded: false, reason: "turned off by REPLAB_NATIVE=0" });
    expect(r.losses.every(Number.isFinite)).toBe(true);
    expect(r.losses[4]!).toBeLessThan(r.losses[0]!);
    expect(r.error).toMatch(/^ReplabError: createMlp: engine="native" does not run here: turned off by REPLAB_NATIVE=0; pick one of mlpEngines\(\)/);
  });

  it("a missing or unloadable addon file is reported, not thrown", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-native-"));
    try {
      expect(loadNativeAddon(path.join(dir, "absent.node"))).toMatchObject({ addon: null, reason: expect.stringMatching(/^not built .*apt-get install build-essential libopenblas-dev/) });
      const bogus = path.join(dir, "bogus.node");
      fs.writeFileSync(bogus, "not a shared object");
      expect(loadNativeAddon(bogus)).toMatchObject({ addon: null, reason: expect.stringMatching(/bogus\.node does not load: /) });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the build step never fails: without a compiler or OpenBLAS it says so in one line and exits 0", () => {
    const build = path.resolve("lib/models/native/build.mjs");
    const base: NodeJS.ProcessEnv = { ...process.env };
    delete base.REPLAB_NATIVE;
    for (const [env, why] of [[{ CC: "/nonexistent/cc" }, /no C compiler/], [{ PKG_CONFIG_LIBDIR: "/nonexistent" }, /OpenBLAS not found/], [{ REPLAB_NATIVE: "0" }, /skipped \(REPLAB_NATIVE=0\)/]] as const) {
      const r = spawnSync(process.execPath, [build], { encoding: "utf8", env: { ...base, ...env } });
      expect(r.status).toBe(0);
      const lines = r.stdout.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(why);
      expect(lines[0]).toMatch(/^replab native: .*the MLP step runs on the WebAssembly kernels$/);
    }
  });

  it("an unknown engine name is a ReplabError", () => {
    expect(() => createMlpSync({ sizes: [4, 2], seed: 0, engine: "gpu" as never })).toThrow(/createMlp: engine="gpu" is not one of native, fma, plain/);
  });

  it.runIf(buildTools)("the addon checks offsets against the array and throws a RangeError instead of writing past it", () => {
    const { addon } = loadNativeAddon(nativeAddonFile());
    const f = new Float32Array(20);
    expect(() => addon!.dense(f, 0, 0, 0, 10, 2, 2, 2, 1)).not.toThrow();
    expect(() => addon!.dense(f, 0, 0, 0, 18, 2, 2, 2, 1)).toThrow(RangeError);
    expect(() => addon!.backInput(f, 0, 0, 0, 19, 2, 2, 2)).toThrow(RangeError);
    expect(() => addon!.update(f, 0, 0, 0, 19, 10, 2, 2, 2, 0.1)).toThrow(RangeError);
    expect(() => addon!.update(f, 0, 0, 0, 10, 19, 2, 2, 2, 0.1)).toThrow(RangeError);
    expect(() => addon!.dense(new Float64Array(20) as never, 0, 0, 0, 10, 2, 2, 2, 1)).toThrow(TypeError);
  });
});
