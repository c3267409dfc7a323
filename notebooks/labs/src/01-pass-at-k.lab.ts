// replab-lab: pass-at-k
// %% [markdown]
// # Lab 1 — Sampling and pass@k
//
// **Learning goals.** After this lab you can
// 1. say why the plug-in estimate 1 − (1 − c/n)^k of pass@k is biased, and compute the bias exactly;
// 2. implement the unbiased estimator of Chen et al. (2021) in a form that does not overflow;
// 3. read a pass@k curve, and explain what reinforcement learning with verifiable rewards (RLVR)
//    does to it: higher pass@1, but a *lower* pass@k at large k (Yue et al. 2025, "Does
//    Reinforcement Learning Really Incentivize Reasoning Capacity in LLMs Beyond the Base Model?").
//
// **How it works.** Each exercise is a cell with a `TODO`. Replace the TODO with your code, run the
// cell, then run the `check` cell after it: it says **pass**, or **not yet** with what is wrong and
// a hint. Nothing you write can break the checks — experiment freely.
// %%
import { passAtKLab, attempt, checkSummary, requireAllChecksPassed } from "replab/labs";
import { figure } from "replab/plots";
// %% [markdown]
// ## 1. pass@k and the naive estimate
//
// A model answers a problem correctly with probability p. Draw k answers: the chance that **at
// least one** is correct is
//
// $$\text{pass@}k = 1 - (1 - p)^k .$$
//
// We don't know p. We draw n ≥ k samples and see c correct ones. The obvious estimate plugs
// p̂ = c/n into the formula: $\widehat{\text{pass@}k}_{\text{naive}} = 1 - (1 - c/n)^k$.
//
// **Exercise 1.** Write `naivePassAtK(n, c, k)`.
// %%
function naivePassAtK(n: number, c: number, k: number): number {
  // BEGIN SOLUTION
  // TODO: return 1 − (1 − c/n)^k
  // STUB: throw new Error("TODO");
  return 1 - (1 - c / n) ** k;
  // END SOLUTION
}
// %%
await passAtKLab.checkNaiveEstimator(naivePassAtK);
// %% [markdown]
// ## 2. The unbiased estimator
//
// Chen et al. (2021) count, among all $\binom{n}{k}$ ways to pick k of the n samples, those with
// no correct sample: $\binom{n-c}{k}$. So
//
// $$\widehat{\text{pass@}k} = 1 - \frac{\binom{n-c}{k}}{\binom{n}{k}} = 1 - \prod_{i=n-c+1}^{n}\left(1 - \frac{k}{i}\right),$$
//
// which is exactly 1 when n − c < k (every k-subset holds a correct sample). Its expectation over
// the n draws is the true pass@k. The binomial coefficients overflow quickly
// ($\binom{1000}{500} \approx 10^{299}$), so use the product on the right.
//
// **Exercise 2.** Write `unbiasedPassAtK(n, c, k)`.
// %%
function unbiasedPassAtK(n: number, c: number, k: number): number {
  // BEGIN SOLUTION
  // TODO: 1 − ∏_{i=n−c+1}^{n} (1 − k/i), and 1 when n − c < k
  // STUB: throw new Error("TODO");
  if (n - c < k) return 1;
  let prod = 1;
  for (let i = n - c + 1; i <= n; i++) prod *= 1 - k / i;
  return 1 - prod;
  // END SOLUTION
}
// %%
await passAtKLab.checkUnbiasedEstimator(unbiasedPassAtK);
// %% [markdown]
// ## 3. How biased is the naive estimate?
//
// The number of correct samples is C ~ Binomial(n, p), so the expected value of any estimator f is
//
// $$\mathbb{E}[f(n, C, k)] = \sum_{c=0}^{n} \binom{n}{c} p^c (1-p)^{n-c} \, f(n, c, k).$$
//
// **Exercise 3.** Write `expectedEstimate(f, n, p, k)`. Compute $\binom{n}{c}$ with a running
// product (or in log space) so that n = 40 is no problem. The check also confirms that the
// unbiased estimator's expectation is the true pass@k.
// %%
function expectedEstimate(f: (n: number, c: number, k: number) => number, n: number, p: number, k: number): number {
  // BEGIN SOLUTION
  // TODO: Σ_c C(n,c) p^c (1−p)^(n−c) f(n, c, k)
  // STUB: throw new Error("TODO");
  let total = 0;
  let binom = 1; // C(n, c)
  for (let c = 0; c <= n; c++) {
    if (c > 0) binom = (binom * (n - c + 1)) / c;
    total += binom * p ** c * (1 - p) ** (n - c) * f(n, c, k);
  }
  return total;
  // END SOLUTION
}
// %%
await passAtKLab.checkEstimatorBias(expectedEstimate);
// %% [markdown]
// With your function, compare both estimators against the truth for a hard problem (p = 0.05)
// and n = 20 samples. The naive estimate is always low: 1 − (1 − x)^k is concave in x, so by
// Jensen's inequality its mean is below its value at the mean.
// %%
const biasRows = await attempt(() => [1, 2, 5, 10, 20].map((k) => ({
  k,
  truth: 1 - (1 - 0.05) ** k,
  naive: expectedEstimate(naivePassAtK, 20, 0.05, k),
  unbiased: expectedEstimate(unbiasedPassAtK, 20, 0.05, k),
})), "exercises 1–3");
biasRows;
// %% [markdown]
// ## 4. What RLVR does to the pass@k curve
//
// `passAtKLab.data()` is a seeded toy benchmark of 200 problems. The **base** model is a small
// tabular policy: for each problem, a softmax over 8 answers of which one is right. The answers
// come from a 24-answer vocabulary whose logits are shared by all problems, and one shared inverse
// temperature scales every logit — the ways a network's shared weights tie its problems together.
// The **RLVR** model is that base *trained* with the verifier's 0/1 reward: 100 steps of GRPO
// (`trainTabularPolicy`, which samples 8 answers per problem, scores them and calls
// `tabularPolicyUpdate`; Adam; a quarter of the problems per step — the recipe is
// `passAtKLab.training`). Nothing about the result is written in by hand: it is whatever the
// training does. We drew n = 128 answers per problem from each model and counted the right ones;
// from here on you only see the counts, as you would with real rollouts.
//
// **Exercise 4.** Write `meanCurve(correct, n, ks)`: for each k in `ks`, the mean over problems of
// `unbiasedPassAtK(n, c, k)`.
// %%
const data = passAtKLab.data(0);
passAtKLab.training;
// %%
function meanCurve(correct: number[], n: number, ks: number[]): number[] {
  // BEGIN SOLUTION
  // TODO: one number per k: the average of unbiasedPassAtK(n, c, k) over the counts c
  // STUB: throw new Error("TODO");
  return ks.map((k) => correct.reduce((sum, c) => sum + unbiasedPassAtK(n, c, k), 0) / correct.length);
  // END SOLUTION
}
// %%
await passAtKLab.checkRlvrCurves(meanCurve);
// %%
const curves = await attempt(() => ({ base: meanCurve(data.baseCorrect, data.n, data.ks), rlvr: meanCurve(data.rlvrCorrect, data.n, data.ks) }), "exercise 4");
curves && figure({
  data: [
    { x: data.ks, y: curves.base, name: "base", mode: "lines+markers" },
    { x: data.ks, y: curves.rlvr, name: "after RLVR", mode: "lines+markers" },
  ],
  layout: { title: { text: "pass@k: RLVR wins at small k, the base model at large k" }, xaxis: { title: { text: "k" }, type: "log" }, yaxis: { title: { text: "pass@k" }, range: [0, 1] } },
});
// %% [markdown]
// **Exercise 5.** Write `crossover(ks, base, rlvr)`: the smallest k at which the base model's
// pass@k is at least the RLVR model's, or `null` if that never happens.
// %%
function crossover(ks: number[], base: number[], rlvr: number[]): number | null {
  // BEGIN SOLUTION
  // TODO: the first ks[i] with base[i] ≥ rlvr[i], else null
  // STUB: throw new Error("TODO");
  for (let i = 0; i < ks.length; i++) if (base[i]! >= rlvr[i]!) return ks[i]!;
  return null;
  // END SOLUTION
}
// %%
await passAtKLab.checkCrossover(crossover);
// %% [markdown]
// **Think about it.** Which problems make the base model's curve keep rising at large k? What
// would you have to measure to tell "RLVR taught the model something new" from "RLVR made it pick
// what it already knew more often"? (`passAtKLab.policies(0)` gives you both policies, the base and the trained one:
// `base.correctProbability(i)` and `rlvr.correctProbability(i)` are the exact chances on problem i.)
// %% [markdown]
// ## Your progress
// %%
checkSummary("pass-at-k");
// %% tags=["solution-only"]
requireAllChecksPassed("pass-at-k");
// The lab's claim, on the numbers just computed: RLVR has the higher pass@1, the base model the higher pass@128.
if (!curves) throw new Error("the curves were not computed");
const last = data.ks.length - 1;
if (!(curves.rlvr[0]! > curves.base[0]! + 0.1)) throw new Error(`expected RLVR to raise pass@1 clearly: base ${curves.base[0]}, rlvr ${curves.rlvr[0]}`);
if (!(curves.base[last]! > curves.rlvr[last]! + 0.05)) throw new Error(`expected the base model to win at k=${data.ks[last]}: base ${curves.base[last]}, rlvr ${curves.rlvr[last]}`);
if (crossover(data.ks, curves.base, curves.rlvr) === null) throw new Error("expected the curves to cross");
`claim holds: pass@1 ${curves.base[0]!.toFixed(3)} → ${curves.rlvr[0]!.toFixed(3)}; pass@${data.ks[last]} ${curves.base[last]!.toFixed(3)} → ${curves.rlvr[last]!.toFixed(3)}`;
