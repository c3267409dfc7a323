import { require_, requireInteger } from "../../core/errors.js";

/** Per-verifier rates an ensemble uses: TPR = P(vote 1 | right), FPR = P(vote 1 | wrong). */
export interface WeakVerifierRates { tpr: number; fpr: number }

/** Result of {@link weakVerifierEnsemble}. */
export interface WeakVerifierEnsemble {
  /** Posterior P(right | votes) per item. */
  posterior: Float64Array;
  /** posterior > 0.5. */
  decision: boolean[];
  /** Plain majority vote per item (ties → reject). */
  majority: boolean[];
  /** Estimated (or given) rates per verifier. */
  rates: WeakVerifierRates[];
  /** Estimated (or given) prior P(right). */
  prior: number;
  /** Naive-Bayes log-odds weight of a 1 vote and of a 0 vote, per verifier. */
  weights: Array<{ yes: number; no: number }>;
}

const clamp = (p: number, eps: number) => Math.min(1 - eps, Math.max(eps, p));

/**
 * Combines weak verifiers' binary votes (`votes[i][j]`: verifier j on item i) by naive-Bayes
 * log-odds: log P(right|v)/P(wrong|v) = log(π/(1−π)) + Σ_j [v_j·log(TPR_j/FPR_j) +
 * (1−v_j)·log((1−TPR_j)/(1−FPR_j))], verifiers assumed independent given the truth.
 * Without labels the rates come from agreement alone: start from the majority vote and refine
 * by EM (Dawid & Skene 1979, the one-coin-per-class model) for `iterations` rounds — the
 * unsupervised weighting Weaver (Saad-Falcon et al. 2025) builds on. With `rates` given they
 * are used as they are. Returned with the plain majority vote for comparison.
 */
export function weakVerifierEnsemble(votes: ReadonlyArray<ArrayLike<number | boolean>>, options: { rates?: WeakVerifierRates[]; prior?: number; iterations?: number } = {}): WeakVerifierEnsemble {
  const where = "weakVerifierEnsemble";
  require_(Array.isArray(votes) && votes.length > 0, where, "votes", votes, "is empty", "pass one row of 0/1 votes per item");
  const m = votes[0]!.length;
  require_(m > 0, where, "votes[0]", votes[0], "is empty", "pass at least one verifier's vote per item");
  const V = votes.map((row, i) => {
    require_(row.length === m, where, `votes[${i}]`, row, `has ${row.length} votes, not ${m}`, "give every item one vote per verifier");
    return Array.from(row as ArrayLike<number | boolean>, (v: number | boolean, j: number): number => {
      require_(v === 0 || v === 1 || v === true || v === false, where, `votes[${i}][${j}]`, v, "is not a 0/1 vote", "pass 0/1 or booleans");
      return v === 1 || v === true ? 1 : 0;
    });
  });
  const iterations = options.iterations ?? 20;
  requireInteger(where, "options.iterations", iterations, 0);
  const n = V.length;
  const majority = V.map((row) => row.reduce((a: number, b: number) => a + b, 0) * 2 > m);
  const eps = 1e-3;
  let rates: WeakVerifierRates[];
  let prior: number;
  const posterior = new Float64Array(n);
  const weightsOf = (r: WeakVerifierRates[]) => r.map(({ tpr, fpr }) => ({ yes: Math.log(clamp(tpr, eps) / clamp(fpr, eps)), no: Math.log((1 - clamp(tpr, eps)) / (1 - clamp(fpr, eps))) }));
  const infer = (r: WeakVerifierRates[], pi: number) => {
    const w = weightsOf(r);
    const base = Math.log(clamp(pi, eps) / (1 - clamp(pi, eps)));
    for (let i = 0; i < n; i++) {
      let lo = base;
      for (let j = 0; j < m; j++) lo += V[i]![j] ? w[j]!.yes : w[j]!.no;
      posterior[i] = 1 / (1 + Math.exp(-lo));
    }
    return w;
  };
  if (options.rates) {
    require_(options.rates.length === m, where, "options.rates", options.rates, `has ${options.rates.length} entries for ${m} verifiers`, "give one { tpr, fpr } per verifier");
    rates = options.rates.map((r) => ({ ...r }));
    prior = options.prior ?? 0.5;
  } else {
    // E-step seed: the majority vote as soft labels
    for (let i = 0; i < n; i++) posterior[i] = majority[i] ? 1 : 0;
    rates = [];
    prior = 0.5;
    for (let it = 0; it <= iterations; it++) {
      // M-step: rates and prior from the current soft labels
      let sp = 0;
      for (let i = 0; i < n; i++) sp += posterior[i]!;
      prior = options.prior ?? clamp(sp / n, eps);
      rates = Array.from({ length: m }, (_, j) => {
        let tp = 0, fp = 0;
        for (let i = 0; i < n; i++) { if (V[i]![j]) { tp += posterior[i]!; fp += 1 - posterior[i]!; } }
        return { tpr: (tp + 0.5) / (sp + 1), fpr: (fp + 0.5) / (n - sp + 1) };
      });
      if (it < iterations) infer(rates, prior);
    }
  }
  const weights = infer(rates, prior);
  return { posterior, decision: Array.from(posterior, (p) => p > 0.5), majority, rates, prior, weights };
}
