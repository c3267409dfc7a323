"""Writes notebooks/tofu-forget-quality.ipynb (outputs empty) from the cell sources below.

Run from the repository root: /usr/bin/python3 tests/unlearning/notebook-sources/make_tofu_forget_quality.py
Execute it with: npx tsc -p tsconfig.json && node dist/kernel/cli.js run notebooks/tofu-forget-quality.ipynb
(running it saves outputs into the notebook; rerun this script before committing).
Other seeds: change SEEDS in the first (parameters) cell, or replab run NB -p SEEDS '[10,11,12,13,14,15]'."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "notebooks", "py"))
import nbwrite
cells = []
def md(s): cells.append(("md", s))
def code(s, tags=None): cells.append(("code", s, tags))

md(r"""
# TOFU at toy scale: forget quality and model utility over unlearning steps

**The claims** (Maini et al. 2024, "TOFU: A Task of Fictitious Unlearning for LLMs"; Zhang et al.
2024, "Negative Preference Optimization: From Catastrophic Collapse to Effective Unlearning").
A model fine-tuned on facts about fictitious authors is asked to forget some of them. *Forget
quality* — the KS-test p-value between the unlearned model's truth ratios on the forget set and
those of a model that never saw it — starts tiny. Gradient ascent (GA) raises it for a few steps,
then collapses: model utility goes to zero (catastrophic collapse). NPO (β = 0.1) degrades more
slowly: its utility collapses later, and once both have run too long its forget quality stays
above GA's. Each is tested as a statistic over seeds with a 95% interval; the retain model's
forget quality of 1 (a KS test of a sample with itself) is a *sanity* check, not a claim.

**What we do.** For each seed s in `SEEDS`: a toy TOFU set `generateTofuToy({ seed: s })` (40
authors × 5 facts; 4 forget, 4 holdout, 32 retain authors; seed 0 is the shipped
`datasets/tofu-toy`), a small word-level language model (question words + previous word → next
word, an MLP from replab/models) fine-tuned on forget + retain (model seed s + 1) and a retain
model on retain only (same seed), then GA, GradDiff and NPO from the fine-tuned model for `STEPS`
full-batch steps, evaluating after every step.
""")
code(r"""
let SEEDS = [0, 1, 2, 3, 4, 5];
let STEPS = 24;
let EPOCHS = 30;
""", tags=["parameters"])
code(r"""
import { environment, initBackend } from "replab/core";
import * as U from "replab/unlearning";
import { claim as makeClaim, sanity, type ClaimResult } from "replab/claims";
import { figure, unlearningTradeoffFigure, miaRocFigure } from "replab/plots";
import * as aq from "arquero";
await initBackend();
/** Every claim the notebook makes, in order, for the closing summary. */
const claims: ClaimResult[] = [];
const claim = (spec: Parameters<typeof makeClaim>[0]) => { const c = makeClaim(spec); claims.push(c); return c; };
const shipped = U.loadTofuToy();
display(aq.from(shipped.slice(0, 3).map((f) => ({ question: f.question, answer: f.answer, paraphrased: f.paraphrased, perturbed: f.perturbed[0], split: f.split }))));
environment()
""")
md(r"""
## The fine-tuned model and the retain model, per seed

