"""Writes notebooks/noisy-rewards.ipynb (nbformat 4, empty outputs) from the cell sources below.
Run: python3 tests/verifiers/notebooks/make_noisy_rewards.py
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

write("noisy-rewards.ipynb", NOISY)
