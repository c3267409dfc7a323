import { rng } from "../core/rng.js";
import { require_, requireInteger } from "../core/errors.js";
import { toSample } from "./check-input.js";
import { quantile } from "./quantile.js";

/** A bootstrap confidence interval. */
export interface BootstrapInterval {
  /** The statistic on the original sample. */
  estimate: number;
  low: number;
  high: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
  /** Always "percentile" (Efron 1979; scipy.stats.bootstrap(method="percentile")). */
  method: "percentile";
  resamples: number;
  seed: number;
}

/** Options of `bootstrapCi`. */
export interface BootstrapOptions {
  /** The statistic of one resample (default: the mean). */
  statistic?: (sample: Float64Array) => number;
  /** Confidence level in (0, 1); default 0.95. */
  level?: number;
  /** Number of resamples; default 2000. */
  resamples?: number;
  /** Seed for `rng`; default 0. */
  seed?: number;
}

const mean = (x: Float64Array): number => { let s = 0; for (let i = 0; i < x.length; i++) s += x[i]!; return s / x.length; };

/**
 * Percentile bootstrap confidence interval (Efron 1979; Efron & Tibshirani 1993 §13.3):
 * draw B resamples of size n with replacement (seeded `rng`), compute the statistic θ*_b on each,
 * and report the (1−level)/2 and (1+level)/2 quantiles of θ*_b (linear interpolation, as
 * numpy's percentile and scipy.stats.bootstrap(method="percentile")).
 */
export function bootstrapCi(values: ArrayLike<number>, options: BootstrapOptions = {}): BootstrapInterval {
  const x = toSample("bootstrapCi", "values", values);
  const level = options.level ?? 0.95;
  require_(typeof level === "number" && level > 0 && level < 1, "bootstrapCi", "level", level, "is not in (0, 1)", "pass a confidence level such as 0.95");
  const B = options.resamples ?? 2000;
  requireInteger("bootstrapCi", "resamples", B, 1);
  const seed = options.seed ?? 0;
  const stat = options.statistic ?? mean;
  const r = rng(seed);
  const n = x.length;
  const thetas = new Float64Array(B);
  const buf = new Float64Array(n);
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < n; i++) buf[i] = x[Math.floor(r.next() * n)]!;
    thetas[b] = stat(buf);
  }
  const alpha = (1 - level) / 2;
  return { estimate: stat(Float64Array.from(x)), low: quantile(thetas, alpha), high: quantile(thetas, 1 - alpha), level, method: "percentile", resamples: B, seed };
}
