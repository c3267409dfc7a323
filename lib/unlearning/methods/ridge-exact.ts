import { require_, requireFinite } from "../../core/errors.js";
import { type LabelledData, checkLabelledData } from "../../models/index.js";
import { invert64, matMul64, transpose64 } from "../linear-algebra.js";

/** A ridge-regression classifier head with the sufficient statistics that make removal exact. */
export interface RidgeHead {
  /** (features+1)×classes weights, the last row the bias; predict argmax of [x, 1]·W. */
  weights: Float64Array;
  /** (XᵀX + λI)⁻¹ over the augmented features. */
  ainv: Float64Array;
  /** XᵀY (one-hot targets). */
  xty: Float64Array;
  lambda: number;
  features: number;
  classes: number;
  /** Number of training examples currently in the model. */
  n: number;
}

function augment(data: LabelledData): Float64Array {
  const d = data.features + 1;
  const X = new Float64Array(data.n * d);
  for (let i = 0; i < data.n; i++) {
    for (let j = 0; j < data.features; j++) X[i * d + j] = data.x[i * data.features + j]!;
    X[i * d + data.features] = 1;
  }
  return X;
}

function oneHot(data: LabelledData, classes: number): Float64Array {
  const Y = new Float64Array(data.n * classes);
  for (let i = 0; i < data.n; i++) {
    const c = data.y[i]!;
    require_(c >= 0 && c < classes, "fitRidgeHead", `data.y[${i}]`, c, `is not a class 0…${classes - 1}`, "pass labels below `classes`");
    Y[i * classes + c] = 1;
  }
  return Y;
}

/**
 * Ridge regression onto one-hot labels, W = (XᵀX + λI)⁻¹XᵀY over inputs augmented with a
 * constant 1 (the bias is penalised too, so the solution is unique for any λ > 0).
 */
export function fitRidgeHead(data: LabelledData, options: { lambda?: number; classes?: number } = {}): RidgeHead {
  checkLabelledData("fitRidgeHead", "data", data);
  const lambda = options.lambda ?? 1;
  requireFinite("fitRidgeHead", "lambda", lambda);
  require_(lambda > 0, "fitRidgeHead", "lambda", lambda, "is not positive", "pass a ridge penalty above 0, e.g. 1");
  let classes = options.classes ?? 0;
  if (!options.classes) for (let i = 0; i < data.n; i++) classes = Math.max(classes, data.y[i]! + 1);
  const d = data.features + 1;
  const X = augment(data);
  const Xt = transpose64(X, data.n, d);
  const A = matMul64(Xt, X, d, data.n, d);
  for (let i = 0; i < d; i++) A[i * d + i]! += lambda;
  const ainv = invert64(A, d, "fitRidgeHead");
  const xty = matMul64(Xt, oneHot(data, classes), d, data.n, classes);
  return { weights: matMul64(ainv, xty, d, d, classes), ainv, xty, lambda, features: data.features, classes, n: data.n };
}

/**
 * Exact closed-form unlearning of rows from a ridge head — the result equals refitting on the
 * remaining data (Woodbury identity; cf. Guo et al. 2020 "Certified Data Removal", whose Newton
 * update is exact for quadratic losses):
 * (A − X_fᵀX_f)⁻¹ = A⁻¹ + A⁻¹X_fᵀ(I − X_f A⁻¹ X_fᵀ)⁻¹X_f A⁻¹,  XᵀY ← XᵀY − X_fᵀY_f.
 * Costs O(k·d² + k³) for k removed rows instead of a refit's O(n·d²).
 */
export function ridgeRemove(head: RidgeHead, forget: LabelledData): RidgeHead {
  checkLabelledData("ridgeRemove", "forget", forget);
  require_(forget.features === head.features, "ridgeRemove", "forget.features", forget.features, `is not the head's ${head.features}`, "remove rows with the features the head was fitted on");
  require_(forget.n <= head.n, "ridgeRemove", "forget.n", forget.n, `exceeds the ${head.n} rows in the model`, "remove only rows the model was fitted on");
  const d = head.features + 1, k = forget.n, C = head.classes;
  if (k === 0) return { ...head };
  const Xf = augment(forget);
  const Xft = transpose64(Xf, k, d);
  const AXt = matMul64(head.ainv, Xft, d, d, k); // A⁻¹X_fᵀ, d×k
  const S = matMul64(Xf, AXt, k, d, k); // X_f A⁻¹ X_fᵀ
  for (let i = 0; i < k * k; i++) S[i] = -S[i]!;
  for (let i = 0; i < k; i++) S[i * k + i]! += 1;
  const Sinv = invert64(S, k, "ridgeRemove");
  const corr = matMul64(matMul64(AXt, Sinv, d, k, k), transpose64(AXt, d, k), d, k, d);
  const ainv = Float64Array.from(head.ainv, (v, i) => v + corr[i]!);
  const dxy = matMul64(Xft, oneHot(forget, C), d, k, C);
  const xty = Float64Array.from(head.xty, (v, i) => v - dxy[i]!);
  return { weights: matMul64(ainv, xty, d, d, C), ainv, xty, lambda: head.lambda, features: head.features, classes: C, n: head.n - k };
}

/** Predicted classes argmax([x, 1]·W) of a ridge head. */
export function ridgePredict(head: RidgeHead, data: LabelledData): Int32Array {
  const d = head.features + 1, C = head.classes;
  const out = new Int32Array(data.n);
  for (let i = 0; i < data.n; i++) {
    let best = -Infinity, arg = 0;
    for (let c = 0; c < C; c++) {
      let s = head.weights[head.features * C + c]!;
      for (let j = 0; j < head.features; j++) s += data.x[i * data.features + j]! * head.weights[j * C + c]!;
      if (s > best) { best = s; arg = c; }
    }
    out[i] = arg;
  }
  void d;
  return out;
}
