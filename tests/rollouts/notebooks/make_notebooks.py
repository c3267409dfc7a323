"""Writes notebooks/negative-reinforcement.ipynb, notebooks/grpo-vanishing-advantages.ipynb and
notebooks/kl-direction.ipynb (nbformat 4, replab kernel, empty outputs) from the cells below.
Each starts with a code cell tagged `parameters` (seeds and sizes; `replab run NB -p SEEDS '[…]'`
overrides them) and states its claims with replab/claims' `claim()` over those seeds.
Run from the repository root: /usr/bin/python3 tests/rollouts/notebooks/make_notebooks.py
"""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "notebooks", "py"))
import nbwrite

NEG = [
("code", r"""
// parameters: seeds and sizes (papermill-style tagged cell; `replab run NB -p SEEDS '[…]'` overrides them)
const SEEDS = [1, 2, 3, 4, 5];
const PROMPTS = 200;                  // tabular prompts per world
const ANSWERS = 16;                   // answers per prompt
const CORRECT = [3, 1];               // settings: correct answers per prompt
const VOCABULARIES = [0, 24, 48];     // settings: 0 = independent prompts, else a shared answer vocabulary of that size
const OPTIMIZERS = ["sgd", "adam"];   // settings: plain SGD on the logits, or Adam
const SGD_LR = 30;
const ADAM_LR = 0.1;
const STEPS = 100;                    // policy updates per run (a quarter of the prompts each)
const GROUP = 8;                      // samples per prompt per update
const K = 256;                        // the large k of the claim
const KEEP_MARGIN = 0.005;            // "NSR keeps pass@K": at most this far below the base
""", ["parameters"]),
("markdown", r"""
# Negative reinforcement on tabular policies, in every setting tried

Zhu et al. (2025), *The Surprising Effectiveness of Negative Reinforcement in LLM Reasoning*
(arXiv 2506.01347), split the RLVR objective into **positive sample reinforcement** (PSR: raise
the likelihood of correct samples) and **negative sample reinforcement** (NSR: lower the
likelihood of wrong ones). Training Qwen models on MATH they report that PSR alone raises pass@1
but *lowers* pass@k at large k (up to pass@256) below the base model, while NSR alone keeps or
raises the whole pass@k curve.

The policy here is a **tabular softmax** over 16 answers per prompt, 200 prompts, base logits
drawn N(0, 2²); pass@k is exact, 1 − (1 − p)^k. Each run trains its own copy of the base on
sampled groups of 8, a quarter of the prompts per update, for 100 updates, with PSR, NSR,
W-REINFORCE (λ = 0.1, the paper's upweighted-NSR variant) and GRPO.

Earlier versions of this notebook tried one setting at a time and changed it until the claim
passed: the first used 3 correct answers per prompt, a 24-answer shared vocabulary (answers tie
their logits across prompts, as shared weights do) or independent prompts, and plain SGD, with
GRPO among the methods; the last used 1 correct answer, a 48-answer vocabulary and Adam, without
GRPO. Here every combination of those choices runs, over the seeds of the `parameters` cell:
**{3, 1} correct answers × {independent prompts, vocabulary 24, vocabulary 48} × {SGD, Adam}**,
twelve settings, with GRPO trained in each. (Every method trains its own copy from the base with
its own samples, so training GRPO or not changes nothing in the PSR and NSR runs: the "with" and
"without GRPO" halves of the old grid are the same numbers, and GRPO's own row is in the table.)
Every random choice — the prompts, their answers and logits, every sample — comes from the seed.
"""),
("code", r"""
import { TabularPolicy, randomTabularPrompts, tabularPolicyUpdate, type PolicyUpdateMethod } from "replab/rollouts";
import { passAtKFigure, figure } from "replab/plots";
import { claim, sanity } from "replab/claims";
import * as aq from "arquero";

const ks = [1, 2, 4, 8, 16, 32, 64, 128, 256];
const METHODS: PolicyUpdateMethod[] = ["psr", "nsr", "w-reinforce", "grpo"];
type Optimizer = "sgd" | "adam";
interface Setting { correct: number; vocabulary: number; optimizer: Optimizer }
const settings: Setting[] = CORRECT.flatMap((correct) => VOCABULARIES.flatMap((vocabulary) => OPTIMIZERS.map((optimizer) => ({ correct, vocabulary, optimizer: optimizer as Optimizer }))));
const nameOf = (s: Setting) => `${s.correct} correct, ${s.vocabulary ? `vocabulary ${s.vocabulary}` : "independent prompts"}, ${s.optimizer === "adam" ? "Adam" : "SGD"}`;
const idOf = (s: Setting) => `correct-${s.correct}-${s.vocabulary ? `vocab-${s.vocabulary}` : "independent"}-${s.optimizer}`;

function world(s: Setting, seed: number): TabularPolicy {
  const prompts = randomTabularPrompts(PROMPTS, { answers: ANSWERS, correct: s.correct, spread: 2, seed, sharedVocabulary: s.vocabulary });
  return new TabularPolicy(prompts, { name: "base", tieAnswers: s.vocabulary > 0 });
}
function train(base: TabularPolicy, method: PolicyUpdateMethod, s: Setting, seed: number): TabularPolicy {
  const pol = base.clone(method);
  const ids = pol.prompts.map((p) => p.id);
  for (let step = 0; step < STEPS; step++) {
    const batch = ids.filter((_, i) => (i + step) % 4 === 0);          // a quarter of the prompts per update
    const samples = pol.sampleSync(batch, { n: GROUP, seed: seed * 100_000 + step });
    tabularPolicyUpdate(pol, batch.map((id, j) => ({ prompt: id, answers: samples[j].map((c) => c.text), rewards: samples[j].map((c) => pol.reward(id, c.text)) })),
      s.optimizer === "adam" ? { method, lr: ADAM_LR, optimizer: "adam" } : { method, lr: SGD_LR });
  }
  return pol;
}
interface Run { setting: Setting; seed: number; base: TabularPolicy; pols: Record<string, TabularPolicy> }
const runs: Run[] = [];
const bar = progress({ total: settings.length * SEEDS.length, label: "settings × seeds" });
for (const s of settings) for (const seed of SEEDS) {
  const base = world(s, seed);
  const pols: Record<string, TabularPolicy> = {};
  for (const m of METHODS) pols[m] = train(base, m, s, seed);
  runs.push({ setting: s, seed, base, pols });
  bar.tick();
}
bar.done();
const runsOf = (s: Setting) => runs.filter((r) => r.setting === s);
`trained ${runs.length * METHODS.length} policies: ${settings.length} settings × ${SEEDS.length} seeds × ${METHODS.length} methods`
"""),
("markdown", r"""
## pass@k curves of the first and the last set-up tried

Mean exact pass@k over the seeds: the first version's set-up (3 correct answers, vocabulary 24,
SGD) and the last one's (1 correct answer, vocabulary 48, Adam). Every setting's numbers are in
the table further down.
"""),
("code", r"""
function meanCurves(s: Setting) {
  const rs = runsOf(s);
  const mean = (f: (r: Run) => number) => rs.reduce((a, r) => a + f(r), 0) / rs.length;
  return ["base", ...METHODS].map((m) => aq.table({ k: ks, pass_at_k: ks.map((k) => mean((r) => (m === "base" ? r.base : r.pols[m]).passAtK(k))), policy: ks.map(() => m) }));
}
const pick = (correct: number, vocabulary: number, optimizer: Optimizer) => settings.find((s) => s.correct === correct && s.vocabulary === vocabulary && s.optimizer === optimizer);
for (const s of [pick(3, 24, "sgd"), pick(1, 48, "adam")]) if (s) display(passAtKFigure(meanCurves(s), { title: `pass@k, mean over ${SEEDS.length} seeds — ${nameOf(s)}` }));
"""),
("markdown", r"""
## Why the optimiser might matter

For any softmax policy E_{y∼π}[∇ log π(y)] = 0, so the expected PSR gradient E[1{correct} ∇ log π(y)]
equals the expected NSR gradient −E[1{wrong} ∇ log π(y)]: both are ∇P(correct). The next cell
checks the identity on every prompt of one base policy (a **sanity** check: it is algebra). With
plain SGD the two objectives therefore differ only through sampling noise and finite steps. One
reading of what could separate them under Adam is *which* samples carry the gradient: NSR's
gradient on a failed prompt is spread thinly over the answers it did not sample — including the
rare correct one — and Adam's per-parameter normalisation turns those small pushes into real
steps, while PSR gets no signal from prompts it never solves and sharpens the shared answers of
the prompts it already solves. The table below says in which settings that shows.
"""),
("code", r"""
let maxGap = 0;
const base0 = runs[0].base;
for (let i = 0; i < base0.prompts.length; i++) {
  const p = base0.probs(i), r = base0.prompts[i].rewards;
  const psr = new Float64Array(p.length), nsr = new Float64Array(p.length);
  for (let y = 0; y < p.length; y++) for (let a = 0; a < p.length; a++) {
    const g = (a === y ? 1 : 0) - p[a];
    if (r[y] > 0) psr[a] += p[y] * g; else nsr[a] -= p[y] * g;
  }
  for (let a = 0; a < p.length; a++) maxGap = Math.max(maxGap, Math.abs(psr[a] - nsr[a]));
}
sanity("the expected PSR and NSR gradients are equal on every prompt and logit", maxGap < 1e-12, `largest gap ${maxGap.toExponential(2)}`)
"""),
("markdown", r"""
## The claim, setting by setting

The paper's claim has two halves, each a statistic with one value per seed, tested by `claim()`
(mean over the seeds with its 95% Student-t interval; **holds** when the whole interval lies past
the margin, **partly** when only the mean does, **does not** otherwise):

- **PSR lowers pass@256**: pass@256(base) − pass@256(PSR) — we call it replicated when the 95%
  interval lies above 0;
- **NSR keeps pass@256**: pass@256(NSR) − pass@256(base) — replicated when the 95% interval lies
  above −0.005 (NSR no more than half a point below the base).

A setting replicates the paper when both halves hold. Each setting has its own pair of claims
(ids `psr-lowers-pass-at-256/<setting>` and `nsr-keeps-pass-at-256/<setting>`); the figure shows
every setting's two intervals against their margins.
"""),
("code", r"""
const PAPER = { title: "The Surprising Effectiveness of Negative Reinforcement in LLM Reasoning", arxiv: "2506.01347" };
const pK = (p: TabularPolicy) => p.passAtK(K);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const specs = settings.map((s) => {
  const rs = runsOf(s);
  return {
    psr: { id: `psr-lowers-pass-at-${K}/${idOf(s)}`, statement: `${nameOf(s)}: PSR lowers pass@${K} below the base policy's`, statistic: `pass@${K}(base) − pass@${K}(PSR)`, paper: PAPER, seeds: SEEDS, values: rs.map((r) => pK(r.base) - pK(r.pols.psr)), margin: { above: 0 } },
    nsr: { id: `nsr-keeps-pass-at-${K}/${idOf(s)}`, statement: `${nameOf(s)}: NSR keeps pass@${K} within ${KEEP_MARGIN} of the base policy's or above it`, statistic: `pass@${K}(NSR) − pass@${K}(base)`, paper: PAPER, seeds: SEEDS, values: rs.map((r) => pK(r.pols.nsr) - pK(r.base)), margin: { above: -KEEP_MARGIN } },
  };
});
const first = specs.map((sp) => ({ psr: claim(sp.psr), nsr: claim(sp.nsr) }));
const interval = (name: string, pick: (c: (typeof first)[number]) => { mean: number; low: number; high: number }) => ({
  type: "scatter", mode: "markers", name, x: settings.map(nameOf), y: first.map((c) => pick(c).mean),
  error_y: { type: "data", symmetric: false, array: first.map((c) => pick(c).high - pick(c).mean), arrayminus: first.map((c) => pick(c).mean - pick(c).low) },
});
const claimFigure = figure({
  data: [interval(`PSR: pass@${K}(base) − pass@${K}(PSR)   (needs > 0)`, (c) => c.psr), interval(`NSR: pass@${K}(NSR) − pass@${K}(base)   (needs > −${KEEP_MARGIN})`, (c) => c.nsr)],
  layout: {
    title: { text: `pass@${K} changes per setting: mean over ${SEEDS.length} seeds with 95% Student-t intervals` },
    xaxis: { automargin: true, tickangle: -30 }, yaxis: { title: { text: `change in pass@${K}` } }, height: 520,
    shapes: [0, -KEEP_MARGIN].map((y) => ({ type: "line", xref: "paper", x0: 0, x1: 1, y0: y, y1: y, line: { dash: "dash", color: "grey", width: 1 } })),
  },
});
const claims = specs.map((sp) => ({ psr: claim({ ...sp.psr, figure: claimFigure }), nsr: claim({ ...sp.nsr, figure: claimFigure }) }));
display(claimFigure);
"""),
("code", r"""
const overall = (c: (typeof claims)[number]) => c.psr.verdict === "holds" && c.nsr.verdict === "holds" ? "replicates" : c.psr.verdict === "does-not" || c.nsr.verdict === "does-not" ? "does not" : "partly";
const results = settings.map((s, i) => {
  const c = claims[i], rs = runsOf(s);
  const d = (m: string, k: number) => mean(rs.map((r) => r.pols[m].passAtK(k) - r.base.passAtK(k)));
  return {
    setting: nameOf(s), base_pass1: mean(rs.map((r) => r.base.passAtK(1))), base_passK: mean(rs.map((r) => pK(r.base))),
    psr_drop: c.psr.mean, psr_low: c.psr.low, psr_high: c.psr.high, psr_claim: c.psr.verdict,
    nsr_change: c.nsr.mean, nsr_low: c.nsr.low, nsr_high: c.nsr.high, nsr_claim: c.nsr.verdict,
    paper: overall(c),
    psr_pass1_gain: d("psr", 1), nsr_pass1_gain: d("nsr", 1), wr_passK_change: d("w-reinforce", K), grpo_passK_change: d("grpo", K),
  };
});
display(aq.from(results));
for (const c of claims) { display(c.psr); display(c.nsr); }
const named = (want: string) => results.filter((r) => r.paper === want).map((r) => r.setting);
const failing = (half: "psr_claim" | "nsr_claim") => results.filter((r) => r[half] === "does-not").map((r) => r.setting);
const [yes, part] = [named("replicates"), named("partly")];
const list = (xs: string[]) => (xs.length ? xs.join("; ") : "none");
display.markdown([
  `**With seeds ${SEEDS.join(", ")}, the paper's claim (PSR lowers pass@${K}, NSR keeps it) replicates in ${yes.length} of ${results.length} settings: ${list(yes)}.**`,
  `It holds only partly (both means past their margins, an interval reaching one) in ${list(part)}.`,
  `It does **not** replicate in the other ${results.length - yes.length - part.length}: PSR does not lower pass@${K} in ${list(failing("psr_claim"))}; NSR does not keep pass@${K} in ${list(failing("nsr_claim"))}.`,
].join("\n\n"));
"""),
]

