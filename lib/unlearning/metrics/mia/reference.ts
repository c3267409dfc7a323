import { require_, requireFiniteArray } from "../../../core/errors.js";

/**
 * Reference-model difference (Carlini et al. 2021; Mireshghallah et al. 2022), as open-unlearning's
 * ReferenceAttack: target model's mean loss − reference model's mean loss on the same sample.
 * Members score lower.
 */
export function miaReference(targetLosses: ArrayLike<number>, referenceLosses: ArrayLike<number>): Float64Array {
  require_(targetLosses.length === referenceLosses.length, "miaReference", "referenceLosses.length", referenceLosses.length, `is not the ${targetLosses.length} target losses`, "pass one reference loss per sample");
  requireFiniteArray("miaReference", "targetLosses", targetLosses);
  requireFiniteArray("miaReference", "referenceLosses", referenceLosses);
  return Float64Array.from({ length: targetLosses.length }, (_, i) => targetLosses[i]! - referenceLosses[i]!);
}
