"""Writes notebooks/truthrl-ternary-reward.ipynb and notebooks/rlvr-coverage.ipynb (replab kernel,
empty outputs) from the cells below, with nbformat. The first code cell of each is tagged
`parameters` (papermill's convention): its SEEDS and sizes can be replaced at run time.
Run from anywhere: /usr/bin/python3 tests/rollouts/notebooks/make_rlvr_notebooks.py
"""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "notebooks", "py"))
import nbwrite


TRUTHRL = [
("markdown", r"""
# TruthRL's ternary reward: fewer hallucinations, and at what price in accuracy?

Wei et al. (2025), *TruthRL: Incentivizing Truthful LLMs via Reinforcement Learning*
(arXiv 2509.25760), train with GRPO on a **ternary reward** — +1 for a right answer, 0 for an
abstention ("I don't know"), −1 for a wrong answer given (a *hallucination*) — instead of the
**binary** verifier reward of vanilla RLVR, which scores an abstention like a wrong answer. Their
claim: compared with the binary reward, hallucinations fall sharply (by 28.9% over four
knowledge-intensive benchmarks, v1 abstract) while accuracy stays competitive — the model learns
its *knowledge boundary* rather than becoming over-conservative. They measure, per question,
accuracy (Acc), uncertainty rate (Unc: abstentions) and hallucination rate (Hall), and report the
truthfulness score T = Acc − Hall.

## The set-up, from the paper

- **Questions and a knowledge boundary.** The paper probes the boundary by sampling 256 answers of
  the base model per question: none right means *out of knowledge* (OOK). Here a question is a
  tabular softmax over 8 candidate answers plus "I don't know". A share of the questions
  (`UNKNOWN_SHARE` = 40%) lie beyond the policy's knowledge: their right answer is not among what
  it can say, so no amount of sampling or training finds it. On the others one of the 8 answers
  is right, and base logits drawn N(0, 2²) make the knowledge partial and graded — some answered
  almost always, some almost never (so the 256-sample probe calls a few of them OOK too, as it
  would a real model's long-tail facts).
- **Abstaining is an action.** "I don't know" is an answer of every question, with a base logit
  drawn like the others. Its logit has a per-question part and one part shared by all questions
  (`tieAnswers`): a model's overall readiness to abstain, which learning on one question moves on
  all of them, as shared weights do. Every other answer is specific to its question.
- **Training.** GRPO, the paper's algorithm (`trainTabularPolicy` → `tabularPolicyUpdate`): groups
  of 8 answers per question, TRL's std-scaled advantages, PPO clip 0.2, one epoch, no KL penalty,
  Adam at lr 0.1 (the optimiser and step of the negative-reinforcement notebook), 100 steps of a
  quarter of the questions each. The binary and ternary runs start from the same base and use the
  same sampling seeds, so each seed gives a paired difference.
- **Rewards.** Binary: +1 right, 0 otherwise. The paper's binary baseline is ±1; under GRPO's
  std-scaled advantages the two give the same update (checked below).
- **Measurement.** The rates are exact (the tabular policy's probabilities, no sampling noise),
  averaged over all the questions the policy was trained on. A tabular policy does not generalise
  to new questions, so unlike the paper there is no held-out test set.

**Claims, with margins fixed before the run.** Over the seeds in `SEEDS`, on the main setting:
(1) *hallucinations fall*: we call it replicated when the 95% interval of
Hall(binary) − Hall(ternary) lies above 0.05; (2) *accuracy holds*: we call it replicated when
the 95% interval of Acc(ternary) − Acc(binary) lies above −0.03 (a non-inferiority margin of
3 points of accuracy).

The main setting was fixed first. After its result we also ran the abstention per question
(no shared part) and 400 training steps; every setting is reported in the table at the end.
"""),
("code", r"""
let SEEDS = [1, 2, 3, 4, 5];
let QUESTIONS = 200;
let ANSWERS = 8;
let UNKNOWN_SHARE = 0.4;
let STEPS = 100;
let LONG_STEPS = 400;
let GROUP = 8;
let LR = 0.1;
let PROBE_SAMPLES = 256;
""", ["parameters"]),
("code", r"""
import { TabularPolicy, randomTabularPrompts, trainTabularPolicy, truthReward, groupAdvantages, sampleRollouts, solveRates, type TruthRewardScheme, type TruthfulnessRates } from "replab/rollouts";
import { claim, sanity } from "replab/claims";
import { meanInterval } from "replab/stats";
import { figure, trainingCurveFigure } from "replab/plots";
import * as aq from "arquero";

const IDK = "I don't know";
const PAPER = { title: "TruthRL: Incentivizing Truthful LLMs via Reinforcement Learning", arxiv: "2509.25760" };
const SCHEMES: TruthRewardScheme[] = ["binary", "ternary"];
const t0 = Date.now();

/** One seed's questions and base policy; the abstaining answer's logit shared across questions or not. */
function world(seed: number, tied: boolean): TabularPolicy {
  const prompts = randomTabularPrompts(QUESTIONS, { answers: ANSWERS, correct: 1, spread: 2, seed, abstain: IDK, unknownShare: UNKNOWN_SHARE });
  return new TabularPolicy(prompts, { name: "base", tieAnswers: tied });
}

/** GRPO from the base under one reward scheme, with the exact rates every 5 steps. */
function train(base: TabularPolicy, scheme: TruthRewardScheme, seed: number, steps: number) {
  const pol = base.clone(scheme);
  const curve: Array<TruthfulnessRates & { step: number; reward: string }> = [{ step: 0, reward: scheme, ...pol.truthfulness() }];
  trainTabularPolicy(pol, {
    steps, groupSize: GROUP, batches: 4, seed,
    reward: (id, answer) => truthReward(pol.outcome(id, answer), scheme),
    update: { method: "grpo", lr: LR, optimizer: "adam", clip: 0.2 },
    onStep: (s) => { if ((s + 1) % 5 === 0) curve.push({ step: s + 1, reward: scheme, ...pol.truthfulness() }); },
  });
  return { pol, curve };
}

const SETTINGS = [
  { setting: `shared abstention, ${STEPS} steps (main)`, tied: true, steps: STEPS },
  { setting: `per-question abstention, ${STEPS} steps`, tied: false, steps: STEPS },
  { setting: `shared abstention, ${LONG_STEPS} steps`, tied: true, steps: LONG_STEPS },
  { setting: `per-question abstention, ${LONG_STEPS} steps`, tied: false, steps: LONG_STEPS },
];
const MAIN = SETTINGS[0]!.setting;
type Row = TruthfulnessRates & { setting: string; seed: number; policy: string };
const rows: Row[] = [];
const curves: Array<TruthfulnessRates & { step: number; reward: string; seed: number }> = [];
const trained = new Map<number, { base: TabularPolicy; binary: TabularPolicy; ternary: TabularPolicy }>();
for (const { setting, tied, steps } of SETTINGS) {
  for (const seed of SEEDS) {
    const base = world(seed, tied);
    rows.push({ setting, seed, policy: "base", ...base.truthfulness() });
    const runs = Object.fromEntries(SCHEMES.map((scheme) => [scheme, train(base, scheme, seed, steps)]));
    for (const scheme of SCHEMES) rows.push({ setting, seed, policy: scheme, ...runs[scheme]!.pol.truthfulness() });
    if (setting === MAIN) {
      trained.set(seed, { base, binary: runs.binary!.pol, ternary: runs.ternary!.pol });
      for (const scheme of SCHEMES) for (const c of runs[scheme]!.curve) curves.push({ ...c, seed });
    }
  }
}
`trained ${SETTINGS.length * SEEDS.length * SCHEMES.length} policies in ${((Date.now() - t0) / 1000).toFixed(1)} s`
"""),
("markdown", r"""
## The main setting, seed by seed

Exact rates over all questions of the base policy and of the policy trained with each reward.
"""),
("code", r"""
const pct = (x: number) => Math.round(1000 * x) / 10;
aq.from(rows.filter((r) => r.setting === MAIN).map((r) => ({ seed: r.seed, policy: r.policy, "Acc %": pct(r.accuracy), "Unc %": pct(r.uncertainty), "Hall %": pct(r.hallucination), "T = Acc − Hall %": pct(r.truthfulness) })))
"""),
("code", r"""
const meanBy = (key: "accuracy" | "hallucination" | "uncertainty") => {
  const out: Array<{ step: number; value: number; run: string }> = [];
  for (const scheme of SCHEMES) {
    const steps = [...new Set(curves.filter((c) => c.reward === scheme).map((c) => c.step))];
    for (const step of steps) {
      const at = curves.filter((c) => c.reward === scheme && c.step === step);
      out.push({ step, value: at.reduce((s, c) => s + c[key], 0) / at.length, run: `${key} — ${scheme} reward` });
    }
  }
  return out;
};
trainingCurveFigure([...meanBy("hallucination"), ...meanBy("accuracy"), ...meanBy("uncertainty")], { metric: "value", title: `Exact rates during GRPO, mean over ${SEEDS.length} seeds (main setting)`, yTitle: "share of answers" })
"""),
("markdown", r"""
## The knowledge boundary, probed as the paper probes it

For each seed, 256 answers per question are sampled from the **base** policy
(`sampleRollouts`); a question none of whose samples is right is labelled out of knowledge (OOK),
the rest in knowledge. Every question without a right answer is labelled OOK by construction (a
sanity check); a question with a right answer is mislabelled with probability (1 − p)^256. Then
the trained policies' rates on each side of the probed boundary — the paper's Figure 3b looks at
the hard side the same way.
"""),
("code", r"""
const boundary: Array<{ seed: number; side: string; policy: string } & TruthfulnessRates> = [];
let mislabelled = 0, expectedMislabelled = 0, unanswerable = 0, unanswerableOok = 0;
for (const seed of SEEDS) {
  const { base, binary, ternary } = trained.get(seed)!;
  const table = await sampleRollouts(base, base.prompts.map((p) => ({ prompt_id: p.id, prompt: p.id })), { n: PROBE_SAMPLES, seed, reward: (c, p) => base.reward(p.prompt_id, c.text) });
  const solved = new Map((solveRates(table).objects() as Array<{ prompt_id: string; c: number }>).map((r) => [r.prompt_id, r.c > 0]));
  const sides: Record<string, string[]> = { "in knowledge": [], "out of knowledge": [] };
  base.prompts.forEach((p, i) => {
    const answerable = p.rewards.some((r) => r > 0);
    const ook = !solved.get(p.id);
    sides[ook ? "out of knowledge" : "in knowledge"]!.push(p.id);
    if (!answerable) { unanswerable++; if (ook) unanswerableOok++; }
    if (answerable) { expectedMislabelled += (1 - base.correctProbability(i)) ** PROBE_SAMPLES; if (ook) mislabelled++; }
  });
  for (const [side, ids] of Object.entries(sides)) {
    if (ids.length === 0) continue;
    for (const [policy, pol] of [["base", base], ["binary", binary], ["ternary", ternary]] as const) boundary.push({ seed, side, policy, ...pol.truthfulness({ ids }) });
  }
}
display(sanity("the probe labels every question without a right answer out of knowledge", unanswerableOok === unanswerable, `${unanswerableOok} of ${unanswerable}`));
display.markdown(`Questions with a right answer that the probe labelled OOK: ${mislabelled} over ${SEEDS.length} seeds, against ${expectedMislabelled.toFixed(1)} expected from Σ (1 − p)^${PROBE_SAMPLES}.`);
const sideRows = ["in knowledge", "out of knowledge"].flatMap((side) => ["base", "binary", "ternary"].map((policy) => {
  const at = boundary.filter((b) => b.side === side && b.policy === policy);
  const m = (k: "accuracy" | "uncertainty" | "hallucination") => pct(at.reduce((s, b) => s + b[k], 0) / at.length);
  return { side, policy, "Acc %": m("accuracy"), "Unc %": m("uncertainty"), "Hall %": m("hallucination") };
}));
aq.from(sideRows)
"""),
("markdown", r"""
## Sanity: the paper's ±1 binary reward trains like the 0/1 one under GRPO

GRPO standardises each group's rewards, so an increasing affine map of the reward leaves the
advantages unchanged (up to TRL's 1e-4 in the denominator). The ternary reward is not such a map
of the binary one: it separates abstentions from hallucinations.
"""),
("code", r"""
const group = ["correct", "abstain", "hallucination", "hallucination", "abstain", "hallucination", "correct", "hallucination"] as const;
const adv = (scheme: TruthRewardScheme) => Array.from(groupAdvantages(group.map((o) => truthReward(o, scheme)), group.length));
const zeroOne = adv("binary"), plusMinus = adv("binary-signed"), ternary = adv("ternary");
display(sanity("binary (0/1) and binary-signed (±1) rewards give the same GRPO advantages", zeroOne.every((a, i) => Math.abs(a - plusMinus[i]!) < 1e-3)));
sanity("only the ternary reward ranks an abstention above a hallucination", ternary[1]! > ternary[2]! && zeroOne[1] === zeroOne[2])
"""),
("markdown", r"""
## The claims

Per seed, the paired differences between the two trained policies of the main setting. We call
the first claim replicated when the 95% interval of Hall(binary) − Hall(ternary) lies above 0.05,
the second when the 95% interval of Acc(ternary) − Acc(binary) lies above −0.03.
"""),
("code", r"""
const at = (setting: string, policy: string, seed: number) => rows.find((r) => r.setting === setting && r.policy === policy && r.seed === seed)!;
const hallDrop = (setting: string) => SEEDS.map((s) => at(setting, "binary", s).hallucination - at(setting, "ternary", s).hallucination);
const accChange = (setting: string) => SEEDS.map((s) => at(setting, "ternary", s).accuracy - at(setting, "binary", s).accuracy);
function ratesFigure(setting: string) {
  const keys = ["accuracy", "uncertainty", "hallucination"] as const;
  return figure({
    data: ["base", ...SCHEMES].map((policy) => {
      const ci = keys.map((k) => meanInterval(SEEDS.map((s) => at(setting, policy, s)[k])));
      return { type: "bar", name: policy === "base" ? "base" : `${policy} reward`, x: ["Acc", "Unc", "Hall"], y: ci.map((c) => c.estimate), error_y: { type: "data", array: ci.map((c) => c.high - c.estimate), visible: true } };
    }),
    layout: { barmode: "group", title: { text: `TruthRL rates after GRPO, mean and 95% CI over ${SEEDS.length} seeds` }, yaxis: { title: { text: "share of answers" }, range: [0, 1] } },
  });
}
const claims = {
  hallucination: (setting: string) => claim({
    id: "ternary-reward-cuts-hallucination",
    statement: "GRPO with TruthRL's ternary reward (+1 right, 0 abstain, −1 wrong) leaves more than 5 points fewer hallucinations than with the binary reward, on a tabular policy that can abstain and knows only part of the answers",
    statistic: "Hall(binary) − Hall(ternary)",
    paper: { ...PAPER, value: "hallucinations −28.9% against vanilla RL (binary reward), over four benchmarks (v1 abstract)" },
    seeds: SEEDS, values: hallDrop(setting), margin: { above: 0.05 }, figure: ratesFigure(setting),
  }),
  accuracy: (setting: string) => claim({
    id: "ternary-reward-keeps-accuracy",
    statement: "GRPO with the ternary reward loses less than 3 points of accuracy against the binary reward (non-inferiority)",
    statistic: "Acc(ternary) − Acc(binary)",
    paper: { ...PAPER, value: "\"strong performance in both accuracy and truthfulness\" against RL with a binary reward (v1 abstract); no accuracy margin stated" },
    seeds: SEEDS, values: accChange(setting), margin: { above: -0.03 }, figure: ratesFigure(setting),
  }),
};
display(claims.hallucination(MAIN));
display(claims.accuracy(MAIN));
"""),
("markdown", r"""
## Every setting

The same two statistics, intervals and margins for every setting that was run (the main one
first). A verdict here is `claim()`'s: holds (the whole interval past the margin), partly (the mean
past it) or does-not.
"""),
("code", r"""
const f3 = (x: number) => x.toFixed(3);
const settingRows = SETTINGS.map(({ setting }) => {
  const h = claims.hallucination(setting), a = claims.accuracy(setting);
  const mean = (policy: string, k: "accuracy" | "hallucination" | "uncertainty") => pct(SEEDS.reduce((s, seed) => s + at(setting, policy, seed)[k], 0) / SEEDS.length);
  return {
    setting, "Hall % base / binary / ternary": `${mean("base", "hallucination")} / ${mean("binary", "hallucination")} / ${mean("ternary", "hallucination")}`,
    "Acc % base / binary / ternary": `${mean("base", "accuracy")} / ${mean("binary", "accuracy")} / ${mean("ternary", "accuracy")}`,
    "Hall drop [95% CI]": `${f3(h.mean)} [${f3(h.low)}, ${f3(h.high)}]`, "fewer hallucinations (> 0.05)": h.verdict,
    "Acc change [95% CI]": `${f3(a.mean)} [${f3(a.low)}, ${f3(a.high)}]`, "accuracy holds (> −0.03)": a.verdict,
  };
});
aq.from(settingRows)
"""),
("code", r"""
const mainRow = settingRows[0]!;
const others = settingRows.slice(1);
const heldAcc = others.filter((r) => r["accuracy holds (> −0.03)"] === "holds").map((r) => r.setting);
display.markdown([
  `**Main setting:** fewer hallucinations — **${mainRow["fewer hallucinations (> 0.05)"]}** (${mainRow["Hall drop [95% CI]"]}); accuracy holds — **${mainRow["accuracy holds (> −0.03)"]}** (${mainRow["Acc change [95% CI]"]}).`,
  `Fewer hallucinations in the other settings: ${others.map((r) => `${r.setting}: ${r["fewer hallucinations (> 0.05)"]}`).join("; ")}.`,
  `Accuracy within 3 points in the other settings: ${others.map((r) => `${r.setting}: ${r["accuracy holds (> −0.03)"]}`).join("; ")}${heldAcc.length ? "" : " — in no setting"}.`,
  `Run time ${((Date.now() - t0) / 1000).toFixed(1)} s.`,
].join("\n\n"));
"""),
("markdown", r"""
## Reading the result

The ternary reward does what its design says on the questions the policy cannot answer: there an
abstention (0) beats every answer it can give (−1), so GRPO moves the mass to "I don't know",
while the binary reward gives such a group no signal at all (every reward 0, zero std) and, once
the shared abstention logit is pushed down on the answerable questions, even raises their
hallucinations. The price shows on the answerable questions the policy rarely gets right: while
the right answer is rare in a group, the group's mean reward is below 0, so abstaining has a
positive advantage and grows, and a question that drifts into abstaining stops sampling its
right answer. In a tabular policy nothing else tells a hard-but-known question from an unknown
one. The paper's models keep their accuracy; here the table above says whether this tabular
policy does.
"""),
]


