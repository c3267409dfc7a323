import * as aq from "arquero";
import { isArqueroTable, require_, requireInteger } from "../../core/index.js";
import { normalPpf } from "../../stats/index.js";
import { problemCounts } from "./group-rows.js";

/** Bayes@N's posterior summary of a policy's success rate, with avg@N beside it. */
export interface BayesAtN {
  /** Posterior mean μ of the success rate averaged over problems. */
  mean: number;
  /** Posterior standard deviation σ. */
  sd: number;
  /** The central credible interval μ ± z·σ (z = Φ⁻¹(½ + level/2)), clipped to [0, 1]. */
  low: number;
  high: number;
  level: number;
  /** avg@N: the share of correct samples, the mean over problems of c/N. */
  avg: number;
  /** σ on the avg@N scale, (T/N)·σ (Hariri et al., eq. 20). */
  avgSd: number;
  /** M problems, N samples each, D prior outcomes each. */
  problems: number;
  samples: number;
  priorSamples: number;
}

/** Options for {@link bayesAtN}. */
export interface BayesAtNOptions {
  /** Credibility of the interval (default 0.95). */
  level?: number;
  /** Prior outcomes per problem: `samples` D earlier trials of which `correct[α]` succeeded (default none: the uniform prior). */
  prior?: { correct: ArrayLike<number>; samples: number };
  /** Table form: the prompt column (default "prompt_id"). */
  promptColumn?: string;
  /** Table form: the correctness column (default "reward"). */
  correctColumn?: string;
}

/**
 * Bayes@N (Hariri, Samandar, Hinczewski & Chaudhary, "Don't Pass@k: A Bayesian Framework for
 * Large Language Model Evaluation", ICLR 2026; mohsenhariri/scorio `bayes`, binary outcomes):
 * each problem α's success rate gets a Beta posterior from a uniform prior, its D prior outcomes
 * (c0 correct) and its N samples (c correct): ν_α = c_α + c0_α + 1, T = 2 + D + N,
 * μ = (1/M) Σ_α ν_α/T, σ² = Σ_α [ν_α/T − (ν_α/T)²] / (M²(T + 1)); the interval is μ ± z·σ,
 * z = Φ⁻¹(½ + level/2), clipped to [0, 1] (scorio's `bayes_ci` with bounds (0, 1)). With the
 * uniform prior μ ranks policies as avg@N does, and σ says when a gap is noise.
 *
 * Pass a rollout table (one row per sample; `promptColumn`, `correctColumn`) or the correct
 * counts per problem and N. Every problem must have the same N samples.
 */
export function bayesAtN(table: aq.ColumnTable, options?: BayesAtNOptions): BayesAtN;
export function bayesAtN(correct: ArrayLike<number>, n: number, options?: BayesAtNOptions): BayesAtN;
export function bayesAtN(input: aq.ColumnTable | ArrayLike<number>, nOrOptions?: number | BayesAtNOptions, maybeOptions?: BayesAtNOptions): BayesAtN {
  const where = "bayesAtN";
  const { counts, n, options } = countsOf(where, input, nOrOptions, maybeOptions);
  const level = options.level ?? 0.95;
  require_(typeof level === "number" && level > 0 && level < 1, where, "level", level, "is not in (0, 1)", "pass a credibility such as 0.95");
  const M = counts.length;
  let D = 0;
  let prior: ArrayLike<number> | null = null;
  if (options.prior !== undefined) {
    D = options.prior.samples;
    requireInteger(where, "prior.samples", D, 0);
    prior = options.prior.correct;
    require_(prior && prior.length === M, where, "prior.correct", prior, `does not hold one count per problem (${M})`, "give each problem its number of correct prior outcomes");
    for (let a = 0; a < M; a++) {
      requireInteger(where, `prior.correct[${a}]`, prior[a], 0);
      require_(prior[a]! <= D, where, `prior.correct[${a}]`, prior[a], `exceeds prior.samples=${D}`, "count correct prior outcomes among the D");
    }
  }
  const T = 2 + D + n;
  let sumP = 0, sumVar = 0, sumC = 0;
  for (let a = 0; a < M; a++) {
    const p = (counts[a]! + (prior ? prior[a]! : 0) + 1) / T;
    sumP += p; sumVar += p - p * p; sumC += counts[a]!;
  }
  const mean = sumP / M;
  const sd = Math.sqrt(sumVar / (M * M * (T + 1)));
  const z = normalPpf(0.5 + 0.5 * level);
  const clip = (x: number) => Math.min(Math.max(x, 0), 1);
  return { mean, sd, low: clip(mean - z * sd), high: clip(mean + z * sd), level, avg: sumC / (M * n), avgSd: (T / n) * sd, problems: M, samples: n, priorSamples: D };
}

/**
 * avg@N: the share of correct samples, (1/M) Σ_α c_α/N — pass@1 estimated from N samples per
 * problem. A rollout table (problems may have different sample counts: the mean of c_α/n_α) or
 * the correct counts per problem and N.
 */
export function avgAtN(table: aq.ColumnTable, options?: Pick<BayesAtNOptions, "promptColumn" | "correctColumn">): number;
export function avgAtN(correct: ArrayLike<number>, n: number): number;
export function avgAtN(input: aq.ColumnTable | ArrayLike<number>, nOrOptions?: number | Pick<BayesAtNOptions, "promptColumn" | "correctColumn">): number {
  if (isArqueroTable(input)) {
    const o = (nOrOptions ?? {}) as BayesAtNOptions;
    const pc = problemCounts("avgAtN", input, o.promptColumn ?? "prompt_id", o.correctColumn ?? "reward");
    return pc.reduce((s, p) => s + p.c / p.n, 0) / pc.length;
  }
  const { counts, n } = countsOf("avgAtN", input, nOrOptions, undefined);
  let s = 0;
  for (let a = 0; a < counts.length; a++) s += counts[a]!;
  return s / (counts.length * n);
}

function countsOf(where: string, input: aq.ColumnTable | ArrayLike<number>, nOrOptions: number | BayesAtNOptions | undefined, maybeOptions: BayesAtNOptions | undefined): { counts: ArrayLike<number>; n: number; options: BayesAtNOptions } {
  if (isArqueroTable(input)) {
    const options = (nOrOptions ?? {}) as BayesAtNOptions;
    const pc = problemCounts(where, input, options.promptColumn ?? "prompt_id", options.correctColumn ?? "reward");
    const n = pc[0]!.n;
    const odd = pc.find((p) => p.n !== n);
    require_(odd === undefined, where, "table", input, `has ${odd?.n} samples for prompt ${String(odd?.id)} but ${n} for ${String(pc[0]!.id)}`, "sample the same number N of completions for every prompt");
    return { counts: pc.map((p) => p.c), n, options };
  }
  const n = nOrOptions as number;
  requireInteger(where, "n", n, 1);
  require_(input !== null && input !== undefined && typeof input.length === "number" && input.length > 0, where, "correct", input, "is not a non-empty array of counts", "pass each problem's number of correct samples");
  for (let a = 0; a < input.length; a++) {
    requireInteger(where, `correct[${a}]`, input[a], 0);
    require_(input[a]! <= n, where, `correct[${a}]`, input[a], `exceeds n=${n} samples`, "count correct samples among the n");
  }
  return { counts: input, n, options: maybeOptions ?? {} };
}
