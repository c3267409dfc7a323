import { tf } from "../core/backend.js";
import { require_, requireInteger } from "../core/errors.js";

/**
 * A labelled dataset held in plain typed arrays: row-major `n × features` inputs and integer
 * class labels. `loadDigits()` from replab/frames returns one; {@link datasetFromTensors} makes
 * one from any tfjs tensors.
 */
export interface LabelledData {
  /** Row-major n×features inputs. */
  x: Float32Array;
  /** Class labels, 0 … classes−1. */
  y: Int32Array;
  /** Number of examples. */
  n: number;
  /** Inputs per example. */
  features: number;
}

/** Checks that `data` is a well-formed {@link LabelledData}; `where` names the caller. */
export function checkLabelledData(where: string, arg: string, data: LabelledData): void {
  require_(data !== null && typeof data === "object", where, arg, data, "is not a dataset", "pass { x: Float32Array, y: Int32Array, n, features }");
  require_(data.x instanceof Float32Array, where, `${arg}.x`, data.x, "is not a Float32Array", "pass the inputs as a row-major Float32Array");
  require_(data.y instanceof Int32Array, where, `${arg}.y`, data.y, "is not an Int32Array", "pass the labels as an Int32Array");
  requireInteger(where, `${arg}.n`, data.n, 0);
  requireInteger(where, `${arg}.features`, data.features, 1);
  require_(data.x.length === data.n * data.features, where, `${arg}.x.length`, data.x.length, `is not n·features = ${data.n}·${data.features}`, "make x hold exactly n rows of `features` values");
  require_(data.y.length === data.n, where, `${arg}.y.length`, data.y.length, `is not n = ${data.n}`, "give one label per example");
}

/** Makes a {@link LabelledData} from a 2-D input tensor and a 1-D integer label tensor (copies them off the device). */
export function datasetFromTensors(x: tf.Tensor, y: tf.Tensor): LabelledData {
  require_(x instanceof tf.Tensor && x.rank === 2, "datasetFromTensors", "x", x, "is not a rank-2 tensor", "pass an [n, features] tensor");
  require_(y instanceof tf.Tensor && y.rank === 1 && y.shape[0] === x.shape[0], "datasetFromTensors", "y", y, `is not a rank-1 tensor of length ${x.shape[0]}`, "pass an [n] tensor of class labels");
  const labels = Int32Array.from(y.dataSync() as ArrayLike<number>);
  for (let i = 0; i < labels.length; i++) require_(labels[i]! >= 0, "datasetFromTensors", `y[${i}]`, labels[i], "is negative", "use class labels 0 … classes−1");
  return { x: Float32Array.from(x.dataSync() as ArrayLike<number>), y: labels, n: x.shape[0]!, features: x.shape[1]! };
}

/** The rows `indices` of `data`, as a new dataset (in that order). */
export function subsetRows(data: LabelledData, indices: ArrayLike<number>): LabelledData {
  const f = data.features;
  const x = new Float32Array(indices.length * f);
  const y = new Int32Array(indices.length);
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r]!;
    require_(Number.isInteger(i) && i >= 0 && i < data.n, "subsetRows", `indices[${r}]`, i, `is not a row of a dataset with ${data.n} rows`, "pass row indices 0 … n−1");
    x.set(data.x.subarray(i * f, (i + 1) * f), r * f);
    y[r] = data.y[i]!;
  }
  return { x, y, n: indices.length, features: f };
}

/** Stacks datasets with the same number of features, in order. */
export function concatData(parts: readonly LabelledData[]): LabelledData {
  require_(parts.length > 0, "concatData", "parts", parts, "is empty", "pass at least one dataset");
  const f = parts[0]!.features;
  let n = 0;
  for (const p of parts) {
    require_(p.features === f, "concatData", "parts[].features", p.features, `differs from ${f}`, "concatenate datasets with the same number of features");
    n += p.n;
  }
  const x = new Float32Array(n * f);
  const y = new Int32Array(n);
  let at = 0;
  for (const p of parts) { x.set(p.x, at * f); y.set(p.y, at); at += p.n; }
  return { x, y, n, features: f };
}
