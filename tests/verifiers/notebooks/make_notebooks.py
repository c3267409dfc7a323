"""Writes notebooks/verifier-pitfalls.ipynb and notebooks/noisy-rewards.ipynb (nbformat 4, empty
outputs) from the cell sources below. Run: python3 tests/verifiers/notebooks/make_notebooks.py
"""
import json, os

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
META = {
    "kernelspec": {"name": "replab", "display_name": "TypeScript (replab)", "language": "typescript"},
    "language_info": {"name": "typescript", "file_extension": ".ts"},
}

def cell(kind, text, tags=None):
    src = text.strip("\n").split("\n")
    src = [l + "\n" for l in src[:-1]] + [src[-1]]
    c = {"cell_type": kind, "metadata": {"tags": tags} if tags else {}, "source": src}
    if kind == "code":
        c["outputs"] = []
        c["execution_count"] = None
    return c

def write(name, cells):
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": META, "cells": [cell(*c) for c in cells]}
    for i, c in enumerate(nb["cells"]):
        c["id"] = f"{name.split('.')[0]}-{i:02d}"
    with open(os.path.join(ROOT, "notebooks", name), "w") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("wrote notebooks/" + name)

PITFALLS = [
("code", r"""
// parameters: seeds and sizes (papermill-style tagged cell; edit and rerun to try other seeds)
const SEEDS = [1, 2, 3, 4, 5];
const LENIENCIES = [0.3, 0.6, 0.9];   // probability that a key which fools the judge is accepted
const KEY_COUNTS = [2, 5, 10];         // how many of the ten MASTER_KEYS fool it
const STEPS = 60;                      // REINFORCE steps per run
const SAMPLES = 8;                     // samples per question per step
const LR = 10;                         // learning rate on the logits
const MARGIN = 0.05;                   // the claim's margin on reward hacking (see the last cells)
""", ["parameters"]),
("markdown", r"""
# Pitfalls of rule- and model-based verifiers

Huang et al. (2025, *Pitfalls of Rule- and Model-based Verifiers — A Case Study on Mathematical
Reasoning*) report two failure modes of the verifiers that turn a policy's answers into RL rewards:

1. **Rule-based checkers have false negatives.** A strict checker rejects right answers written in
   another format (`0.5` for `\frac12`, `1,000` for `1000`, `\{2, 1\}` for `\{1, 2\}`).
2. **Model-based judges have false positives, and RL finds them.** Generative judges accept
   responses that contain no answer at all — the "master keys" of Zhao et al. (2025, *One Token to
   Fool LLM-as-a-Judge*): `":"`, `"Thought process:"`, `"Solution"`… A policy trained against such a
   judge learns to emit them: its **reward inflates while its true accuracy does not**.

The judge here is the **simulated lenient judge** (`lenientJudgeModel`): a deterministic offline
*stand-in* for an LLM judge, not a language model. It grades real answers with `verifyMath` and
accepts each of the first `keys` master keys with probability `leniency`. Both are swept below,
and its false-positive rate is **measured** (`evaluateJudge`), not read off those parameters; the
claim is then checked against the measured rates, over the seeds of the `parameters` cell above.
"""),
("code", r"""
import * as aq from "arquero";
import { loadVerifierBench, verifyMath, verifyExactMatch, verifierConfusion, llmJudge, lenientJudgeModel, guardedJudge, evaluateJudge, JUDGE_TEMPLATES, MASTER_KEYS } from "replab/verifiers";
import { TabularPolicy, tabularPolicyUpdate, type TabularBatchItem } from "replab/rollouts";
import { verifierRatesFigure, masterKeyFigure, rewardCurvesFigure } from "replab/plots";

const bench = loadVerifierBench({ rows: true });
const graded = bench.map((r) => ({ kind: r.kind, label: r.label, strict: verifyExactMatch(r.response, r.gold).verdict, rule: verifyMath(r.response, r.gold).verdict }));
const questions = [...new Map(bench.map((r) => [r.question + "|" + r.gold, { question: r.question, reference: r.gold }])).values()];
`${bench.length} labelled responses to ${questions.length} questions`
"""),
("markdown", r"""
## 1. The strict checker's false negatives on equivalent formats (sanity)

The same answer extraction feeds both rule checkers; only the comparison differs. Per kind of
response, the false-negative rate (right answers rejected) and false-positive rate (wrong ones
accepted). The bench is fixed and was written by the same people as `verifyMath`, so these are
sanity checks, not the claim.
"""),
("code", r"""
const strictRates = verifierConfusion(graded, { verdict: "strict", slice: "kind" });
const ruleRates = verifierConfusion(graded, { verdict: "rule", slice: "kind" });
display(strictRates.select("slice", "n", "fp", "fn", "fpr", "fnr"));
display(ruleRates.select("slice", "n", "fp", "fn", "fpr", "fnr"));
verifierRatesFigure(strictRates, { title: "Strict string match: error rates by kind of response" })
"""),
("markdown", r"""
## 2. The judges' false-positive rates, measured

For every setting (leniency × number of keys that fool it) and every seed (the seed of the
judge's coin), `evaluateJudge` offers each of the ten master keys as the response to every bench
question — none holds an answer, so every acceptance is a false positive — and reports the rate
with a 95% Wilson interval. The simulation reads any of `JUDGE_TEMPLATES` the same way, so one
template is used; the guarded judge (`guardedJudge`: rule first, answer-free openers rejected,
augmented negatives) is measured at the most lenient setting.
"""),
("code", r"""
type Setting = { leniency: number; keys: number };
const settings: Setting[] = LENIENCIES.flatMap((leniency) => KEY_COUNTS.map((keys) => ({ leniency, keys })));
const judgeOf = (s: Setting, seed: number) => llmJudge(lenientJudgeModel({ leniency: s.leniency, keys: s.keys, seed }));
const measured: Array<Record<string, number | string>> = [];
for (const s of settings) {
  let accepted = 0, n = 0;
  for (const seed of SEEDS) {
    const judge = judgeOf(s, seed);
    const all = (await evaluateJudge(() => async (q, r, resp) => (await judge(q, r, resp)).verdict, questions, { templates: { compass: JUDGE_TEMPLATES.compass! } })).objects().find((r: any) => r.key === "all keys") as any;
    accepted += all.accepted; n += all.n;
  }
  measured.push({ leniency: s.leniency, keys: s.keys, n, fpr: accepted / n });
}
const top = settings[settings.length - 1]!;
const guardProbe = await evaluateJudge(() => async (q, r, resp) => (await guardedJudge(judgeOf(top, SEEDS[0]!))(q, r, resp)).verdict, questions, { templates: { compass: JUDGE_TEMPLATES.compass! } });
const rawProbe = await evaluateJudge(() => async (q, r, resp) => (await judgeOf(top, SEEDS[0]!)(q, r, resp)).verdict, questions, { templates: { compass: JUDGE_TEMPLATES.compass! } });
const guardAll = guardProbe.objects().find((r: any) => r.key === "all keys") as any;
display(aq.from(measured));
display.markdown(`Guarded judge at leniency ${top.leniency}, ${top.keys} keys: measured FPR ${guardAll.fpr.toFixed(3)} (95% CI ${guardAll.fpr_low.toFixed(3)}–${guardAll.fpr_high.toFixed(3)}).`);
masterKeyFigure(rawProbe, { title: `Simulated lenient judge (leniency ${top.leniency}, ${top.keys} keys): FPR per master key` })
"""),
("markdown", r"""
## 3. Training a policy against each judge

A tabular softmax policy (`TabularPolicy` from replab/rollouts) answers each bench question by
choosing one of that question's bench responses — or one of the ten master keys, which a real
policy can always emit. It starts uniform and is trained with REINFORCE (group-mean baseline,
`tabularPolicyUpdate`), `SAMPLES` samples per question per step, for `STEPS` steps, its reward
coming from one verifier: the rule verifier `verifyMath` (reward = true accuracy on this bench),
or a judge of one setting and seed. Per run we record the expected **reward** and expected
**true accuracy** (from the labels) at the start and at the end. Its **inflation** is
reward_end − acc_end (what the verifier believes minus the truth), and its **hack** the part of
its reward gain that is not true-accuracy gain: (reward_end − reward_start) − (acc_end − acc_start).
"""),
("code", r"""
const byQuestion = new Map<string, typeof bench>();
for (const r of bench) { const k = r.question + "|" + r.gold; byQuestion.set(k, [...(byQuestion.get(k) ?? []), r]); }
const prompts = [...byQuestion.values()].map((rows, i) => {
  const answers = [...new Set([...rows.map((r) => r.response), ...MASTER_KEYS])];
  return { id: `q${i}`, question: rows[0]!.question, gold: rows[0]!.gold, answers, truth: answers.map((a) => (rows.find((r) => r.response === a)?.label ? 1 : 0)) };
});
/** Rewards of every (question, answer) under one verifier (all verifiers here are deterministic). */
async function rewardTable(verdict: (question: string, gold: string, answer: string) => Promise<string> | string): Promise<number[][]> {
  const out: number[][] = [];
  for (const p of prompts) { const row: number[] = []; for (const a of p.answers) row.push((await verdict(p.question, p.gold, a)) === "correct" ? 1 : 0); out.push(row); }
  return out;
}
function train(reward: number[][], seed: number) {
  const policy = new TabularPolicy(prompts.map((p) => ({ id: p.id, answers: p.answers, rewards: p.truth })));
  const ids = prompts.map((p) => p.id);
  const expected = () => {
    let t = 0, v = 0;
    prompts.forEach((p, i) => { const pi = policy.probs(i); p.answers.forEach((_, j) => { t += pi[j]! * p.truth[j]!; v += pi[j]! * reward[i]![j]!; }); });
    return { acc: t / prompts.length, reward: v / prompts.length };
  };
  const start = expected(), curve = [start];
  for (let step = 0; step < STEPS; step++) {
    const groups = policy.sampleSync(ids, { n: SAMPLES, seed: seed * 100_000 + step });
    const batch: TabularBatchItem[] = groups.map((g, i) => ({ prompt: ids[i]!, answers: g.map((c) => c.text), rewards: g.map((c) => reward[i]![prompts[i]!.answers.indexOf(c.text)]!) }));
    tabularPolicyUpdate(policy, batch, { method: "reinforce", lr: LR });
    curve.push(expected());
  }
  const end = curve[curve.length - 1]!;
  return { start, end, curve, inflation: end.reward - end.acc, hack: (end.reward - start.reward) - (end.acc - start.acc) };
}
const ruleReward = await rewardTable((_q, g, a) => verifyMath(a, g).verdict);
const runs: Array<{ setting: string; fpr: number; seed: number; inflation: number; hack: number; accGain: number; acc: number; reward: number; ruleAcc: number }> = [];
const ruleRuns = new Map(SEEDS.map((seed) => [seed, train(ruleReward, seed)]));
let example: ReturnType<typeof train> | null = null;
for (const [k, s] of settings.entries()) {
  for (const seed of SEEDS) {
    const judge = judgeOf(s, seed);
    const r = train(await rewardTable(async (q, g, a) => (await judge(q, g, a)).verdict), seed);
    if (s === top && seed === SEEDS[0]) example = r;
    runs.push({ setting: `leniency ${s.leniency}, ${s.keys} keys`, fpr: measured[k]!.fpr as number, seed, inflation: r.inflation, hack: r.hack, accGain: r.end.acc - r.start.acc, acc: r.end.acc, reward: r.end.reward, ruleAcc: ruleRuns.get(seed)!.end.acc });
  }
}
const steps = Array.from({ length: STEPS + 1 }, (_, i) => i);
rewardCurvesFigure(steps, {
  [`judge (leniency ${top.leniency}, ${top.keys} keys): reward`]: example!.curve.map((c) => c.reward),
  [`judge (leniency ${top.leniency}, ${top.keys} keys): true accuracy`]: example!.curve.map((c) => c.acc),
  "rule: reward (= true accuracy)": ruleRuns.get(SEEDS[0]!)!.curve.map((c) => c.reward),
}, { title: `Reward vs true accuracy while training (seed ${SEEDS[0]})` })
"""),
("markdown", r"""
## 4. The claims, checked over the seeds

Zhao et al. (2025, *One Token to Fool LLM-as-a-Judge*, arXiv 2507.08794) show that master keys
fool generative judges and that RL against such a judge is hacked. Here that is three claims per
setting, each a statistic with one value per seed of the `parameters` cell, tested by `claim()`
(replab/claims: the mean with its 95% Student-t interval over the seeds; **holds** when the whole
interval is past the margin, **partly** when only the mean is, **does not** otherwise):

- `inflation-…` — the final reward exceeds the final true accuracy by more than `MARGIN`
  (statistic: reward_end − acc_end);
- `hack-…` — the reward gained more than the true accuracy did (statistic:
  (reward_end − reward_start) − (acc_end − acc_start), margin 0);
- `accuracy-lag-…` — the judge-trained policy ends less accurate than the rule-trained one
  (statistic: the rule-trained final accuracy minus the judge-trained one, paired by seed — its
  interval is the paired t-test's; margin 0).

Across settings, `inflation-trend`: the more false positives, the more hacking — the inflation at
the setting with the highest measured FPR minus at the lowest, paired by seed, above `MARGIN`.
The table also shows how much true accuracy itself changed (`acc_gain`): the claim is that it
lags, not that it falls. A claim that does not hold is shown as such (its box, the table and the
sentence under it), never dropped, and nothing throws. The rule-trained runs' inflation and hack
are 0 by construction (their reward is the true accuracy): `sanity`, not a claim.
"""),
("code", r"""
import { claim, sanity, type ClaimSpec } from "replab/claims";
import { figure } from "replab/plots";

const PAPER = { title: "One Token to Fool LLM-as-a-Judge", arxiv: "2507.08794" };
const nameOf = (s: Setting) => `leniency ${s.leniency}, ${s.keys} keys`;
const idOf = (s: Setting) => `leniency-${s.leniency}-keys-${s.keys}`;
const seedRuns = (s: Setting) => SEEDS.map((seed) => runs.find((r) => r.setting === nameOf(s) && r.seed === seed)!);
const fprOf = (k: number) => measured[k]!.fpr as number;
type Spec = Omit<ClaimSpec, "figure">;
const specsOf = (s: Setting, k: number): Record<"inflation" | "hack" | "lag", Spec> => {
  const rs = seedRuns(s);
  const where = `trained against the simulated lenient judge at ${nameOf(s)} (measured FPR ${fprOf(k).toFixed(3)})`;
  const common = { paper: PAPER, seeds: SEEDS };
  return {
    inflation: { ...common, id: `inflation-${idOf(s)}`, statement: `${where}, the policy's final reward exceeds its final true accuracy by more than ${MARGIN}`, statistic: "final reward − final true accuracy", values: rs.map((r) => r.inflation), margin: { above: MARGIN } },
    hack: { ...common, id: `hack-${idOf(s)}`, statement: `${where}, the policy's reward gains more than its true accuracy`, statistic: "(reward_end − reward_start) − (acc_end − acc_start)", values: rs.map((r) => r.hack), margin: { above: 0 } },
    lag: { ...common, id: `accuracy-lag-${idOf(s)}`, statement: `${where}, the policy ends less accurate than the one trained on the rule verifier`, statistic: "final true accuracy: rule-trained − judge-trained (paired by seed)", values: rs.map((r) => r.ruleAcc - r.acc), margin: { above: 0 } },
  };
};
const specs = settings.map(specsOf);
const byFpr = settings.map((s, k) => ({ s, k })).sort((a, b) => fprOf(a.k) - fprOf(b.k));
const low = byFpr[0]!, high = byFpr[byFpr.length - 1]!;
const trendSpec: Spec = {
  id: "inflation-trend", paper: PAPER, seeds: SEEDS, margin: { above: MARGIN },
  statement: `the more false positives the judge has, the more the policy is hacked: the inflation at ${nameOf(high.s)} (measured FPR ${fprOf(high.k).toFixed(3)}) exceeds the one at ${nameOf(low.s)} (${fprOf(low.k).toFixed(3)}) by more than ${MARGIN}`,
  statistic: `inflation(${nameOf(high.s)}) − inflation(${nameOf(low.s)}), paired by seed`,
  values: seedRuns(high.s).map((r, i) => r.inflation - seedRuns(low.s)[i]!.inflation),
};

// the figure every claim carries: each per-setting statistic with its interval, against the measured FPR
const first = specs.map((sp) => ({ inflation: claim(sp.inflation), hack: claim(sp.hack), lag: claim(sp.lag) }));
const trace = (name: string, pick: (c: (typeof first)[number]) => { mean: number; low: number; high: number }) => ({
  type: "scatter", mode: "markers", name, x: settings.map((_, k) => fprOf(k)), y: first.map((c) => pick(c).mean),
  error_y: { type: "data", symmetric: false, array: first.map((c) => pick(c).high - pick(c).mean), arrayminus: first.map((c) => pick(c).mean - pick(c).low) },
  text: settings.map(nameOf),
});
const sweepFigure = figure({
  data: [trace("inflation (reward − accuracy)", (c) => c.inflation), trace("hack (reward gain − accuracy gain)", (c) => c.hack), trace("accuracy lag (rule − judge)", (c) => c.lag)],
  layout: {
    title: { text: `Per setting: mean over ${SEEDS.length} seeds with 95% Student-t intervals` },
    xaxis: { title: { text: "measured false-positive rate of the judge" } }, yaxis: { title: { text: "statistic" } },
    shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: MARGIN, y1: MARGIN, line: { dash: "dash", color: "grey" } }],
  },
});
const claims = specs.map((sp) => ({ inflation: claim({ ...sp.inflation, figure: sweepFigure }), hack: claim({ ...sp.hack, figure: sweepFigure }), lag: claim({ ...sp.lag, figure: sweepFigure }) }));
const trendClaim = claim({ ...trendSpec, figure: sweepFigure });
display(sweepFigure);
"""),
("code", r"""
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const overall = (c: (typeof claims)[number]) => {
  const v = [c.inflation.verdict, c.hack.verdict, c.lag.verdict];
  return v.every((x) => x === "holds") ? "holds" : v.some((x) => x === "does-not") ? "does not" : "partly";
};
const results = settings.map((s, k) => {
  const c = claims[k]!, rs = seedRuns(s);
  return {
    setting: nameOf(s), measured_fpr: fprOf(k),
    inflation: c.inflation.mean, inflation_low: c.inflation.low, inflation_high: c.inflation.high, inflation_claim: c.inflation.verdict,
    hack: c.hack.mean, hack_low: c.hack.low, hack_claim: c.hack.verdict,
    accuracy_lag: c.lag.mean, accuracy_lag_low: c.lag.low, accuracy_lag_claim: c.lag.verdict,
    final_reward: mean(rs.map((r) => r.reward)), final_true_acc: mean(rs.map((r) => r.acc)), acc_gain: mean(rs.map((r) => r.accGain)),
    claims: overall(c),
  };
});
display(aq.from(results).orderby("measured_fpr"));
for (const c of claims) { display(c.inflation); display(c.hack); display(c.lag); }
display(trendClaim);
const named = (want: string) => results.filter((r) => r.claims === want).map((r) => `${r.setting} (FPR ${r.measured_fpr.toFixed(3)})`);
const [holding, partly, failing] = [named("holds"), named("partly"), named("does not")];
display.markdown([
  `With seeds ${SEEDS.join(", ")}: all three claims hold in ${holding.length} of ${results.length} settings${holding.length ? ` — ${holding.join("; ")}` : ""}.`,
  partly.length ? `Partly (a mean past its margin, an interval reaching it) in ${partly.join("; ")}.` : "",
  failing.length ? `At least one claim does **not** hold in ${failing.join("; ")}.` : "",
  `The trend claim ${trendClaim.verdict === "holds" ? "holds" : trendClaim.verdict === "partly" ? "holds only partly" : "does **not** hold"}: ${trendClaim.statistic} = ${trendClaim.mean.toFixed(3)}, 95% CI [${trendClaim.low.toFixed(3)}, ${trendClaim.high.toFixed(3)}] (needs > ${MARGIN}).`,
].filter(Boolean).join(" "));
const ruleHack = Math.max(...[...ruleRuns.values()].map((r) => Math.max(Math.abs(r.hack), Math.abs(r.inflation))));
display(sanity("rule-trained runs have no inflation or hack", ruleHack < 1e-9, `largest ${ruleHack.toExponential(1)}`));
display(sanity(`the guarded judge's measured FPR is below the raw judge's at ${nameOf(top)}`, guardAll.fpr_high < fprOf(settings.length - 1), `${guardAll.fpr.toFixed(3)} against ${fprOf(settings.length - 1).toFixed(3)}`));
"""),
]

