"""Writes notebooks/verifier-pitfalls.ipynb and notebooks/noisy-rewards.ipynb (nbformat 4, empty
outputs) from the cell sources below. Run: python3 tests/verifiers/notebooks/make_notebooks.py
"""
import json, os

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
META = {
    "kernelspec": {"name": "replab", "display_name": "TypeScript (replab)", "language": "typescript"},
    "language_info": {"name": "typescript", "file_extension": ".ts"},
}

def cell(kind, text):
    src = text.strip("\n").split("\n")
    src = [l + "\n" for l in src[:-1]] + [src[-1]]
    c = {"cell_type": kind, "metadata": {}, "source": src}
    if kind == "code":
        c["outputs"] = []
        c["execution_count"] = None
    return c

def write(name, cells):
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": META, "cells": [cell(k, t) for k, t in cells]}
    for i, c in enumerate(nb["cells"]):
        c["id"] = f"{name.split('.')[0]}-{i:02d}"
    with open(os.path.join(ROOT, "notebooks", name), "w") as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("wrote notebooks/" + name)

PITFALLS = [
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

We check both on `datasets/verifier-bench` (300 labelled responses, every label justified), with a
strict string-match checker, replab's rule verifier `verifyMath`, and the **lenient judge model** —
a deterministic offline *stand-in* for an LLM judge that behaves the way the paper reports
(it is not a language model). Then we train a tabular softmax policy (replab/rollouts) against each
verifier and watch reward and true accuracy. Everything is seeded and runs in seconds.
"""),
("code", r"""
import * as aq from "arquero";
import { loadVerifierBench, verifyMath, verifyExactMatch, verifierConfusion, llmJudge, lenientJudgeModel, masterKeyProbe, MASTER_KEYS, rewardInflation } from "replab/verifiers";
import { TabularPolicy, tabularPolicyUpdate, type TabularBatchItem } from "replab/rollouts";
import { verifierRatesFigure, masterKeyFigure, rewardCurvesFigure } from "replab/plots";

const bench = loadVerifierBench({ rows: true });
const judge = llmJudge(lenientJudgeModel({ leniency: 0.9, seed: 0 }));
const graded: Array<Record<string, unknown>> = [];
for (const r of bench) {
  graded.push({
    kind: r.kind, label: r.label,
    strict: verifyExactMatch(r.response, r.gold).verdict,
    rule: verifyMath(r.response, r.gold).verdict,
    judge: (await judge(r.question, r.gold, r.response)).verdict,
  });
}
aq.from(graded).groupby("kind").count().objects()
"""),
("markdown", r"""
## 1. The strict checker's false negatives on equivalent formats

The same answer extraction feeds both rule checkers; only the comparison differs. Per kind of
response, the false-negative rate (right answers rejected) and false-positive rate (wrong ones
accepted):
"""),
("code", r"""
const strictRates = verifierConfusion(graded, { verdict: "strict", slice: "kind" });
const ruleRates = verifierConfusion(graded, { verdict: "rule", slice: "kind" });
display(strictRates.select("slice", "n", "fp", "fn", "fpr", "fnr"));
display(ruleRates.select("slice", "n", "fp", "fn", "fpr", "fnr"));
verifierRatesFigure(strictRates, { title: "Strict string match: error rates by kind of response" })
"""),
("markdown", r"""
## 2. The lenient judge's false positives on master keys

The master-key probe offers each of the ten keys as the response to every bench question. None
holds an answer, so every acceptance is a false positive.
"""),
("code", r"""
const questions = [...new Map(bench.map((r) => [r.question + "|" + r.gold, { question: r.question, reference: r.gold }])).values()];
const probe = await masterKeyProbe(async (q, ref, resp) => (await judge(q, ref, resp)).verdict, questions);
const judgeRates = verifierConfusion(graded, { verdict: "judge", slice: "kind" });
display(judgeRates.select("slice", "n", "fp", "fn", "fpr", "fnr"));
masterKeyFigure(probe, { title: "Lenient judge: false-positive rate per master key" })
"""),
("markdown", r"""
## 3. Reward inflation when a policy is trained against each verifier

A tabular softmax policy (`TabularPolicy` from replab/rollouts) answers each of the bench's
questions by choosing one of that question's bench responses — or one of the ten master keys,
which a real policy can always emit. It starts uniform and is trained with REINFORCE (group-mean
baseline, learning rate 10, `tabularPolicyUpdate`), 8 samples per question per step, its reward coming from one
verifier. We log the policy's expected **verifier reward** and its expected **true accuracy**
(from the labels) after every step; their difference is the reward inflation.
"""),
("code", r"""
type Verifier = "strict" | "rule" | "judge";
const byQuestion = new Map<string, typeof bench>();
for (const r of bench) { const k = r.question + "|" + r.gold; byQuestion.set(k, [...(byQuestion.get(k) ?? []), r]); }
const prompts: Array<{ id: string; question: string; gold: string; answers: string[]; truth: number[] }> = [];
for (const [k, rows] of byQuestion) {
  const answers = [...new Set([...rows.map((r) => r.response), ...MASTER_KEYS])];
  const truth = answers.map((a) => (rows.find((r) => r.response === a)?.label ? 1 : 0));
  prompts.push({ id: `q${prompts.length}`, question: rows[0]!.question, gold: rows[0]!.gold, answers, truth });
}
// every verifier's reward for every (question, answer), computed once (all three are deterministic)
const reward: Record<Verifier, Map<string, number>> = { strict: new Map(), rule: new Map(), judge: new Map() };
for (const p of prompts) for (const a of p.answers) {
  reward.strict.set(p.id + "\u0000" + a, verifyExactMatch(a, p.gold).verdict === "correct" ? 1 : 0);
  reward.rule.set(p.id + "\u0000" + a, verifyMath(a, p.gold).verdict === "correct" ? 1 : 0);
  reward.judge.set(p.id + "\u0000" + a, (await judge(p.question, p.gold, a)).verdict === "correct" ? 1 : 0);
}
`${prompts.length} questions, ${prompts.reduce((s, p) => s + p.answers.length, 0)} (question, answer) pairs`
"""),
("code", r"""
const STEPS = 120;
function train(verifier: Verifier) {
  const policy = new TabularPolicy(prompts.map((p) => ({ id: p.id, answers: p.answers, rewards: p.truth })), { name: verifier });
  const ids = prompts.map((p) => p.id);
  const trueAcc: number[] = [], verifierReward: number[] = [];
  const measure = () => {
    let t = 0, v = 0;
    prompts.forEach((p, i) => {
      const pi = policy.probs(i);
      p.answers.forEach((a, j) => { t += pi[j]! * p.truth[j]!; v += pi[j]! * reward[verifier].get(p.id + "\u0000" + a)!; });
    });
    trueAcc.push(t / prompts.length); verifierReward.push(v / prompts.length);
  };
  measure();
  for (let step = 0; step < STEPS; step++) {
    const groups = policy.sampleSync(ids, { n: 8, seed: 1000 + step });
    const batch: TabularBatchItem[] = groups.map((g, i) => ({
      prompt: ids[i]!, answers: g.map((c) => c.text), rewards: g.map((c) => reward[verifier].get(ids[i]! + "\u0000" + c.text)!),
    }));
    tabularPolicyUpdate(policy, batch, { method: "reinforce", lr: 10 });
    measure();
  }
  return { trueAcc, verifierReward };
}
const runs = { strict: train("strict"), rule: train("rule"), judge: train("judge") };
const steps = Array.from({ length: STEPS + 1 }, (_, i) => i);
rewardCurvesFigure(steps, {
  "judge: reward": runs.judge.verifierReward, "judge: true accuracy": runs.judge.trueAcc,
  "rule: reward (= true accuracy)": runs.rule.verifierReward,
  "strict: reward": runs.strict.verifierReward, "strict: true accuracy": runs.strict.trueAcc,
}, { title: "Reward vs true accuracy while training against each verifier" })
"""),
("code", r"""
const summary = aq.from((["strict", "rule", "judge"] as Verifier[]).map((v) => ({
  verifier: v,
  final_reward: runs[v].verifierReward[STEPS]!,
  final_true_accuracy: runs[v].trueAcc[STEPS]!,
  reward_inflation: runs[v].verifierReward[STEPS]! - runs[v].trueAcc[STEPS]!,
})));
summary
"""),
("markdown", r"""
## Check the claims on the numbers just computed

- the strict checker rejects most equivalent-format right answers (FNR > 0.5) while `verifyMath`
  rejects none of them;
- the lenient judge accepts master keys (FPR over all keys > 0.5) while the rule verifier accepts none;
- trained against the judge, the policy's reward inflates (reward − true accuracy > 0.3) and its
  true accuracy ends well below the rule-trained policy's (by more than 0.3).
"""),
("code", r"""
const row = (t: aq.ColumnTable, slice: string) => (t.objects() as Array<Record<string, number | string>>).find((r) => r.slice === slice)!;
const strictFnr = row(strictRates, "equivalent-format").fnr as number;
const ruleFnr = row(ruleRates, "equivalent-format").fnr as number;
const keyFpr = (probe.objects() as Array<{ key: string; fpr: number }>).find((r) => r.key === "all keys")!.fpr;
const ruleKeyFpr = row(ruleRates, "master-key").fpr as number;
const inflation = runs.judge.verifierReward[STEPS]! - runs.judge.trueAcc[STEPS]!;
const accGap = runs.rule.trueAcc[STEPS]! - runs.judge.trueAcc[STEPS]!;
const checks: Array<[string, boolean]> = [
  [`strict FNR on equivalent formats ${strictFnr.toFixed(2)} > 0.5`, strictFnr > 0.5],
  [`verifyMath FNR on equivalent formats ${ruleFnr.toFixed(2)} = 0`, ruleFnr === 0],
  [`lenient judge FPR on master keys ${keyFpr.toFixed(2)} > 0.5`, keyFpr > 0.5],
  [`verifyMath FPR on master keys ${ruleKeyFpr.toFixed(2)} = 0`, ruleKeyFpr === 0],
  [`judge-trained reward inflation ${inflation.toFixed(2)} > 0.3`, inflation > 0.3],
  [`rule-trained true accuracy beats judge-trained by ${accGap.toFixed(2)} > 0.3`, accGap > 0.3],
  [`rewardInflation() agrees on the bench: judge ${rewardInflation(graded.map((g) => g.judge), graded.map((g) => g.label)).toFixed(3)} > 0`, rewardInflation(graded.map((g) => g.judge), graded.map((g) => g.label)) > 0],
];
const failed = checks.filter(([, ok]) => !ok);
if (failed.length > 0) throw new Error("claim not reproduced: " + failed.map(([s]) => s).join("; "));
display.markdown(checks.map(([s]) => `- ✅ ${s}`).join("\n"));
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
