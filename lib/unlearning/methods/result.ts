import type { Mlp } from "../../models/index.js";

/** What an unlearning method returns: the unlearned model, the method's name and its run time. */
export interface UnlearnResult {
  model: Mlp;
  method: string;
  /** Wall-clock seconds the method took (the "run time" metric, RTE, of SalUn / ℓ1-sparse). */
  seconds: number;
}

/** Options shared by the gradient-based methods. */
export interface UnlearnOptions {
  epochs?: number;
  lr?: number;
  batchSize?: number;
  seed: number;
}

/** Times `f` and wraps its model as an {@link UnlearnResult}. */
export async function timed(method: string, f: () => Mlp | Promise<Mlp>): Promise<UnlearnResult> {
  const t0 = performance.now();
  const model = await f();
  return { model, method, seconds: (performance.now() - t0) / 1000 };
}
