import { tf } from "../core/backend.js";

/** Additive logit mask value for output units a row may not use (large negative, finite: no NaN in softmax). */
export const MASKED_LOGIT = -1e9;

/**
 * An additive [rows, classes] logit mask for the task-incremental scenario: row r may use only
 * the output units `heads[taskOf[r]]` (0 there, {@link MASKED_LOGIT} elsewhere). Returns null
 * when no task restricts its heads (class- and domain-incremental), so callers skip masking.
 */
export function headsMask(taskOf: ArrayLike<number>, heads: ReadonlyArray<readonly number[] | null>, classes: number): tf.Tensor2D | null {
  if (heads.every((h) => h === null)) return null;
  const m = new Float32Array(taskOf.length * classes);
  for (let r = 0; r < taskOf.length; r++) {
    const h = heads[taskOf[r]!];
    if (!h) continue;
    m.fill(MASKED_LOGIT, r * classes, (r + 1) * classes);
    for (const c of h) m[r * classes + c] = 0;
  }
  return tf.tensor2d(m, [taskOf.length, classes]);
}
