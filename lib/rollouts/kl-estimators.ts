import { require_, requireFiniteArray } from "../core/index.js";

/** Which of Schulman's KL estimators to use ("Approximating KL Divergence", 2020). */
export type KlEstimator = "k1" | "k2" | "k3";

/**
 * Per-sample estimates of KL(p ‖ q) from samples x ~ p, given log p(x) (`logp`, the sampling
 * policy) and log q(x) (`logq`, e.g. the reference), as Schulman defines them (docs/ARCHITECTURE.md, definitions and their sources):
 * k1 = log p − log q (unbiased, high variance, can be negative);
 * k2 = ½(log p − log q)² (biased, low variance, ≥ 0);
 * k3 = exp(log q − log p) − (log q − log p) − 1 (unbiased, ≥ 0; used by GRPO).
 * Returns a Float64Array of per-sample values; average it for the estimate.
 */
export function klEstimate(logp: ArrayLike<number>, logq: ArrayLike<number>, estimator: KlEstimator = "k3"): Float64Array {
  require_(logp.length === logq.length, "klEstimate", "logq", logq, `has length ${logq.length} but logp has ${logp.length}`, "pass one log-probability per sample in each");
  require_(estimator === "k1" || estimator === "k2" || estimator === "k3", "klEstimate", "estimator", estimator, "is not a known estimator", `use "k1", "k2" or "k3"`);
  requireFiniteArray("klEstimate", "logp", logp);
  requireFiniteArray("klEstimate", "logq", logq);
  const out = new Float64Array(logp.length);
  for (let i = 0; i < out.length; i++) {
    const d = logq[i]! - logp[i]!;
    out[i] = estimator === "k1" ? -d : estimator === "k2" ? 0.5 * d * d : Math.expm1(d) - d;
  }
  return out;
}

/** Mean of {@link klEstimate} over the samples: the KL(p ‖ q) estimate itself. */
export function klMean(logp: ArrayLike<number>, logq: ArrayLike<number>, estimator: KlEstimator = "k3"): number {
  const v = klEstimate(logp, logq, estimator);
  require_(v.length > 0, "klMean", "logp", logp, "is empty", "pass at least one sample");
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return s / v.length;
}

/** Exact KL(p ‖ q) = Σ p log(p/q) between two discrete distributions given as probabilities. */
export function klDivergenceExact(p: ArrayLike<number>, q: ArrayLike<number>): number {
  requireFiniteArray("klDivergenceExact", "p", p);
  requireFiniteArray("klDivergenceExact", "q", q);
  require_(p.length === q.length, "klDivergenceExact", "q", q, `has length ${q.length} but p has ${p.length}`, "pass distributions over the same outcomes");
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!, qi = q[i]!;
    if (pi > 0) {
      require_(qi > 0, "klDivergenceExact", `q[${i}]`, qi, `is 0 where p[${i}]=${pi} > 0, so the KL is infinite`, "smooth q or restrict to p's support");
      s += pi * Math.log(pi / qi);
    }
  }
  return s;
}