RLVR = [
("markdown", r"""
# RLVR narrows coverage: pass@1 rises, pass@k at large k falls below the base

Yue et al. (2025), *Does Reinforcement Learning Really Incentivize Reasoning Capacity in LLMs
Beyond the Base Model?* (arXiv 2504.13837), compare base models with their RLVR-trained versions by
pass@k up to large k: the RL model wins at small k (k = 1), the base model overtakes it as k grows
(tens to hundreds of samples) and is ahead at the largest k, on every model family, algorithm and
benchmark they try; and the boundary narrows as training goes on. RLVR makes the model sample the
answers it could already find more often, and makes it miss some it could find before.

## The set-up

- **Problems.** 200 prompts, each a tabular softmax over 16 answers of which one is right, base
  logits N(0, 2²), so the base solves a few problems often and many rarely (base pass@1 ≈ 0.06,
  pass@256 ≈ 0.77).
- **Shared parameters.** The answers are drawn from a 48-answer vocabulary whose logits are tied
  across prompts (the world of the negative-reinforcement notebook): raising an answer on one
  problem raises the same text on every problem that offers it, as a network's shared weights
  couple problems. Without shared parameters a policy-gradient step on one prompt leaves every
  other prompt as it was, and GRPO gives a never-solved group no signal, so nothing could narrow;
  the table at the end includes that control.
- **Training.** GRPO (`trainTabularPolicy` → `tabularPolicyUpdate`): the binary verifier reward, groups
  of 8 answers per prompt, TRL's std-scaled advantages, PPO clip 0.2, Adam at lr 0.1, 100 steps of
  a quarter of the prompts each — the optimiser and step of the negative-reinforcement notebook.
- **pass@k** is exact from the tabular policy, mean over prompts of 1 − (1 − p)^k, for k = 1, 2, 4,
  …, 1024; the crossover is the smallest k at which the base's pass@k is at least the trained
  policy's. One seed's curves are also estimated from 256 sampled answers per prompt with the
  unbiased estimator, to show the exact numbers are what sampling would report.

**Claims, with margins fixed before the run.** Per seed in `SEEDS`, on the main setting: we call
the first claim replicated when the 95% interval of pass@1(trained) − pass@1(base) lies above 0.05,
and the second when the 95% interval of pass@256(base) − pass@256(trained) lies above 0.01.

The main setting was fixed first. We also ran REINFORCE (with the group-mean baseline) instead of
GRPO, a shared inverse temperature learned on top of the tied answers (`learn: "all"`, the policy's
overall confidence), and independent prompts (no shared parameters); every setting is reported in
the table at the end.
"""),
("code", r"""
let SEEDS = [1, 2, 3, 4, 5];
let PROMPTS = 200;
let ANSWERS = 16;
let VOCABULARY = 48;
let STEPS = 100;
let GROUP = 8;
let LR = 0.1;
let K_LARGE = 256;
let SAMPLED_N = 256;
""", ["parameters"]),
("code", r"""
import { TabularPolicy, randomTabularPrompts, trainTabularPolicy, sampleRollouts, passAtKCurve, type PolicyUpdateMethod } from "replab/rollouts";
import { claim } from "replab/claims";
import { meanInterval } from "replab/stats";
import { figure, passAtKFigure, trainingCurveFigure } from "replab/plots";
import * as aq from "arquero";

const PAPER = { title: "Does Reinforcement Learning Really Incentivize Reasoning Capacity in LLMs Beyond the Base Model?", arxiv: "2504.13837" };
const KS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
const t0 = Date.now();

function world(seed: number, shared: boolean): TabularPolicy {
  return new TabularPolicy(randomTabularPrompts(PROMPTS, { answers: ANSWERS, correct: 1, spread: 2, seed, sharedVocabulary: shared ? VOCABULARY : 0 }), { name: "base", tieAnswers: shared });
}

const SETTINGS: Array<{ setting: string; shared: boolean; method: PolicyUpdateMethod; learn: "logits" | "all" }> = [
  { setting: "GRPO, tied answers (main)", shared: true, method: "grpo", learn: "logits" },
  { setting: "REINFORCE, tied answers", shared: true, method: "reinforce", learn: "logits" },
  { setting: "GRPO, tied answers + shared inverse temperature", shared: true, method: "grpo", learn: "all" },
  { setting: "GRPO, independent prompts", shared: false, method: "grpo", learn: "logits" },
];
const MAIN = SETTINGS[0]!.setting;

/** The smallest k at which the base's pass@k is at least the trained policy's (null: never within KS). */
const crossover = (base: TabularPolicy, pol: TabularPolicy) => KS.find((k) => base.passAtK(k) >= pol.passAtK(k)) ?? null;

type Run = { setting: string; seed: number; base: TabularPolicy; pol: TabularPolicy; cross: number | null };
const runs: Run[] = [];
const dynamics: Array<{ step: number; value: number; run: string; seed: number }> = [];
for (const { setting, shared, method, learn } of SETTINGS) {
  for (const seed of SEEDS) {
    const base = world(seed, shared);
    const pol = base.clone("after RLVR");
    const log = (step: number) => {
      dynamics.push({ step, value: pol.passAtK(1), run: "pass@1", seed });
      dynamics.push({ step, value: pol.passAtK(K_LARGE), run: `pass@${K_LARGE}`, seed });
    };
    if (setting === MAIN) log(0);
    trainTabularPolicy(pol, { steps: STEPS, groupSize: GROUP, batches: 4, seed, update: { method, lr: LR, optimizer: "adam", clip: 0.2, learn },
      onStep: (s) => { if (setting === MAIN && (s + 1) % 10 === 0) log(s + 1); } });
    runs.push({ setting, seed, base, pol, cross: crossover(base, pol) });
  }
}
`trained ${runs.length} policies in ${((Date.now() - t0) / 1000).toFixed(1)} s`
"""),
("markdown", r"""
## The main setting, seed by seed

Exact pass@1 and pass@256 of the base and of the trained policy, the crossover k, and the share of
problems whose own pass@256 fell by more than 0.01 (the problems RLVR made the policy miss).
"""),
("code", r"""
const f3 = (x: number) => Math.round(1000 * x) / 1000;
const of = (setting: string) => runs.filter((r) => r.setting === setting);
function narrowed(r: Run): number {
  let n = 0;
  for (let i = 0; i < r.base.prompts.length; i++) {
    const b = 1 - (1 - r.base.correctProbability(i)) ** K_LARGE, t = 1 - (1 - r.pol.correctProbability(i)) ** K_LARGE;
    if (t < b - 0.01) n++;
  }
  return n / r.base.prompts.length;
}
aq.from(of(MAIN).map((r) => ({
  seed: r.seed, "pass@1 base": f3(r.base.passAtK(1)), "pass@1 RLVR": f3(r.pol.passAtK(1)),
  [`pass@${K_LARGE} base`]: f3(r.base.passAtK(K_LARGE)), [`pass@${K_LARGE} RLVR`]: f3(r.pol.passAtK(K_LARGE)),
  "crossover k": r.cross ?? "none", [`problems narrowed at k=${K_LARGE}`]: f3(narrowed(r)),
})))
"""),
("code", r"""
const meanCurve = (pick: (r: Run) => TabularPolicy, name: string) => aq.table({ k: KS, pass_at_k: KS.map((k) => of(MAIN).reduce((s, r) => s + pick(r).passAtK(k), 0) / SEEDS.length), policy: KS.map(() => name) });
passAtKFigure([meanCurve((r) => r.base, "base"), meanCurve((r) => r.pol, "after RLVR (GRPO)")], { title: `Exact pass@k, mean over ${SEEDS.length} seeds (main setting)` })
"""),
("code", r"""
const steps = [...new Set(dynamics.map((d) => d.step))];
trainingCurveFigure(["pass@1", `pass@${K_LARGE}`].flatMap((run) => steps.map((step) => {
  const at = dynamics.filter((d) => d.run === run && d.step === step);
  return { step, value: at.reduce((s, d) => s + d.value, 0) / at.length, run };
})), { metric: "value", title: `pass@1 rises, pass@${K_LARGE} falls as GRPO trains (mean over ${SEEDS.length} seeds)`, yTitle: "exact pass@k" })
"""),
("markdown", r"""
## The exact curves are what sampling reports

For the first seed, 256 answers per prompt from each policy (`sampleRollouts`) and the unbiased
estimator with a bootstrap band over problems (`passAtKCurve`), beside the exact curves.
"""),
("code", r"""
const first = of(MAIN)[0]!;
const prompts = first.base.prompts.map((p) => ({ prompt_id: p.id, prompt: p.id }));
const sampled = await Promise.all([first.base, first.pol].map((pol, j) => sampleRollouts(pol, prompts, { n: SAMPLED_N, seed: first.seed * 10 + j, reward: (c, p) => first.base.reward(p.prompt_id, c.text) })));
const sampledKs = KS.filter((k) => k <= SAMPLED_N);
const estimated = sampled.map((t, j) => passAtKCurve(t, { ks: sampledKs, policy: j === 0 ? "base (sampled)" : "after RLVR (sampled)", ci: 0.95 }));
let maxGap = 0;
estimated.forEach((curve, j) => {
  const exact = j === 0 ? first.base : first.pol;
  for (const r of curve.objects() as Array<{ k: number; pass_at_k: number }>) maxGap = Math.max(maxGap, Math.abs(r.pass_at_k - exact.passAtK(r.k)));
});
display.markdown(`Largest gap between the sampled estimate and the exact pass@k at k = ${sampledKs.join(", ")}: ${maxGap.toFixed(3)}.`);
passAtKFigure([first.base.passAtKCurve(sampledKs), first.pol.passAtKCurve(sampledKs), ...estimated], { title: `Seed ${first.seed}: exact and sampled (n = ${SAMPLED_N}) pass@k` })
"""),
("markdown", r"""
## The claims

Per seed, the paired differences between the trained policy and its own base in the main setting.
We call the first claim replicated when the 95% interval of pass@1(trained) − pass@1(base) lies
above 0.05, the second when the 95% interval of pass@256(base) − pass@256(trained) lies above 0.01.
"""),
("code", r"""
const gain1 = (setting: string) => of(setting).map((r) => r.pol.passAtK(1) - r.base.passAtK(1));
const lossK = (setting: string) => of(setting).map((r) => r.base.passAtK(K_LARGE) - r.pol.passAtK(K_LARGE));
function gapFigure(setting: string) {
  return figure({
    data: of(setting).map((r) => ({ x: KS, y: KS.map((k) => r.pol.passAtK(k) - r.base.passAtK(k)), name: `seed ${r.seed}`, mode: "lines+markers" })),
    layout: { title: { text: "pass@k(after RLVR) − pass@k(base), per seed: above 0 at small k, below at large k" }, xaxis: { title: { text: "k" }, type: "log" }, yaxis: { title: { text: "difference in pass@k" } },
      shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: 0, y1: 0, line: { dash: "dot", color: "#888" } }] },
  });
}
const claims = {
  pass1: (setting: string) => claim({
    id: "rlvr-raises-pass-at-1",
    statement: "GRPO with a binary verifier reward raises pass@1 of a tabular policy with answers tied across prompts by more than 0.05 over its base",
    statistic: "pass@1(after RLVR) − pass@1(base)",
    paper: { ...PAPER, value: "RL-trained models ahead of their base at k = 1 on every benchmark (Figure 2)" },
    seeds: SEEDS, values: gain1(setting), margin: { above: 0.05 }, figure: gapFigure(setting),
  }),
  passK: (setting: string) => claim({
    id: `rlvr-lowers-pass-at-${K_LARGE}`,
    statement: `After GRPO, pass@${K_LARGE} of the same policy falls more than 0.01 below its base's: coverage narrows`,
    statistic: `pass@${K_LARGE}(base) − pass@${K_LARGE}(after RLVR)`,
    paper: { ...PAPER, value: "base models ahead at large k (pass@256) on every benchmark (Figure 2)" },
    seeds: SEEDS, values: lossK(setting), margin: { above: 0.01 }, figure: gapFigure(setting),
  }),
};
display(claims.pass1(MAIN));
display(claims.passK(MAIN));
"""),
("markdown", r"""
## Every setting

Both statistics with their intervals and `claim()`'s verdicts, and the crossover k per seed, for
every setting that was run (the main one first).
"""),
("code", r"""
const fmt = (x: number) => x.toFixed(3);
const settingRows = SETTINGS.map(({ setting }) => {
  const a = claims.pass1(setting), b = claims.passK(setting);
  return {
    setting, "pass@1 gain [95% CI]": `${fmt(a.mean)} [${fmt(a.low)}, ${fmt(a.high)}]`, "pass@1 rises (> 0.05)": a.verdict,
    [`pass@${K_LARGE} loss [95% CI]`]: `${fmt(b.mean)} [${fmt(b.low)}, ${fmt(b.high)}]`, [`pass@${K_LARGE} falls (> 0.01)`]: b.verdict,
    "crossover k per seed": of(setting).map((r) => r.cross ?? "none").join(", "),
  };
});
aq.from(settingRows)
"""),
("code", r"""
const main = settingRows[0]!;
const crosses = of(MAIN).map((r) => r.cross).filter((k): k is number => k !== null).sort((x, y) => x - y);
display.markdown([
  `**Main setting:** pass@1 rises — **${main["pass@1 rises (> 0.05)"]}** (${main["pass@1 gain [95% CI]"]}); pass@${K_LARGE} falls below the base — **${main[`pass@${K_LARGE} falls (> 0.01)`]}** (${main[`pass@${K_LARGE} loss [95% CI]`]}); crossover at k = ${crosses.length ? crosses.join(", ") : "none"}${crosses.length < SEEDS.length ? ` (no crossover within k ≤ ${KS.at(-1)} for ${SEEDS.length - crosses.length} seeds)` : ""}.`,
  ...settingRows.slice(1).map((r) => `${r.setting}: pass@1 rises — ${r["pass@1 rises (> 0.05)"]}; pass@${K_LARGE} falls — ${r[`pass@${K_LARGE} falls (> 0.01)`]}; crossover k ${r["crossover k per seed"]}.`),
  `Run time ${((Date.now() - t0) / 1000).toFixed(1)} s.`,
].join("\n\n"));
"""),
("markdown", r"""
## Reading the result

With answers tied across prompts, every GRPO step that rewards a right answer on one problem also
raises that answer's text on the problems where it is wrong, and lowers the texts it beat —
sometimes the rare right answer of a problem the policy almost never solves. Those problems give
GRPO no signal of their own (all-wrong groups have zero std), so nothing pulls their right answer
back: pass@1 climbs on the problems the base could already solve while pass@k at large k, which
counts the rare successes, falls. With independent prompts the same training cannot narrow
anything, which is the point of the control: narrowing needs parameters shared across problems,
which every neural policy has.
"""),
]


for name, cells in [("truthrl-ternary-reward", TRUTHRL), ("rlvr-coverage", RLVR)]:
    nbwrite.write(name, cells)
