// environment() names the MLP step's engine once replab/models is loaded, as mlpEngine() chooses it.
import { describe, expect, it } from "vitest";
import { environment } from "../../lib/core/index.js";
import { mlpEngine, mlpEngineRow, nativeMlpStatus } from "../../lib/models/index.js";

describe("environment(): the mlpEngine row", () => {
  it("is the engine mlpEngine() picks, with OpenBLAS's kernels and threads for native", async () => {
    const card = await environment();
    expect(card.mlpEngine).toBe(mlpEngineRow());
    const engine = mlpEngine();
    if (engine === "native") {
      const s = nativeMlpStatus();
      expect(card.mlpEngine).toBe(`native (OpenBLAS ${s.core}, ${s.threads} thread${s.threads === 1 ? "" : "s"})`);
    } else {
      expect(card.mlpEngine).toBe(engine === null ? "none (tfjs ops only)" : `${engine} (WebAssembly SIMD)`);
    }
    expect(String((card as any)[Symbol.for("Jupyter.display")]()["text/plain"])).toContain(`mlpEngine   ${card.mlpEngine}`);
  });
});
