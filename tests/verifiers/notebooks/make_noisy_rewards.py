"""Writes notebooks/noisy-rewards.ipynb (nbformat 4, empty outputs) from the cell sources below.
Run: /usr/bin/python3 tests/verifiers/notebooks/make_noisy_rewards.py
"""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "notebooks", "py"))
import nbwrite

NOISY = [
("code", r"""
// parameters: seeds and sizes (papermill-style tagged cell; edit and rerun, or `replab run -p SEEDS '[…]'`)
let SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
let STEPS = 80;          // policy-gradient steps per run
let PROMPTS = 64;        // prompts of the tabular policy, 4 answers each, one right
let SAMPLES = 8;         // samples per prompt per step (the group)
let RHO0 = 0.2;          // the verifier's false-positive rate P(reward 1 | wrong)
let RHO1 = 0.3;          // its false-negative rate P(reward 0 | right)
let CALIBRATION = 400;   // labelled answers, half right, from which each seed estimates the rates
let LR_REINFORCE = 16;   // step size of REINFORCE (chosen so clean rewards reach ≈0.85 by the last step)
let LR_GRPO = 8;         // step size of GRPO (likewise)
let MARGIN = 0.01;       // the claims' margin on a paired difference of mean accuracy
""", ["parameters"]),
("markdown", r"""
# RL with verifiable yet noisy rewards: backward and forward corrections

Cai, Wang, Liu, Liu, Niu & Sugiyama (2025, *Reinforcement Learning with Verifiable yet Noisy Rewards
under Imperfect Verifiers*, arXiv 2510.00915) model a verifier as a noisy channel on the true reward
R* ∈ {0, 1}: it accepts a wrong answer with probability ρ0 (false positive) and rejects a right one
with probability ρ1 (false negative). They derive two corrections of the observed reward r̃:

- **backward**: r̂ = (r̃ − ρ0)/(1 − ρ0 − ρ1), unbiased for R* (`noiseCorrectedReward`);
- **forward**: weight each sample's score function ∇log π(y) by w1 = ρ1 if accepted and
  w0 = ρ1 − 1 if rejected (`forwardCorrectionWeight`), which needs **only ρ1**; its expected update
  is (1 − ρ0 − ρ1)·∇E[R*], aligned with the clean gradient.

They implement both in a GRPO pipeline and report that both improve over uncorrected training, the
forward one converging faster and staying stable under heavier noise.

**What a fair test needs.** Both corrections are *affine* in r̃: r̂ = r̃/(1 − ρ0 − ρ1) − const and
w = r̃ − (1 − ρ1). So
1. with a **group-mean baseline** the constant cancels: the backward correction is the noisy run
   with its step multiplied by 1/(1 − ρ0 − ρ1), and the forward one *is* the noisy run;
2. under **GRPO**, whose advantage (r − mean)/(std + 10⁻⁴) is invariant to affine maps, both are
   no-ops (up to the 10⁻⁴);
3. only **plain REINFORCE** (w_i = r_i, no baseline) is changed by them — there the constant acts
   as a baseline and changes the variance, while the expected step is 1/(1 − ρ0 − ρ1) times the
   noisy one for the backward correction and equal to it for the forward one.

So "corrected beats noisy" is measured against an **lr-matched control**: the noisy run with its
step size multiplied by k = 1/(1 − ρ̂0 − ρ̂1), the same expected step as the backward correction.
The forward correction's expected step equals the noisy run's, so the noisy run at the same step
size is its own lr-matched control, and the forward run at k times the step is the one to set
against the backward run. Points 1 and 2 are checked as **sanity** (they are algebra); the claims
are measured under plain REINFORCE, and the paper's GRPO claim is measured as it stands.

The policy is replab/rollouts' tabular softmax (a stand-in for a language model: each prompt's
answers have their own logits), trained on exact expected accuracy so that only the sampling and
the verifier's coin are random. Every random choice derives from the seeds above.
"""),
("code", r"""
import * as aq from "arquero";
import { rng } from "replab/core";
import { meanInterval } from "replab/stats";
import { noiseCorrectedReward, forwardCorrectionWeight, estimateNoiseRates } from "replab/verifiers";
import { TabularPolicy, randomTabularPrompts, tabularPolicyUpdate, groupAdvantages } from "replab/rollouts";
import { rewardCurvesFigure } from "replab/plots";
import { claim, sanity } from "replab/claims";

const PAPER = { title: "Reinforcement Learning with Verifiable yet Noisy Rewards under Imperfect Verifiers", arxiv: "2510.00915" };
// the noisy channel: a right answer is rejected with probability ρ1, a wrong one accepted with ρ0
const noisyVerifier = (right: boolean, coin: () => number) => (right ? (coin() < RHO1 ? 0 : 1) : coin() < RHO0 ? 1 : 0);

// each seed estimates the rates from its own labelled calibration set, as one would in practice
const estimates = new Map(SEEDS.map((seed) => {
  const cal = rng(seed).fork("calibration");
  const labels = Array.from({ length: CALIBRATION }, (_, i) => i % 2 === 0);
  const verdicts = labels.map((y) => noisyVerifier(y, () => cal.next()));
  return [seed, estimateNoiseRates(verdicts, labels)];
}));
aq.from(SEEDS.map((seed) => { const e = estimates.get(seed)!; return { seed, rho0_hat: e.rho0, rho1_hat: e.rho1, k_hat: 1 / (1 - e.rho0 - e.rho1) }; }))
"""),
("markdown", r"""
## The settings

Every setting trains the same seeded policy (`PROMPTS` prompts, random initial logits) for `STEPS`
steps on `SAMPLES` samples per prompt, with the same sampling seeds and the same verifier coins.
The reward fed to the update is the clean one, the noisy one r̃, the backward-corrected r̂ or the
forward weight w (ρ̂ estimated per seed); "× k" runs multiply the step size by k = 1/(1 − ρ̂0 − ρ̂1).

| update | rewards | why |
| --- | --- | --- |
| plain REINFORCE (`baseline: "none"`) | clean; noisy; noisy × k; backward; forward; forward × k | the claims |
| REINFORCE with a group-mean baseline | noisy; noisy × k; backward; forward | sanity: backward ≡ noisy × k, forward ≡ noisy |
| GRPO (TRL's std-scaled advantage, one epoch) | clean; noisy; backward; forward | the paper's setting; sanity: the corrections leave the advantages unchanged |

The measure of a run is its **mean true accuracy over the training steps** (the area under its
learning curve divided by the number of steps): a run that learns faster has a larger one.
"""),
("code", r"""
type Update = "reinforce" | "reinforce-group-mean" | "grpo";
type Reward = "clean" | "noisy" | "backward" | "forward";
interface Setting { key: string; update: Update; reward: Reward; timesK: boolean }
const setting = (update: Update, reward: Reward, timesK = false): Setting => ({ key: `${update} · ${reward}${timesK ? " × k" : ""}`, update, reward, timesK });
const SETTINGS: Setting[] = [
  setting("reinforce", "clean"), setting("reinforce", "noisy"), setting("reinforce", "noisy", true),
  setting("reinforce", "backward"), setting("reinforce", "forward"), setting("reinforce", "forward", true),
  setting("reinforce-group-mean", "noisy"), setting("reinforce-group-mean", "noisy", true),
  setting("reinforce-group-mean", "backward"), setting("reinforce-group-mean", "forward"),
  setting("grpo", "clean"), setting("grpo", "noisy"), setting("grpo", "backward"), setting("grpo", "forward"),
];

/** One run: the true-accuracy curve (steps 0…STEPS) and, for GRPO on noisy rewards, how far the corrections move the advantages. */
function train(s: Setting, seed: number) {
  const est = estimates.get(seed)!;
  const policy = new TabularPolicy(randomTabularPrompts(PROMPTS, { answers: 4, correct: 1, spread: 1, seed }));
  const ids = policy.prompts.map((p) => p.id);
  const coin = rng(seed).fork("verifier");
  const lr = (s.update === "grpo" ? LR_GRPO : LR_REINFORCE) * (s.timesK ? 1 / (1 - est.rho0 - est.rho1) : 1);
  const accuracy = () => policy.prompts.reduce((sum, _, i) => sum + policy.expectedReward(i), 0) / ids.length;
  const acc = [accuracy()];
  let forwardShift = 0, backwardShift = 0;
  for (let step = 0; step < STEPS; step++) {
    const groups = policy.sampleSync(ids, { n: SAMPLES, seed: seed * 100_000 + step });
    const batch = groups.map((g, i) => {
      const truth = g.map((c) => policy.reward(ids[i]!, c.text));
      const observed = truth.map((r) => noisyVerifier(r > 0, () => coin.next()));
      const rewards = s.reward === "clean" ? truth : s.reward === "noisy" ? observed
        : s.reward === "backward" ? Array.from(noiseCorrectedReward(observed, est.rho0, est.rho1))
        : Array.from(forwardCorrectionWeight(observed, est.rho1));
      return { prompt: ids[i]!, answers: g.map((c) => c.text), rewards, observed };
    });
    if (s.update === "grpo" && s.reward === "noisy") {
      const r = batch.flatMap((b) => b.observed), a = groupAdvantages(r, SAMPLES);
      const f = groupAdvantages(forwardCorrectionWeight(r, est.rho1), SAMPLES), b = groupAdvantages(noiseCorrectedReward(r, est.rho0, est.rho1), SAMPLES);
      for (let i = 0; i < r.length; i++) { forwardShift = Math.max(forwardShift, Math.abs(f[i]! - a[i]!)); backwardShift = Math.max(backwardShift, Math.abs(b[i]! - a[i]!)); }
    }
    tabularPolicyUpdate(policy, batch, s.update === "grpo" ? { method: "grpo", lr } : { method: "reinforce", baseline: s.update === "reinforce" ? "none" : "group-mean", lr });
    acc.push(accuracy());
  }
  return { acc, forwardShift, backwardShift };
}

const runs = new Map<string, Map<number, ReturnType<typeof train>>>();
const bar = progress({ label: "settings × seeds", total: SETTINGS.length * SEEDS.length });
for (const s of SETTINGS) {
  runs.set(s.key, new Map(SEEDS.map((seed) => { const r = train(s, seed); bar.tick(); return [seed, r]; })));
}
bar.done();
const meanAcc = (key: string, seed: number) => { const a = runs.get(key)!.get(seed)!.acc; return a.slice(1).reduce((x, y) => x + y, 0) / STEPS; };
const meanCurve = (key: string) => Array.from({ length: STEPS + 1 }, (_, t) => SEEDS.reduce((sum, seed) => sum + runs.get(key)!.get(seed)!.acc[t]!, 0) / SEEDS.length);
aq.from(SETTINGS.map((s) => {
  const ci = meanInterval(SEEDS.map((seed) => meanAcc(s.key, seed)));
  return { setting: s.key, mean_accuracy: ci.estimate, ci_low: ci.low, ci_high: ci.high, final_accuracy: SEEDS.reduce((x, seed) => x + runs.get(s.key)!.get(seed)!.acc[STEPS]!, 0) / SEEDS.length };
}))
"""),
("markdown", r"""
## What each correction does to the plain REINFORCE update (algebra, with the true rates)

A reward that takes the value a when the verifier accepts and b when it rejects, with the step
multiplied by c, has E[w | R*] = c·(b + (a − b)·P(accept | R*)) = slope·R* + intercept, with
slope = c(a − b)(1 − ρ0 − ρ1) and intercept = c(b + (a − b)ρ0). Since E[∇log π] = 0 the expected
update is slope·∇E[R*], and the intercept only adds zero-mean noise: in expectation each setting is
clean REINFORCE with the step scaled by `slope` and a constant baseline −intercept/slope.
"""),
("code", r"""
const channel = (a: number, b: number, c: number) => {
  const slope = c * (a - b) * (1 - RHO0 - RHO1), intercept = c * (b + (a - b) * RHO0);
  return { expected_step_vs_clean: slope, baseline_in_clean_units: -intercept / slope };
};
const K = 1 / (1 - RHO0 - RHO1);
aq.from([
  { setting: "clean", expected_step_vs_clean: 1, baseline_in_clean_units: 0 },
  { setting: "noisy", ...channel(1, 0, 1) },
  { setting: "noisy × k", ...channel(1, 0, K) },
  { setting: "backward", ...channel((1 - RHO0) / (1 - RHO0 - RHO1), -RHO0 / (1 - RHO0 - RHO1), 1) },
  { setting: "forward", ...channel(RHO1, RHO1 - 1, 1) },
  { setting: "forward × k", ...channel(RHO1, RHO1 - 1, K) },
])
"""),
("markdown", r"""
So against its lr-matched control the backward correction moves the baseline from −ρ0/(1 − ρ0 − ρ1)
to 0, and the forward one moves it to 1: any difference between them is a difference of variance,
which depends on where the accuracy is (a constant baseline near the mean reward helps most).

## Sanity: affine corrections are no-ops under a group-mean baseline and under GRPO

These follow from the algebra above, so they are checks of the pipeline, not claims: with a
group-mean baseline the backward run retraces the noisy × k run and the forward run the noisy run
(to rounding); under GRPO, on every batch of the noisy run, the forward weights give the same
advantages and the backward rewards advantages within the 10⁻⁴ that GRPO adds to the std.
"""),
("code", r"""
const maxCurveGap = (a: string, b: string) => Math.max(...SEEDS.flatMap((seed) => runs.get(a)!.get(seed)!.acc.map((v, t) => Math.abs(v - runs.get(b)!.get(seed)!.acc[t]!))));
const gmBackward = maxCurveGap("reinforce-group-mean · backward", "reinforce-group-mean · noisy × k");
const gmForward = maxCurveGap("reinforce-group-mean · forward", "reinforce-group-mean · noisy");
const grpoRuns = [...runs.get("grpo · noisy")!.values()];
const fShift = Math.max(...grpoRuns.map((r) => r.forwardShift)), bShift = Math.max(...grpoRuns.map((r) => r.backwardShift));
display(sanity("group-mean REINFORCE: backward-corrected ≡ noisy with the step × k", gmBackward < 1e-9, `largest accuracy gap ${gmBackward.toExponential(1)}`));
display(sanity("group-mean REINFORCE: forward-corrected ≡ noisy", gmForward < 1e-9, `largest accuracy gap ${gmForward.toExponential(1)}`));
display(sanity("GRPO: forward weights leave every group advantage unchanged", fShift < 1e-9, `largest change ${fShift.toExponential(1)}`));
display(sanity("GRPO: backward rewards change the advantages only through the 1e-4 added to the std", bShift < 1e-3, `largest change ${bShift.toExponential(1)}`));
rewardCurvesFigure(Array.from({ length: STEPS + 1 }, (_, t) => t), {
  "GRPO, clean": meanCurve("grpo · clean"), "GRPO, noisy": meanCurve("grpo · noisy"),
  "GRPO, backward": meanCurve("grpo · backward"), "GRPO, forward": meanCurve("grpo · forward"),
}, { title: `GRPO: the corrected runs lie on the noisy one (mean of ${SEEDS.length} seeds)`, yTitle: "expected true accuracy" })
"""),
("markdown", r"""
## The claims, over seeds

Each claim is a paired difference per seed of mean accuracy over training (same prompts, sampling
seeds and verifier coins in both runs). **We call a claim replicated when the 95% Student-t interval
of the paired difference lies above `MARGIN` = 0.01** (one accuracy point); "partly" when only the
mean does.

1. *The backward correction improves on uncorrected training* — under plain REINFORCE, against the
   lr-matched control (noisy × k).
2. *The forward correction improves on uncorrected training* — under plain REINFORCE, against the
   noisy run at the same step size (its expected step is the noisy one's).
3. *The forward correction converges faster than the backward one* — under plain REINFORCE at the
   same expected step (forward × k against backward).
4. and 5. *Both corrections improve on uncorrected GRPO* — the paper's own setting, measured as it
   stands (the sanity cell above says what to expect).
"""),
("code", r"""
const steps = Array.from({ length: STEPS + 1 }, (_, t) => t);
const paired = (a: string, b: string) => SEEDS.map((seed) => meanAcc(a, seed) - meanAcc(b, seed));
const curves = (title: string, keys: Record<string, string>) => rewardCurvesFigure(steps, Object.fromEntries(Object.entries(keys).map(([label, key]) => [label, meanCurve(key)])), { title, yTitle: "expected true accuracy" });
const claims = [
  claim({
    id: "reinforce-backward-beats-lr-matched-noisy", paper: PAPER, seeds: SEEDS, margin: { above: MARGIN },
    statement: `Under plain REINFORCE the backward correction learns faster than the noisy run with the same expected step (lr × k): paired difference of mean accuracy above ${MARGIN}`,
    statistic: "mean accuracy(backward) − mean accuracy(noisy, lr × k)",
    values: paired("reinforce · backward", "reinforce · noisy × k"),
    figure: curves("Plain REINFORCE: backward correction vs the lr-matched noisy run", { "clean": "reinforce · clean", "noisy, lr × k": "reinforce · noisy × k", "backward": "reinforce · backward" }),
  }),
  claim({
    id: "reinforce-forward-beats-noisy", paper: PAPER, seeds: SEEDS, margin: { above: MARGIN },
    statement: `Under plain REINFORCE the forward correction learns faster than the noisy run at the same step size (equal expected steps): paired difference above ${MARGIN}`,
    statistic: "mean accuracy(forward) − mean accuracy(noisy)",
    values: paired("reinforce · forward", "reinforce · noisy"),
    figure: curves("Plain REINFORCE: forward correction vs the noisy run", { "clean": "reinforce · clean", "noisy": "reinforce · noisy", "forward": "reinforce · forward" }),
  }),
  claim({
    id: "reinforce-forward-faster-than-backward", paper: PAPER, seeds: SEEDS, margin: { above: MARGIN },
    statement: `Under plain REINFORCE at the same expected step the forward correction learns faster than the backward one: paired difference above ${MARGIN}`,
    statistic: "mean accuracy(forward, lr × k) − mean accuracy(backward)",
    values: paired("reinforce · forward × k", "reinforce · backward"),
    figure: curves("Plain REINFORCE: forward (lr × k) vs backward correction", { "clean": "reinforce · clean", "backward": "reinforce · backward", "forward, lr × k": "reinforce · forward × k" }),
  }),
  ...(["backward", "forward"] as const).map((kind) => claim({
    id: `grpo-${kind}-beats-noisy`, paper: PAPER, seeds: SEEDS, margin: { above: MARGIN },
    statement: `Under GRPO the ${kind} correction learns faster than uncorrected training: paired difference above ${MARGIN}`,
    statistic: `mean accuracy(GRPO, ${kind}) − mean accuracy(GRPO, noisy)`,
    values: paired(`grpo · ${kind}`, "grpo · noisy"),
    figure: curves(`GRPO: ${kind} correction vs noisy rewards`, { "clean": "grpo · clean", "noisy": "grpo · noisy", [kind]: `grpo · ${kind}` }),
  })),
];
claims.forEach((c) => display(c));
display.markdown(`**${claims.filter((c) => c.verdict === "holds").length} of ${claims.length} claims hold** with seeds ${SEEDS.join(", ")}: ` +
  claims.map((c) => `\`${c.id}\` ${c.verdict} (${c.mean.toFixed(3)}, 95% CI [${c.low.toFixed(3)}, ${c.high.toFixed(3)}])`).join("; ") + ".");
"""),
("markdown", r"""
## Reading the result

- Under GRPO the corrections cannot help here: applied to the reward before GRPO's normalisation
  they are (up to 10⁻⁴) the identity, so claims 4 and 5 fail by construction in this set-up. The
  paper's GRPO gains must come from something this notebook does not model (where in its pipeline
  the hook acts, or a different normalisation); we report the claim as not replicated rather than
  change the set-up.
- Under plain REINFORCE a correction is a different constant baseline at a matched step size, so
  what the claims measure is variance reduction, not a bigger step. With the default seeds and with
  two other lists of ten seeds (11–20 and 101, 202, …, 1000) every paired difference stayed within
  ±0.007 of zero — the backward correction about 0.002 ahead of its lr-matched control, the forward
  one level with the noisy run — so none reached the margin: in this set-up the corrected runs learn
  faster than the noisy run only because their step is larger (compare "noisy" with "noisy × k" in
  the table of all settings, which lists every run, including the variants no claim uses).
"""),
]

nbwrite.write("noisy-rewards", NOISY)