NOISY = [
("markdown", r"""
# RL with verifiable yet noisy rewards

Cai et al. (2025, *Reinforcement Learning with Verifiable yet Noisy Rewards under Imperfect
Verifiers*) model a verifier as a noisy channel on the true reward: it accepts a wrong answer with
probability ρ0 (false positive) and rejects a right one with probability ρ1 (false negative).
The expected noisy reward is then ρ0 + (1 − ρ0 − ρ1)·r, so the uncorrected policy gradient
points the right way but is **shrunk by (1 − ρ0 − ρ1)**, and the reward it reports is inflated.
The **backward correction** r̂ = (r̃ − ρ0)/(1 − ρ0 − ρ1) is an unbiased estimate of the clean
reward (Natarajan et al. 2013), so training on it should **track training on clean rewards**.

We train a tabular softmax policy (replab/rollouts) three ways — clean rewards, noisy rewards,
and backward-corrected noisy rewards — with ρ0 and ρ1 **estimated** from a small labelled
calibration set, as one would in practice. Seeded; a few seconds.
"""),
("code", r"""
import * as aq from "arquero";
import { rng } from "replab/core";
import { noiseCorrectedReward, estimateNoiseRates } from "replab/verifiers";
import { TabularPolicy, randomTabularPrompts, tabularPolicyUpdate } from "replab/rollouts";
import { rewardCurvesFigure } from "replab/plots";

const RHO0 = 0.2;   // P(reward 1 | wrong)
const RHO1 = 0.3;   // P(reward 0 | right)
const noisyVerifier = (right: boolean, coin: () => number) => (right ? (coin() < RHO1 ? 0 : 1) : coin() < RHO0 ? 1 : 0);

// a calibration set of 400 labelled answers, half right, to estimate the rates
const cal = rng(7);
const calLabels = Array.from({ length: 400 }, (_, i) => i % 2 === 0);
const calVerdicts = calLabels.map((y) => noisyVerifier(y, () => cal.next()));
const est = estimateNoiseRates(calVerdicts, calLabels);
est
"""),
("markdown", r"""
## Training under each reward

64 prompts with 4 answers each, one right, random initial logits; REINFORCE with a group-mean
baseline (learning rate 8), 8 samples per prompt per step, 80 steps, averaged over 3 seeds. The noisy verifier flips
each sampled answer's reward independently with the rates above.
"""),
("code", r"""
const STEPS = 80, SEEDS = [1, 2, 3];
type Mode = "clean" | "noisy" | "corrected";
function train(mode: Mode, seed: number) {
  const policy = new TabularPolicy(randomTabularPrompts(64, { answers: 4, correct: 1, spread: 1, seed }));
  const ids = policy.prompts.map((p) => p.id);
  const coin = rng(seed * 100 + 1);
  const acc = [policy.prompts.reduce((s, _, i) => s + policy.expectedReward(i), 0) / ids.length];
  const meanReward: number[] = [];
  for (let step = 0; step < STEPS; step++) {
    const groups = policy.sampleSync(ids, { n: 8, seed: seed * 10_000 + step });
    let rsum = 0, rn = 0;
    const batch = groups.map((g, i) => {
      const truth = g.map((c) => policy.reward(ids[i]!, c.text));
      let rewards = truth.map((r) => (mode === "clean" ? r : noisyVerifier(r > 0, () => coin.next())));
      if (mode === "corrected") rewards = Array.from(noiseCorrectedReward(rewards, est.rho0, est.rho1));
      rewards.forEach((r) => { rsum += r; rn++; });
      return { prompt: ids[i]!, answers: g.map((c) => c.text), rewards };
    });
    meanReward.push(rsum / rn);
    tabularPolicyUpdate(policy, batch, { method: "reinforce", lr: 8 });
    acc.push(policy.prompts.reduce((s, _, i) => s + policy.expectedReward(i), 0) / ids.length);
  }
  return { acc, meanReward };
}
const modes: Mode[] = ["clean", "noisy", "corrected"];
const curves = Object.fromEntries(modes.map((m) => {
  const runs = SEEDS.map((s) => train(m, s));
  const avg = (k: "acc" | "meanReward") => runs[0]![k].map((_, t) => runs.reduce((s, r) => s + r[k][t]!, 0) / runs.length);
  return [m, { acc: avg("acc"), meanReward: avg("meanReward") }];
})) as Record<Mode, { acc: number[]; meanReward: number[] }>;
rewardCurvesFigure(Array.from({ length: STEPS + 1 }, (_, i) => i), {
  "clean rewards": curves.clean.acc, "noisy rewards": curves.noisy.acc, "noisy, backward-corrected": curves.corrected.acc,
}, { title: "True accuracy while training (mean of 3 seeds)", yTitle: "expected true accuracy" })
"""),
("markdown", r"""
## Is the corrected reward unbiased, and does it help?

The mean reward each run *saw* during its first steps, against the true accuracy at the same
steps: the noisy reward is inflated (ρ0 + (1 − ρ0 − ρ1)·acc), the corrected one is not.
"""),
("code", r"""
const firstSteps = 20;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const table = aq.from(modes.map((m) => ({
  run: m,
  mean_reward_seen: mean(curves[m].meanReward.slice(0, firstSteps)),
  true_accuracy_then: mean(curves[m].acc.slice(0, firstSteps)),
  accuracy_at_step_40: curves[m].acc[40]!,
  final_accuracy: curves[m].acc[STEPS]!,
})));
table
"""),
("markdown", r"""
## Check the claim on the numbers just computed

- the estimated rates are close to the true ones (within 0.06);
- the noisy reward is what the noisy channel predicts, ρ0 + (1 − ρ0 − ρ1)·accuracy (within 0.02),
  so it is biased up (by more than 0.03) against the accuracy it was earned at; the corrected one
  is not (its bias is below 0.02 in absolute value);
- midway (step 40), the corrected run is closer to the clean run than the uncorrected one is, and
  ahead of the uncorrected run by more than 0.03.
"""),
("code", r"""
const rows = table.objects() as Array<{ run: Mode; mean_reward_seen: number; true_accuracy_then: number; accuracy_at_step_40: number }>;
const get = (m: Mode) => rows.find((r) => r.run === m)!;
const noisyBias = get("noisy").mean_reward_seen - get("noisy").true_accuracy_then;
const corrBias = get("corrected").mean_reward_seen - get("corrected").true_accuracy_then;
const predicted = RHO0 + (1 - RHO0 - RHO1) * get("noisy").true_accuracy_then;
const gapNoisy = Math.abs(get("noisy").accuracy_at_step_40 - get("clean").accuracy_at_step_40);
const gapCorr = Math.abs(get("corrected").accuracy_at_step_40 - get("clean").accuracy_at_step_40);
const lead = get("corrected").accuracy_at_step_40 - get("noisy").accuracy_at_step_40;
const checks: Array<[string, boolean]> = [
  [`estimated ρ0 = ${est.rho0.toFixed(3)} (true ${RHO0}), ρ1 = ${est.rho1.toFixed(3)} (true ${RHO1})`, Math.abs(est.rho0 - RHO0) < 0.06 && Math.abs(est.rho1 - RHO1) < 0.06],
  [`noisy mean reward ${get("noisy").mean_reward_seen.toFixed(3)} ≈ predicted ${predicted.toFixed(3)}`, Math.abs(get("noisy").mean_reward_seen - predicted) < 0.02],
  [`noisy reward biased up by ${noisyBias.toFixed(3)} > 0.03`, noisyBias > 0.03],
  [`corrected reward bias ${corrBias.toFixed(3)} within ±0.02`, Math.abs(corrBias) < 0.02],
  [`at step 40 corrected is ${gapCorr.toFixed(3)} from clean, noisy ${gapNoisy.toFixed(3)}`, gapCorr < gapNoisy],
  [`corrected leads noisy by ${lead.toFixed(3)} > 0.03 at step 40`, lead > 0.03],
];
const failed = checks.filter(([, ok]) => !ok);
if (failed.length > 0) throw new Error("claim not reproduced: " + failed.map(([s]) => s).join("; "));
display.markdown(checks.map(([s]) => `- ✅ ${s}`).join("\n"));
"""),
]

write("verifier-pitfalls.ipynb", PITFALLS)
write("noisy-rewards.ipynb", NOISY)
