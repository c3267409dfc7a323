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
  return percentileIntervals("bootstrapCi", [toSample("bootstrapCi", "values", values)], options)[0]!;
}

/**
 * {@link bootstrapCi} of several paired samples at once: index i of every sample is the same
 * unit (a problem, a seed), and each of the B resamples draws one set of unit indices that
 * serves every sample. Interval j equals `bootstrapCi(samples[j], options)` — the indices are
 * drawn once instead of once per sample. `where` names the calling function in errors.
 */
export function bootstrapCiMany(samples: readonly ArrayLike<number>[], options: BootstrapOptions = {}, where = "bootstrapCiMany"): BootstrapInterval[] {
  require_(Array.isArray(samples), where, "samples", samples, "is not an array of samples", "pass an array of equal-length arrays of numbers");
  const xs = samples.map((values, j) => toSample(where, `samples[${j}]`, values));
  for (let j = 1; j < xs.length; j++) require_(xs[j]!.length === xs[0]!.length, where, `samples[${j}]`, samples[j], `has length ${xs[j]!.length} but samples[0] has ${xs[0]!.length}`, "pass one value per unit in every sample");
  return percentileIntervals(where, xs, options);
}

/** The percentile intervals of equal-length checked samples, one index draw per resample (the draw order `bootstrapCi` has always had). */
function percentileIntervals(where: string, xs: readonly Float64Array[], options: BootstrapOptions): BootstrapInterval[] {
  const level = options.level ?? 0.95;
  require_(typeof level === "number" && level > 0 && level < 1, where, "level", level, "is not in (0, 1)", "pass a confidence level such as 0.95");
  const B = options.resamples ?? 2000;
  requireInteger(where, "resamples", B, 1);
  const seed = options.seed ?? 0;
  const stat = options.statistic ?? mean;
  const r = rng(seed);
  const n = xs.length > 0 ? xs[0]!.length : 0;
  const thetas = xs.map(() => new Float64Array(B));
  const idx = new Int32Array(n);
  const buf = new Float64Array(n);
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < n; i++) idx[i] = Math.floor(r.next() * n);
    for (let j = 0; j < xs.length; j++) {
      const x = xs[j]!;
      for (let i = 0; i < n; i++) buf[i] = x[idx[i]!]!;
      thetas[j]![b] = stat(buf);
    }
  }
  const alpha = (1 - level) / 2;
  return xs.map((x, j) => ({ estimate: stat(Float64Array.from(x)), low: quantile(thetas[j]!, alpha), high: quantile(thetas[j]!, 1 - alpha), level, method: "percentile" as const, resamples: B, seed }));
}
