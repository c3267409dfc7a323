import { require_, requireFiniteArray } from "../../core/errors.js";
import { invert64 } from "../linear-algebra.js";

/** A fitted binary logistic regression: P(y = 1 | x) = σ(x·coef + intercept). */
export interface LogisticModel {
  coef: Float64Array;
  intercept: number;
}

/**
 * L2-regularised binary logistic regression fitted by Newton's method to the optimum of
 * ½‖w‖² + C Σ_i log(1 + exp(−ỹ_i(x_i·w + b))) with the intercept b not penalised — the objective
 * of scikit-learn's `LogisticRegression(C=1.0)` (default lbfgs solver), so coefficients agree to
 * solver tolerance. `x` is row-major n×d.
 */
export function fitLogisticRegression(x: ArrayLike<number>, y: ArrayLike<number>, d: number, options: { C?: number; maxIter?: number } = {}): LogisticModel {
  const n = y.length;
  const where = "fitLogisticRegression";
  require_(x.length === n * d, where, "x.length", x.length, `is not n·d = ${n}·${d}`, "pass n rows of d features");
  requireFiniteArray(where, "x", x);
  let pos = 0;
  for (let i = 0; i < n; i++) { require_(y[i] === 0 || y[i] === 1, where, `y[${i}]`, y[i], "is not 0 or 1", "pass binary labels"); pos += y[i]!; }
  require_(pos > 0 && pos < n, where, "y", y, "holds only one class", "pass examples of both classes");
  const C = options.C ?? 1;
  const p = d + 1;
  const w = new Float64Array(p); // coef…, intercept
  for (let it = 0; it < (options.maxIter ?? 100); it++) {
    const g = new Float64Array(p);
    const H = new Float64Array(p * p);
    for (let j = 0; j < d; j++) { g[j] = w[j]!; H[j * p + j] = 1; }
    for (let i = 0; i < n; i++) {
      let z = w[d]!;
      for (let j = 0; j < d; j++) z += x[i * d + j]! * w[j]!;
      const mu = 1 / (1 + Math.exp(-z));
      const r = C * (mu - y[i]!);
      const s = C * mu * (1 - mu);
      for (let a = 0; a < p; a++) {
        const xa = a < d ? x[i * d + a]! : 1;
        g[a]! += r * xa;
        for (let b = 0; b < p; b++) H[a * p + b]! += s * xa * (b < d ? x[i * d + b]! : 1);
      }
    }
    const Hi = invert64(H, p, where);
    let step = 0;
    for (let a = 0; a < p; a++) {
      let delta = 0;
      for (let b = 0; b < p; b++) delta += Hi[a * p + b]! * g[b]!;
      w[a]! -= delta;
      step = Math.max(step, Math.abs(delta));
    }
    if (step < 1e-12) break;
  }
  return { coef: w.slice(0, d), intercept: w[d]! };
}

/** P(y = 1 | x) for each row of row-major `x`. */
export function logisticProbability(model: LogisticModel, x: ArrayLike<number>): Float64Array {
  requireFiniteArray("logisticProbability", "x", x);
  const d = model.coef.length;
  const n = x.length / d;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = model.intercept;
    for (let j = 0; j < d; j++) z += x[i * d + j]! * model.coef[j]!;
    out[i] = 1 / (1 + Math.exp(-z));
  }
  return out;
}