KL = [
("code", r"""
// parameters: seeds and sizes (papermill-style tagged cell; `replab run NB -p SEEDS '[…]'` overrides them)
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const PROMPTS = 300;      // tabular prompts per world
const ANSWERS = 16;       // answers per prompt
const CORRECT = 2;        // correct answers per prompt
const VOCABULARY = 24;    // answers share logits through a vocabulary of this size
const STEPS = 100;        // GRPO updates per run (a quarter of the prompts each)
const GROUP = 8;          // samples per prompt per update
const LR = 30;            // SGD step on the logits
const BETA = 0.15;        // KL coefficient β
const K = 256;            // the large k of the claims
""", ["parameters"]),
("markdown", r"""
# Which KL direction keeps pass@k at large k?

RLVR raises pass@1 but narrows what a policy samples, which can lower pass@k at large k below the
base model. A KL penalty to the base is the usual brake, and its **direction** matters: the reverse
KL(π ‖ π_base) (the RLHF default, what the k3 estimator in GRPO estimates) is *mode-seeking* — it
does not mind π dropping answers the base could give — while the forward KL(π_base ‖ π) is
*mass-covering*: it grows without bound as π starves any answer the base gives mass to. Li et al.,
*The Choice of Divergence: A Neglected Key to Mitigating Diversity Collapse in Reinforcement
Learning with Verifiable Reward* (arXiv 2509.07430), argue that GRPO without a divergence term and
GRPO with the reverse KL both lose pass@k at large k, and that a mass-covering penalty (forward KL,
or JS) keeps it.

We train tabular softmax policies (300 prompts, 16 answers each, 2 correct; answers share logits
through a 24-answer vocabulary so that learning generalises across prompts) with GRPO on groups
of 8, with no KL, reverse KL and forward KL (β = 0.15, exact KL gradients), and compare exact
pass@k. Each seed of the `parameters` cell draws its own prompts, base logits and samples; the
three runs of a seed start from the same base and see the same sampling seeds, so their
differences are paired. Near the base the two KLs agree to second order, so the difference
between them is expected to be small: the notebook runs 8 seeds rather than 5 for that reason.
(An earlier version ran one seed and compared single numbers, with no margin.)
"""),
("code", r"""
import { TabularPolicy, randomTabularPrompts, tabularPolicyUpdate } from "replab/rollouts";
import { passAtKFigure, trainingCurveFigure, figure } from "replab/plots";
import { claim } from "replab/claims";
import * as aq from "arquero";

const ks = [1, 2, 4, 8, 16, 32, 64, 128, 256];
type Direction = "none" | "reverse" | "forward";
const DIRECTIONS: Direction[] = ["none", "reverse", "forward"];
const LABEL: Record<Direction, string> = { none: "GRPO, no KL", reverse: "GRPO + reverse KL", forward: "GRPO + forward KL" };
type Log = Array<{ step: number; kl: number; entropy: number; run: string }>;
function train(base: TabularPolicy, direction: Direction, seed: number): { pol: TabularPolicy; log: Log } {
  const pol = base.clone(LABEL[direction]);
  const ids = pol.prompts.map((p) => p.id);
  const log: Log = [];
  for (let s = 0; s < STEPS; s++) {
    const batch = ids.filter((_, i) => (i + s) % 4 === 0);
    const samples = pol.sampleSync(batch, { n: GROUP, seed: seed * 100_000 + s });
    const stats = tabularPolicyUpdate(pol, batch.map((id, j) => ({ prompt: id, answers: samples[j].map((c) => c.text), rewards: samples[j].map((c) => pol.reward(id, c.text)) })),
      { method: "grpo", lr: LR, klCoef: direction === "none" ? 0 : BETA, klDirection: direction === "forward" ? "forward" : "reverse", reference: base });
    log.push({ step: s, kl: stats.kl, entropy: stats.entropy, run: pol.name });
  }
  return { pol, log };
}
const runs = SEEDS.map((seed) => {
  const base = new TabularPolicy(randomTabularPrompts(PROMPTS, { answers: ANSWERS, correct: CORRECT, spread: 2, seed, sharedVocabulary: VOCABULARY }), { tieAnswers: true, name: "base" });
  const trained = Object.fromEntries(DIRECTIONS.map((d) => [d, train(base, d, seed)])) as Record<Direction, { pol: TabularPolicy; log: Log }>;
  return { seed, base, ...trained };
});
const meanOver = (f: (r: (typeof runs)[number]) => number) => runs.reduce((a, r) => a + f(r), 0) / runs.length;
passAtKFigure([
  aq.table({ k: ks, pass_at_k: ks.map((k) => meanOver((r) => r.base.passAtK(k))), policy: ks.map(() => "base") }),
  ...DIRECTIONS.map((d) => aq.table({ k: ks, pass_at_k: ks.map((k) => meanOver((r) => r[d].pol.passAtK(k))), policy: ks.map(() => LABEL[d]) })),
], { title: `Exact pass@k after GRPO, by KL direction (mean over ${SEEDS.length} seeds)` })
"""),
("code", r"""
aq.from(runs.flatMap((r) => [r.base, ...DIRECTIONS.map((d) => r[d].pol)].map((p) => ({ seed: r.seed, policy: p.name, pass1: p.passAtK(1), pass16: p.passAtK(16), passK: p.passAtK(K), entropy: p.meanEntropy() }))))
  .groupby("policy").rollup({ pass1: aq.op.mean("pass1"), pass16: aq.op.mean("pass16"), passK: aq.op.mean("passK"), passK_min: aq.op.min("passK"), passK_max: aq.op.max("passK"), entropy: aq.op.mean("entropy") })
"""),
("code", r"""
trainingCurveFigure(DIRECTIONS.flatMap((d) => runs[0][d].log), { metric: "entropy", title: `Entropy over training (seed ${SEEDS[0]})`, yTitle: "mean entropy (nats)" })
"""),
("markdown", r"""
## The claims, over the seeds

Three claims, each a paired difference of exact pass@256 per seed, tested by `claim()` (the mean
over the seeds with its 95% Student-t interval — the paired t-test's interval; **holds** when the
whole interval lies past the margin, **partly** when only the mean does, **does not** otherwise):

1. **GRPO without a KL lowers pass@256 below the base**: pass@256(base) − pass@256(no KL);
2. **the forward KL keeps pass@256 above the reverse KL**: pass@256(forward) − pass@256(reverse);
3. **the forward KL keeps pass@256 above no KL**: pass@256(forward) − pass@256(no KL).

We call each replicated when the 95% interval of its difference lies above 0. The figure shows
each seed's pass@256 under the four policies, one line per seed.
"""),
("code", r"""
const PAPER = { title: "The Choice of Divergence: A Neglected Key to Mitigating Diversity Collapse in Reinforcement Learning with Verifiable Reward", arxiv: "2509.07430" };
const pK = (p: TabularPolicy) => p.passAtK(K);
const seedFigure = figure({
  data: runs.map((r) => ({ type: "scatter", mode: "lines+markers", name: `seed ${r.seed}`, x: ["base", LABEL.none, LABEL.reverse, LABEL.forward], y: [pK(r.base), pK(r.none.pol), pK(r.reverse.pol), pK(r.forward.pol)] })),
  layout: { title: { text: `Exact pass@${K} per seed, paired` }, yaxis: { title: { text: `pass@${K}` } } },
});
const common = { paper: PAPER, seeds: SEEDS, margin: { above: 0 }, figure: seedFigure };
const claims = [
  claim({ ...common, id: `no-kl-lowers-pass-at-${K}`, statement: `GRPO without a KL penalty lowers pass@${K} below the base policy's`, statistic: `pass@${K}(base) − pass@${K}(GRPO, no KL)`, values: runs.map((r) => pK(r.base) - pK(r.none.pol)) }),
  claim({ ...common, id: `forward-kl-above-reverse-kl-pass-at-${K}`, statement: `GRPO with the forward (mass-covering) KL ends with a higher pass@${K} than with the reverse KL`, statistic: `pass@${K}(forward KL) − pass@${K}(reverse KL)`, values: runs.map((r) => pK(r.forward.pol) - pK(r.reverse.pol)) }),
  claim({ ...common, id: `forward-kl-above-no-kl-pass-at-${K}`, statement: `GRPO with the forward KL ends with a higher pass@${K} than GRPO without a KL`, statistic: `pass@${K}(forward KL) − pass@${K}(GRPO, no KL)`, values: runs.map((r) => pK(r.forward.pol) - pK(r.none.pol)) }),
];
display(seedFigure);
for (const c of claims) display(c);
const says = (c: (typeof claims)[number]) => `${c.statement} — ${c.verdict === "holds" ? "**holds**" : c.verdict === "partly" ? "holds only **partly**" : "does **not** hold"} (${c.mean.toFixed(4)}, 95% CI [${c.low.toFixed(4)}, ${c.high.toFixed(4)}])`;
display.markdown(`With seeds ${SEEDS.join(", ")}: ${claims.map(says).join("; ")}. Mean pass@${K}: base ${meanOver((r) => pK(r.base)).toFixed(4)}, no KL ${meanOver((r) => pK(r.none.pol)).toFixed(4)}, reverse KL ${meanOver((r) => pK(r.reverse.pol)).toFixed(4)}, forward KL ${meanOver((r) => pK(r.forward.pol)).toFixed(4)}.`);
"""),
]

