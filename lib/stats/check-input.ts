import { sortFloat64 } from "./sort-float64.js";
import { ReplabError, describeValue, require_, requireFiniteArray } from "../core/errors.js";

/**
 * Checks a numeric sample for the statistics functions: an array (or typed array) that is not
 * empty and holds only finite numbers. Returns it as a Float64Array (a copy only when needed).
 */
export function toSample(where: string, arg: string, values: ArrayLike<number>, minLength = 1): Float64Array {
  require_(values !== null && values !== undefined && typeof (values as ArrayLike<number>).length === "number", where, arg, values, "is not an array of numbers", "pass an array or typed array of numbers");
  require_(values.length >= minLength, where, arg, values, minLength === 1 ? "is empty" : `has fewer than ${minLength} values`, `pass at least ${minLength} value${minLength === 1 ? "" : "s"}`);
  // check the values as given: Float64Array.from would turn null into 0 and "1" into 1
  requireFiniteArray(where, arg, values);
  return values instanceof Float64Array ? values : Float64Array.from(values as ArrayLike<number>);
}

/** Checks that two paired arrays have the same length. */
export function requireSameLength(where: string, a: string, av: ArrayLike<unknown>, b: string, bv: ArrayLike<unknown>): void {
  if (av.length !== bv.length) {
    throw new ReplabError(`${where}: ${b} has length ${bv.length} but ${a} has length ${av.length}; pass one ${b.replace(/s$/, "")} per ${a.replace(/s$/, "")}`);
  }
}

/**
 * Checks binary labels (0/1 or booleans; 1/true = the positive class) that hold both classes.
 * Returns them as a Uint8Array.
 */
export function toBinaryLabels(where: string, arg: string, labels: ArrayLike<number | boolean>): Uint8Array {
  require_(labels !== null && labels !== undefined && typeof labels.length === "number", where, arg, labels, "is not an array of labels", "pass an array of 0/1 labels");
  require_(labels.length > 0, where, arg, labels, "is empty", "pass at least one label of each class");
  const out = new Uint8Array(labels.length);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (v === 1 || v === true) { out[i] = 1; positives++; }
    else if (v === 0 || v === false) out[i] = 0;
    else throw new ReplabError(`${where}: ${arg}[${i}]=${describeValue(v)} is not a binary label; use 1 (or true) for the positive class and 0 (or false) for the negative class`);
  }
  if (positives === 0 || positives === labels.length) {
    throw new ReplabError(`${where}: ${arg} are all ${positives === 0 ? 0 : 1} (${labels.length} labels); the ROC needs at least one positive (1) and one negative (0) label`);
  }
  return out;
}

/** Splits scores by label and sorts each part ascending (native typed-array sort). */
export function sortedByClass(scores: Float64Array, labels: Uint8Array): { pos: Float64Array; neg: Float64Array } {
  let p = 0;
  for (let i = 0; i < labels.length; i++) p += labels[i]!;
  const pos = new Float64Array(p);
  const neg = new Float64Array(labels.length - p);
  let ip = 0, ineg = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]) pos[ip++] = scores[i]!;
    else neg[ineg++] = scores[i]!;
  }
  sortFloat64(pos);
  sortFloat64(neg);
  return { pos, neg };
}
