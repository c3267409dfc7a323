import { ReplabError, describeValue } from "../../core/errors.js";

/**
 * TOFU Model Utility (Maini et al. 2024, §2.5; open-unlearning `hm_aggregate`): the harmonic
 * mean n / Σ 1/u_i of its components (probability, ROUGE and truth-ratio scores on the retain,
 * real-authors and world-facts sets), as `scipy.stats.hmean`; 0 if any component is 0.
 */
export function modelUtility(components: ArrayLike<number> | Record<string, number>): number {
  const values = Array.isArray(components) || ArrayBuffer.isView(components) ? Array.from(components as ArrayLike<number>) : Object.values(components as Record<string, number>);
  if (values.length === 0) throw new ReplabError("modelUtility: components is empty; pass at least one utility component");
  let s = 0;
  values.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new ReplabError(`modelUtility: components[${i}]=${describeValue(v)} is not a finite non-negative number; pass scores in [0, 1]`);
  });
  if (values.some((v) => v === 0)) return 0;
  for (const v of values) s += 1 / v;
  return values.length / s;
}