Truth ratio R = P̄(perturbed) / P̄(paraphrased) with length-normalised probabilities (TOFU eq. 1,
open-unlearning's `truth_ratio`). A model that knows a fact gives R < 1; one that never saw it gives
R ≈ 1. Forget quality compares a model's forget-set truth ratios with the retain model's by
`ks2samp`; model utility is the harmonic mean of the retain set's answer probability and
truth-ratio score.

A membership attack on the answer loss separates the forget answers (members of the fine-tuned
model's training set) from the never-trained holdout authors' answers. `miaAuc` takes the forget
answers as the positive class; `privLeak` (MUSE, Shi et al. 2024) compares the model's AUC with
the retain model's: (A_model − A_retain)/A_retain × 100 in **MUSE's convention** (the default,
`"muse"`: A taking the holdout set as positive, so retraining ≈ 0, *under*-unlearning negative —
down to −100 — and over-unlearning positive). open-unlearning's `privleak` (`"open-unlearning"`)
gives the same number up to its 1e-10; both columns are shown.
""")
code(r"""
type Curve = { seed: number; method: string; step: number; forgetQuality: number; modelUtility: number };
const perSeed: Array<Record<string, number>> = [];
const curve: Curve[] = [];
const endPrivLeak: Array<{ seed: number; method: string; privLeak: number }> = [];
const runs = { GA: { lr: 0.6 }, GradDiff: { lr: 0.6 }, NPO: { lr: 0.08 } } as const;
let first: { facts: U.TofuFact[]; curve: Curve[]; retain: U.TofuEvaluation; roc: Parameters<typeof miaRocFigure>[0] } | null = null;
for (const seed of progress(SEEDS, { label: "seeds" })) {
  const facts = U.generateTofuToy({ seed });
  const enc = new U.TofuEncoder(facts);
  const split = (k: string) => facts.filter((f) => f.split === k);
  const finetuned = await U.trainTofuLm(enc, facts.filter((f) => f.split !== "holdout"), { seed: seed + 1, epochs: EPOCHS });
  const retainModel = await U.trainTofuLm(enc, split("retain"), { seed: seed + 1, epochs: EPOCHS });
  const retainRef = U.tofuTruthRatios(retainModel, enc, split("forget"));
  const evalFt = U.tofuEvaluate(finetuned, enc, facts, retainRef);
  const evalRetain = U.tofuEvaluate(retainModel, enc, facts, retainRef);
  const losses = (m: typeof finetuned) => ({ members: U.answerAvgLosses(m, enc, split("forget")), nonMembers: U.answerAvgLosses(m, enc, split("holdout")) });
  const auc = (m: typeof finetuned) => { const l = losses(m); return U.miaAuc(l.members, l.nonMembers, U.MIA_SCORE_DIRECTION.loss!); };
  const aucFt = auc(finetuned), aucRetain = auc(retainModel);
  perSeed.push({ seed, ftForgetQuality: evalFt.forgetQuality, ftUtility: evalFt.modelUtility, retainForgetQuality: evalRetain.forgetQuality, retainUtility: evalRetain.modelUtility,
    aucFinetuned: aucFt, aucRetain, privLeakMuse: U.privLeak(aucFt, aucRetain), privLeakOpenUnlearning: U.privLeak(aucFt, aucRetain, "open-unlearning") });
  for (const [method, { lr }] of Object.entries(runs)) {
    const m = finetuned.clone();
    curve.push({ seed, method, step: 0, forgetQuality: evalFt.forgetQuality, modelUtility: evalFt.modelUtility });
    U.unlearnTofu(m, enc, facts, {
      method: method as keyof typeof runs, steps: STEPS, lr, seed: seed + 1, reference: finetuned,
      onStep: (step) => { const e = U.tofuEvaluate(m, enc, facts, retainRef); curve.push({ seed, method, step, forgetQuality: e.forgetQuality, modelUtility: e.modelUtility }); },
    });
    endPrivLeak.push({ seed, method, privLeak: U.privLeak(auc(m), aucRetain) });
    m.dispose();
  }
  if (seed === SEEDS[0]) first = { facts, curve: curve.filter((c) => c.seed === seed), retain: evalRetain,
    roc: [{ name: "fine-tuned, LOSS", ...losses(finetuned), direction: "lower-is-member" }, { name: "retain model, LOSS", ...losses(retainModel), direction: "lower-is-member" }] };
  finetuned.dispose(); retainModel.dispose();
}
aq.from(perSeed)
""")
code(r"""
sanity("the retain model's forget quality is 1 on every seed (its truth ratios are the reference sample: a KS test of a sample with itself)",
  perSeed.every((r) => r.retainForgetQuality === 1))
""")
code(r"""
miaRocFigure(first!.roc, { title: `Membership inference on forget vs holdout answers (seed ${SEEDS[0]})` })
""")
md(r"""
## Unlearning over steps

Full-batch steps on the forget answers: GA ascends their word cross-entropy; GradDiff adds the
cross-entropy of an equally large random batch of retain answers; NPO minimises
(2/β)·mean softplus(β(log π_θ − log π_ref)) over whole answers with the fine-tuned model as
reference. NPO's first gradient equals GA's on the summed answer log-probability, so it gets a
learning rate scaled down by the answer length (about 7 words): 0.08 against GA's 0.6. The table
is the first seed's forget quality every 3 steps; the figures are means over seeds.
""")
code(r"""
aq.from(first!.curve.filter((c) => c.step % 3 === 0)).groupby("step").pivot("method", "forgetQuality").orderby("step")
""")
code(r"""
const methodsRun = Object.keys(runs);
const meanCurve = (method: string, key: "forgetQuality" | "modelUtility", f: (v: number) => number = (v) => v) =>
  Array.from({ length: STEPS + 1 }, (_, step) => { const v = curve.filter((c) => c.method === method && c.step === step).map((c) => f(c[key])); return v.reduce((a, b) => a + b, 0) / v.length; });
const steps = Array.from({ length: STEPS + 1 }, (_, i) => i);
const halfUtility = perSeed.reduce((a, r) => a + r.ftUtility, 0) / perSeed.length / 2;
const utilityFigure = figure({
  data: [...methodsRun.map((m) => ({ type: "scatter", mode: "lines", name: m, x: steps, y: meanCurve(m, "modelUtility") })),
    { type: "scatter", mode: "lines", name: "½ fine-tuned utility", x: steps, y: steps.map(() => halfUtility), line: { dash: "dash", color: "grey" } }],
  layout: { title: { text: `Model utility over unlearning steps (mean over ${SEEDS.length} seeds)` }, xaxis: { title: { text: "step" } }, yaxis: { title: { text: "model utility" } } },
});
const forgetFigure = figure({
  data: methodsRun.map((m) => ({ type: "scatter", mode: "lines", name: m, x: steps, y: meanCurve(m, "forgetQuality", Math.log10) })),
  layout: { title: { text: `Forget quality over unlearning steps (mean of log₁₀ over ${SEEDS.length} seeds)` }, xaxis: { title: { text: "step" } }, yaxis: { title: { text: "log₁₀ forget quality (KS p-value)" } } },
});
display(forgetFigure);
utilityFigure
""")
code(r"""
unlearningTradeoffFigure(
  [...first!.curve.map((c) => ({ method: c.method, forget: Math.max(c.forgetQuality, 1e-12), utility: c.modelUtility, label: `step ${c.step}` })),
   { method: "Retrain", forget: first!.retain.forgetQuality, utility: first!.retain.modelUtility, label: "retain model" }],
  { title: `Forget quality vs model utility along unlearning, seed ${SEEDS[0]} (★ = retain model)`, forgetLabel: "forget quality (KS p-value, log)", utilityLabel: "model utility", logForget: true },
)
""")
md(r"""
## The claims, over seeds

Per seed, from the curves just computed (the step at which utility *collapses* is the first step
whose model utility is below half the fine-tuned model's; a run that never gets there within
`STEPS` is censored and counted as `STEPS + 1`, and the output says so):

1. **GA raises forget quality**: log₁₀(best forget quality along GA) − log₁₀(fine-tuned forget
   quality); replicated when the 95% interval lies above 2 (a 100-fold rise).
2. **GA collapses model utility**: GA's model utility after `STEPS` steps ÷ the fine-tuned model's;
   replicated when the interval lies below 0.5.
3. **NPO degrades more slowly**: collapse step(NPO) − collapse step(GA); replicated when the
   interval lies above 2 steps.
4. **NPO ends with higher forget quality than GA**: log₁₀ forget quality(NPO) − log₁₀ forget
   quality(GA) after `STEPS` steps; replicated when the interval lies above 1 (10-fold).
""")
code(r"""
const run = (seed: number, method: string) => curve.filter((c) => c.seed === seed && c.method === method).sort((a, b) => a.step - b.step);
const ft = (seed: number) => perSeed.find((r) => r.seed === seed)!;
const collapse = (seed: number, method: string) => run(seed, method).find((c) => c.modelUtility < 0.5 * ft(seed).ftUtility)?.step ?? null;
const collapseTable = aq.from(SEEDS.flatMap((seed) => methodsRun.map((method) => {
  const r = run(seed, method), last = r[r.length - 1]!;
  return { seed, method, bestForgetQuality: Math.max(...r.map((c) => c.forgetQuality)), finalForgetQuality: last.forgetQuality, finalUtility: last.modelUtility,
    collapseStep: collapse(seed, method), finalPrivLeak: endPrivLeak.find((p) => p.seed === seed && p.method === method)!.privLeak };
})));
display(collapseTable);
const censored = SEEDS.flatMap((s) => ["GA", "NPO"].filter((m) => collapse(s, m) === null).map((m) => `${m} (seed ${s})`));
display.markdown(censored.length ? `Censored (utility never fell below half within ${STEPS} steps; counted as ${STEPS + 1}): ${censored.join(", ")}.` : `No collapse step was censored: GA and NPO both fell below half the fine-tuned utility within ${STEPS} steps on every seed.`);
const collapseStep = (s: number, m: string) => collapse(s, m) ?? STEPS + 1;
const last = (s: number, m: string) => run(s, m).at(-1)!;
const tofu = { title: "TOFU: A Task of Fictitious Unlearning for LLMs (Maini et al., 2024)", arxiv: "2401.06121" };
const npo = { title: "Negative Preference Optimization: From Catastrophic Collapse to Effective Unlearning (Zhang et al., 2024)", arxiv: "2404.05868" };
display(claim({
  id: "ga-raises-forget-quality", statement: "gradient ascent raises forget quality more than 100-fold at its best step",
  statistic: "log₁₀ max_t FQ_GA(t) − log₁₀ FQ(fine-tuned)", paper: tofu, seeds: SEEDS,
  values: SEEDS.map((s) => Math.log10(Math.max(...run(s, "GA").map((c) => c.forgetQuality))) - Math.log10(ft(s).ftForgetQuality)),
  margin: { above: 2 }, figure: forgetFigure,
}));
display(claim({
  id: "ga-collapses-utility", statement: `after ${STEPS} steps gradient ascent's model utility is below half the fine-tuned model's`,
  statistic: `MU_GA(${STEPS}) / MU(fine-tuned)`, paper: tofu, seeds: SEEDS,
  values: SEEDS.map((s) => last(s, "GA").modelUtility / ft(s).ftUtility), margin: { below: 0.5 }, figure: utilityFigure,
}));
display(claim({
  id: "npo-collapses-later-than-ga", statement: "NPO's model utility collapses more than 2 steps later than gradient ascent's",
  statistic: "collapse step(NPO) − collapse step(GA), collapse = first step with MU < ½ MU(fine-tuned)", paper: npo, seeds: SEEDS,
  values: SEEDS.map((s) => collapseStep(s, "NPO") - collapseStep(s, "GA")), margin: { above: 2 }, figure: utilityFigure,
}));
display(claim({
  id: "npo-ends-above-ga-forget-quality", statement: `after ${STEPS} steps NPO's forget quality is more than 10× gradient ascent's`,
  statistic: `log₁₀ FQ_NPO(${STEPS}) − log₁₀ FQ_GA(${STEPS})`, paper: npo, seeds: SEEDS,
  values: SEEDS.map((s) => Math.log10(last(s, "NPO").forgetQuality) - Math.log10(last(s, "GA").forgetQuality)), margin: { above: 1 }, figure: forgetFigure,
}));
""")
md(r"""
GradDiff is in the tables and figures but in no claim: TOFU reports that it collapses like GA,
and the NPO paper's comparison is NPO against GA. PrivLeak after unlearning (`finalPrivLeak`, MUSE's
convention) turns from about −100 (under-unlearned) to positive once a method has pushed the forget
answers' loss above the never-seen holdout's — over-unlearning, which a retrained model would not
show. The holdout is 4 authors × 5 facts, so the retain model's AUC, the denominator, varies widely
across seeds (table above).
""")
md(r"""
## What replicates here

Every claim above with its verdict on these seeds (*partly*: the mean is past the margin but the
interval reaches it; *does not*: the mean misses it).
""")
code(r"""
aq.from(claims.map((c) => ({ claim: c.id, verdict: c.verdict, mean: c.mean, low: c.low, high: c.high, margin: "above" in c.margin ? `> ${c.margin.above}` : `< ${c.margin.below}` })))
""")
nbwrite.write("tofu-forget-quality", cells, sys.argv[1] if len(sys.argv) > 1 else None)