GRPO = [
("code", r"""
// parameters: seeds and sizes (papermill-style tagged cell; `replab run NB -p SEEDS '[…]'` overrides them)
const SEEDS = [1, 2, 3, 4, 5];
const HIDDEN = 32;                 // GRU hidden size of the char LM
const WARMUP_STEPS = 150;          // supervised warm-up steps on level-1 sums
const WARMUP_LR = 0.05;
const HELD_OUT_SAMPLES = 128;      // samples per prompt that estimate its solve rate p̂
const GROUP_SIZES = [2, 4, 8, 16];
const GROUPS_PER_PROMPT = 16;      // fresh groups per prompt and group size
const GRPO_STEPS = 30;
const GRPO_BATCH = 16;             // training problems per GRPO step
const GRPO_GROUP = 8;              // completions per problem per step
const GRPO_LR = 0.02;
const EVAL_SAMPLES = 32;           // samples per held-out problem for the reward before and after GRPO
const PREDICTION_MARGIN = 0.03;    // the prediction claim: mean |measured − predicted| below this
""", ["parameters"]),
("markdown", r"""
# Vanishing advantages in GRPO

GRPO's advantage is a reward minus its group's mean, divided by the group's std (TRL). When every
completion of a prompt gets the same reward — all right or all wrong — the advantage is zero and the
prompt teaches nothing. TRL logs the share of such groups as `frac_reward_zero_std`; DAPO (Yu et al.
2025, arXiv 2503.14476) filters them out ("dynamic sampling") because the share grows as training
makes easy prompts always right. For a prompt the policy solves with probability p, a group of G
independent samples is signal-free with probability p^G + (1 − p)^G: larger groups help, and
prompts far from p = ½ (too hard or too easy) waste the most.

For each seed of the `parameters` cell we train a small character-level GRU (replab's `CharLM`)
for a few seconds on one-digit sums (answers in `\boxed{}`), split the 100 distinct sums at random
into 50 **training** problems and 50 **held-out** problems, and then:

1. estimate each training problem's solve rate p̂ from 128 samples, and **predict** the share of
   zero-std groups of size G = 2, 4, 8, 16 as the mean over problems of p^G + (1 − p)^G,
   estimated from those samples (`expectedFracRewardZeroStd`: unbiased,
   [C(c, G) + C(n − c, G)] / C(n, G); the plug-in p̂^G + (1 − p̂)^G is shown beside it);
2. **measure** that share on 16 *fresh* groups per problem and group size — new samples for every
   G, none of them the samples p̂ came from, so the share can rise or fall from one G to the next
   and the prediction can miss;
3. run GRPO on the training problems and measure the mean reward on the **held-out** problems, which
   GRPO never trains on, before and after; the warm-up saw all 100 sums, as a base model has seen
   its domain, and the split separates what RL trains on from what it is judged on.

Every random choice — the model's initial weights, the warm-up batches, the split, every sample —
comes from the seed. (An earlier version of this notebook cut each prompt's 16 samples into groups
of 2, 4, 8 and 16, so the groups were nested and the share could never rise from G to 2G; it
predicted the share from the very samples it measured, and it measured GRPO's reward rise on the
12 problems GRPO trained on, with one seed.)
"""),
("code", r"""
import { CharLM, arithmeticProblems, arithmeticReward, groupAdvantages, fracRewardZeroStd, rewardGroupMetrics, expectedFracRewardZeroStd, type ArithmeticProblem } from "replab/rollouts";
import { rng } from "replab/core";
import { zeroStdFigure, trainingCurveFigure, advantageFigure, figure } from "replab/plots";
import { claim, sanity } from "replab/claims";
import { meanInterval } from "replab/stats";
import * as aq from "arquero";

/** One row per sample: prompt_id, group (sample j of a prompt is in group ⌊j / groupSize⌋), reward. */
async function rollouts(lm: CharLM, problems: ArithmeticProblem[], n: number, seed: number, groupSize = n) {
  const outs = await lm.sample(problems.map((p) => p.prompt), { n, seed });
  return aq.from(outs.flatMap((g, i) => g.map((c, j) => ({ prompt_id: problems[i].prompt_id, group: `${problems[i].prompt_id}/${Math.floor(j / groupSize)}`, reward: arithmeticReward(c.text, problems[i].answer) }))));
}
const meanReward = (t: aq.ColumnTable) => rewardGroupMetrics(t).reward;
interface ZeroRow { seed: number; group_size: number; groups: number; measured: number; predicted: number; plug_in: number }
interface StepRow { seed: number; step: number; reward: number; frac_reward_zero_std: number; frac_reward_all_zero: number; frac_reward_all_one: number }

async function runSeed(seed: number) {
  const r = rng(seed).fork("grpo-vanishing-split");
  const lm = await CharLM.create({ hidden: HIDDEN, seed });
  const pool = arithmeticProblems(1000, { level: 1, seed });
  const losses = await lm.train(pool.map((p) => ({ prompt: p.prompt, completion: p.target })), { steps: WARMUP_STEPS, batchSize: 32, lr: WARMUP_LR, seed });
  const distinct = r.shuffle([...new Map(pool.map((p) => [p.prompt, p] as const)).values()]);
  const half = Math.floor(distinct.length / 2);
  const trainSet = distinct.slice(0, half), heldOut = distinct.slice(half);

  // 1–2: p̂ from one set of samples; the zero-std share measured on fresh groups for each G
  const estimate = await rollouts(lm, trainSet, HELD_OUT_SAMPLES, seed * 1000 + 1);
  const zero: ZeroRow[] = [];
  for (const G of GROUP_SIZES) {
    const fresh = await rollouts(lm, trainSet, G * GROUPS_PER_PROMPT, seed * 1000 + 10 + G, G);
    const m = rewardGroupMetrics(fresh, { groupColumn: "group" });
    zero.push({ seed, group_size: G, groups: m.groups, measured: m.frac_reward_zero_std, predicted: expectedFracRewardZeroStd(estimate, G), plug_in: expectedFracRewardZeroStd(estimate, G, { estimator: "plug-in" }) });
  }

  // 3: GRPO on the training problems; reward on the held-out ones before and after
  const heldBefore = meanReward(await rollouts(lm, heldOut, EVAL_SAMPLES, seed * 1000 + 2));
  const trainBefore = meanReward(estimate);
  const order = r.shuffle(trainSet);
  const log: StepRow[] = [];
  let lastRewards: number[] = [];
  for (let step = 0; step < GRPO_STEPS; step++) {
    const batch = Array.from({ length: GRPO_BATCH }, (_, j) => order[(step * GRPO_BATCH + j) % order.length]);
    const outs = await lm.sample(batch.map((p) => p.prompt), { n: GRPO_GROUP, seed: seed * 1000 + 100 + step });
    const rewards = outs.flatMap((g, i) => g.map((c) => arithmeticReward(c.text, batch[i].answer)));
    const adv = groupAdvantages(rewards, GRPO_GROUP);
    await lm.policyGradientStep(outs.flatMap((g, i) => g.map((c, j) => ({ prompt: batch[i].prompt, completion: c.text, weight: adv[i * GRPO_GROUP + j], stopped: c.finishReason === "stop" }))), { lr: GRPO_LR });
    const m = rewardGroupMetrics(rewards, GRPO_GROUP);
    log.push({ seed, step, reward: m.reward, frac_reward_zero_std: m.frac_reward_zero_std, frac_reward_all_zero: m.frac_reward_all_zero, frac_reward_all_one: m.frac_reward_all_one });
    lastRewards = rewards;
  }
  const heldAfter = meanReward(await rollouts(lm, heldOut, EVAL_SAMPLES, seed * 1000 + 3));
  const trainAfter = meanReward(await rollouts(lm, trainSet, EVAL_SAMPLES, seed * 1000 + 4));
  return { seed, loss: [losses[0], losses.at(-1)!], problems: distinct.length, zero, log, lastRewards, heldBefore, heldAfter, trainBefore, trainAfter };
}
const bar = progress({ total: SEEDS.length, label: "seeds (warm-up, zero-std groups, GRPO)" });
const runs = [];
for (const seed of SEEDS) { runs.push(await runSeed(seed)); bar.tick(); }
bar.done();
aq.from(runs.map((r) => ({ seed: r.seed, warmup_loss_start: r.loss[0], warmup_loss_end: r.loss[1], distinct_sums: r.problems, train_reward_before: r.trainBefore, train_reward_after: r.trainAfter, held_out_before: r.heldBefore, held_out_after: r.heldAfter })))
"""),
("markdown", r"""
## Zero-signal groups against group size: predicted from held-out samples, measured on fresh ones
"""),
("code", r"""
const zeroRows = runs.flatMap((r) => r.zero);
display(aq.from(zeroRows).derive({ error: (d: ZeroRow) => d.measured - d.predicted, plug_in_error: (d: ZeroRow) => d.measured - d.plug_in }));
zeroStdFigure(zeroRows.flatMap((z) => [
  { group_size: z.group_size, frac_zero_std: z.measured, series: `measured, seed ${z.seed}` },
]).concat(GROUP_SIZES.map((G) => ({ group_size: G, frac_zero_std: zeroRows.filter((z) => z.group_size === G).reduce((a, z) => a + z.predicted, 0) / SEEDS.length, series: "predicted (mean over seeds)" }))),
  { x: "group_size", series: "series", logX: true, xTitle: "group size G", title: "Share of groups with no GRPO signal (fresh groups per G)" })
"""),
("markdown", r"""
## During GRPO

Each GRPO step samples 8 completions for 16 of the training problems (on-policy, one gradient step
per batch, advantages as TRL computes them). We log TRL's `frac_reward_zero_std`, split into
groups that are all wrong and all right, and the mean reward, averaged over the seeds: as the
policy learns, all-right groups appear — signal lost to success, the groups DAPO's dynamic
sampling filters out.
"""),
("code", r"""
const steps = Array.from({ length: GRPO_STEPS }, (_, s) => s);
const perStep = (m: keyof StepRow) => steps.map((s) => ({ step: s, value: runs.reduce((a, r) => a + (r.log[s][m] as number), 0) / runs.length, run: m }));
display(trainingCurveFigure((["frac_reward_zero_std", "frac_reward_all_zero", "frac_reward_all_one", "reward"] as const).flatMap(perStep), { metric: "value", title: `Zero-signal groups and reward during GRPO (mean over ${SEEDS.length} seeds)`, yTitle: "share / mean reward" }));
advantageFigure(runs[0].lastRewards, GRPO_GROUP, { title: `Advantages and group stds at the last step (seed ${SEEDS[0]})` })
"""),
("markdown", r"""
## The claims, over the seeds

Four claims, each a statistic with one value per seed, tested by `claim()` (the mean over the
seeds with its 95% Student-t interval; **holds** when the whole interval lies past the margin,
**partly** when only the mean does, **does not** otherwise):

1. **The prediction matches**: the mean over G = 2, 4, 8, 16 of |measured − predicted| share of
   zero-std groups — replicated when the 95% interval lies below 0.03 (three points);
2. **larger groups waste less**: measured share at G = 2 minus at G = 16 — replicated when the
   interval lies above 0 (with fresh groups for every G this can fail);
3. **GRPO raises the reward on held-out problems**: held-out mean reward after − before GRPO —
   replicated when the interval lies above 0;
4. **all-right groups grow during training** (DAPO's reason for dynamic sampling): the share of
   all-right groups in the last 5 GRPO steps minus the first 5 — replicated when the interval lies
   above 0.

That a group whose rewards agree gets advantage 0 is algebra, shown as a **sanity** check.
"""),
("code", r"""
const DAPO = { title: "DAPO: An Open-Source LLM Reinforcement Learning System at Scale", arxiv: "2503.14476" };
const GRPO_PAPER = { title: "DeepSeekMath: Pushing the Limits of Mathematical Reasoning in Open Language Models", arxiv: "2402.03300" };
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const at = (r: (typeof runs)[number], G: number) => r.zero.find((z) => z.group_size === G)!.measured;
const [gMin, gMax] = [Math.min(...GROUP_SIZES), Math.max(...GROUP_SIZES)];
const predictionFigure = figure({
  data: [
    ...GROUP_SIZES.map((G) => ({ type: "scatter", mode: "markers", name: `G = ${G}`, x: zeroRows.filter((z) => z.group_size === G).map((z) => z.predicted), y: zeroRows.filter((z) => z.group_size === G).map((z) => z.measured), text: zeroRows.filter((z) => z.group_size === G).map((z) => `seed ${z.seed}`) })),
    { type: "scatter", mode: "lines", name: "measured = predicted", x: [0, 1], y: [0, 1], line: { dash: "dash", color: "grey" } },
  ],
  layout: { title: { text: "Zero-std share of fresh groups against its prediction from held-out samples" }, xaxis: { title: { text: "predicted (unbiased, from held-out samples)" } }, yaxis: { title: { text: "measured on fresh groups" } } },
});
const rewardFigure = figure({
  data: runs.map((r) => ({ type: "scatter", mode: "lines+markers", name: `seed ${r.seed}`, x: ["held-out, before GRPO", "held-out, after GRPO"], y: [r.heldBefore, r.heldAfter] })),
  layout: { title: { text: "Mean reward on held-out problems, before and after GRPO" }, yaxis: { title: { text: "mean reward" } } },
});
const claims = [
  claim({ id: "zero-std-share-predicted", statement: `the share of zero-std groups in fresh groups of G = ${GROUP_SIZES.join(", ")} is predicted within ${PREDICTION_MARGIN} by the mean of p^G + (1 − p)^G estimated from other samples of the same prompts`, statistic: "mean over G of |measured − predicted| zero-std share", paper: DAPO, seeds: SEEDS, values: runs.map((r) => mean(r.zero.map((z) => Math.abs(z.measured - z.predicted)))), margin: { below: PREDICTION_MARGIN }, figure: predictionFigure }),
  claim({ id: "zero-std-share-falls-with-group-size", statement: `larger groups carry signal more often: fewer zero-std groups at G = ${gMax} than at G = ${gMin}`, statistic: `measured zero-std share at G = ${gMin} − at G = ${gMax}`, paper: DAPO, seeds: SEEDS, values: runs.map((r) => at(r, gMin) - at(r, gMax)), margin: { above: 0 }, figure: predictionFigure }),
  claim({ id: "grpo-raises-held-out-reward", statement: "GRPO raises the mean reward on problems it never trains on", statistic: "held-out mean reward after − before GRPO", paper: GRPO_PAPER, seeds: SEEDS, values: runs.map((r) => r.heldAfter - r.heldBefore), margin: { above: 0 }, figure: rewardFigure }),
  claim({ id: "all-right-groups-grow", statement: "as GRPO trains, more groups are all right (no signal left to learn from)", statistic: "mean frac_reward_all_one, last 5 steps − first 5", paper: DAPO, seeds: SEEDS, values: runs.map((r) => mean(r.log.slice(-5).map((l) => l.frac_reward_all_one)) - mean(r.log.slice(0, 5).map((l) => l.frac_reward_all_one))), margin: { above: 0 } }),
];
display(predictionFigure);
display(rewardFigure);
for (const c of claims) display(c);
let agreeing = 0, nonzero = 0;
for (const r of runs) {
  const adv = groupAdvantages(r.lastRewards, GRPO_GROUP);
  for (let i = 0; i < r.lastRewards.length; i += GRPO_GROUP) {
    const g = r.lastRewards.slice(i, i + GRPO_GROUP);
    if (g.every((v) => v === g[0])) { agreeing++; if (adv.slice(i, i + GRPO_GROUP).some((a) => a !== 0)) nonzero++; }
  }
}
display(sanity("a group whose rewards all agree gets advantage 0", nonzero === 0, `${agreeing} such groups at the last step over the seeds`));
const trainRise = meanInterval(runs.map((r) => r.trainAfter - r.trainBefore));
const says = (c: (typeof claims)[number]) => `${c.verdict === "holds" ? "holds" : c.verdict === "partly" ? "holds only **partly**" : "does **not** hold"} (${c.mean.toFixed(3)}, 95% CI [${c.low.toFixed(3)}, ${c.high.toFixed(3)}])`;
display.markdown([
  `With seeds ${SEEDS.join(", ")}: the prediction claim ${says(claims[0])}; the group-size claim ${says(claims[1])}; the held-out reward claim ${says(claims[2])}; the all-right claim ${says(claims[3])}.`,
  `The plug-in p̂^G + (1 − p̂)^G misses by ${mean(zeroRows.map((z) => Math.abs(z.measured - z.plug_in))).toFixed(3)} on average against ${mean(zeroRows.map((z) => Math.abs(z.measured - z.predicted))).toFixed(3)} for the unbiased estimate (the plug-in is never below the unbiased estimate: it is biased upward).`,
  `Mean reward on the held-out problems ${mean(runs.map((r) => r.heldBefore)).toFixed(3)} → ${mean(runs.map((r) => r.heldAfter)).toFixed(3)}; on the training problems GRPO saw ${mean(runs.map((r) => r.trainBefore)).toFixed(3)} → ${mean(runs.map((r) => r.trainAfter)).toFixed(3)} (a rise of ${trainRise.estimate.toFixed(3)}, 95% CI [${trainRise.low.toFixed(3)}, ${trainRise.high.toFixed(3)}] — what a reward curve logged on the training batches shows, and not the claim).`,
].join(" "));
"""),
]

for name, cells in [("negative-reinforcement", NEG), ("kl-direction", KL), ("grpo-vanishing-advantages", GRPO)]:
    nbwrite.write(name, cells)
