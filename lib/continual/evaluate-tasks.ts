import { tf } from "../core/backend.js";
import { concatData, type LabelledData, softmaxCrossEntropyPerExample, type Mlp } from "../models/index.js";
import { headsMask } from "./heads-mask.js";
import type { TaskStream } from "./task-stream.js";

/** Accuracy and mean cross-entropy of one task's evaluation set. */
export interface TaskScore {
  task: number;
  accuracy: number;
  loss: number;
  n: number;
}

/**
 * Evaluates `model` on several tasks' evaluation sets in one forward pass: accuracy (argmax of
 * the logits, restricted to the task's heads in the task-incremental scenario) and mean
 * cross-entropy −log softmax(z)[y] (over the same units) per task.
 */
export function evaluateTasks(model: Mlp, stream: TaskStream, sets: ReadonlyArray<{ task: number; data: LabelledData }>): TaskScore[] {
  if (sets.length === 0) return [];
  const all = concatData(sets.map((s) => s.data));
  const taskOf = new Int32Array(all.n);
  let at = 0;
  for (const s of sets) { taskOf.fill(s.task, at, at + s.data.n); at += s.data.n; }
  const [pred, losses] = tf.tidy(() => {
    let z = model.logits(all);
    const mask = headsMask(taskOf, stream.tasks.map((t) => t.heads), stream.classes);
    if (mask) z = tf.add(z, mask) as tf.Tensor2D;
    return [tf.argMax(z, 1), softmaxCrossEntropyPerExample(z, tf.tensor1d(all.y, "int32"))];
  });
  const p = pred.dataSync(), l = losses.dataSync();
  pred.dispose(); losses.dispose();
  const out: TaskScore[] = [];
  at = 0;
  for (const s of sets) {
    let correct = 0, loss = 0;
    for (let i = at; i < at + s.data.n; i++) { if (p[i] === all.y[i]) correct++; loss += l[i]!; }
    out.push({ task: s.task, accuracy: s.data.n > 0 ? correct / s.data.n : 0, loss: s.data.n > 0 ? loss / s.data.n : 0, n: s.data.n });
    at += s.data.n;
  }
  return out;
}
