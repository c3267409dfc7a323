"""Writes notebooks/tofu-forget-quality.ipynb (outputs empty) from the cell sources below.

Run from the repository root: /usr/bin/python3 tests/unlearning/notebook-sources/make_tofu_forget_quality.py
Execute it with: npx tsc -p tsconfig.json && node dist/kernel/cli.js run notebooks/tofu-forget-quality.ipynb
(running it saves outputs into the notebook; rerun this script before committing)."""
import json, sys
cells = []
def md(s): cells.append({"cell_type": "markdown", "metadata": {}, "source": s.strip("\n")})
def code(s): cells.append({"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": s.strip("\n")})

md(r"""
# TOFU at toy scale: forget quality and model utility over unlearning steps

**The claim** (Maini et al. 2024, "TOFU: A Task of Fictitious Unlearning for LLMs", Fig. 5;
Zhang et al. 2024, "Negative Preference Optimization"). A model fine-tuned on facts about fictitious
authors is asked to forget some of them. *Forget quality* — the KS-test p-value between the
unlearned model's truth ratios on the forget set and those of a model that never saw it — starts
tiny. Gradient ascent (GA) and gradient difference (GradDiff) raise it for a few steps, then
collapse: forget quality falls back and model utility goes to zero (catastrophic collapse). NPO
(β = 0.1) degrades more gracefully: its forget quality stays higher than GA's once both have run
too long.

**What we do.** The toy set `datasets/tofu-toy` (40 authors × 5 facts, seeded; 4 forget, 4
holdout, 32 retain authors), a small word-level language model (question words + previous word →
next word, an MLP from replab/continual), the fine-tuned model (forget + retain) and the retain
model (retain only), then GA, GradDiff and NPO from the fine-tuned model, evaluating every 3 steps.
""")
code(r"""
import { environment, initBackend } from "replab/core";
import * as U from "replab/unlearning";
import { unlearningTradeoffFigure, miaRocFigure } from "replab/plots";
import * as aq from "arquero";
await initBackend();
const facts = U.loadTofuToy();
const enc = new U.TofuEncoder(facts);
const SEED = 1;
display(aq.from(facts.slice(0, 3).map((f) => ({ question: f.question, answer: f.answer, paraphrased: f.paraphrased, perturbed: f.perturbed[0], split: f.split }))));
environment()
""")
md(r"""
## The fine-tuned model and the retain model

Truth ratio R = P̄(perturbed) / P̄(paraphrased) with length-normalised probabilities (TOFU eq. 1,
open-unlearning's `truth_ratio`). A model that knows a fact gives R < 1; one that never saw it gives
R ≈ 1. Forget quality compares the two models' forget-set truth ratios with `ks2samp`.
""")
code(r"""
const train = facts.filter((f) => f.split !== "holdout");
const finetuned = await U.trainTofuLm(enc, train, { seed: SEED, epochs: 30 });
const retainModel = await U.trainTofuLm(enc, facts.filter((f) => f.split === "retain"), { seed: SEED, epochs: 30 });
const forgetFacts = facts.filter((f) => f.split === "forget");
const retainRef = U.tofuTruthRatios(retainModel, enc, forgetFacts);
const evalFinetuned = U.tofuEvaluate(finetuned, enc, facts, retainRef);
const evalRetain = U.tofuEvaluate(retainModel, enc, facts, retainRef);
const summary = (e: U.TofuEvaluation) => ({ forgetQuality: e.forgetQuality, modelUtility: +e.modelUtility.toFixed(3), forgetProb: +e.forgetProb.toFixed(3), retainProb: +e.retainProb.toFixed(3) });
({ finetuned: summary(evalFinetuned), retain: summary(evalRetain) })
""")
md(r"""
A membership attack sees the same thing: the fine-tuned model's loss on forget answers (members) is
lower than on the never-trained holdout authors' answers; the retain model cannot tell them apart.
`miaAuc` takes the forget answers (members) as the positive class. PrivLeak (MUSE) compares the
two models' AUCs in MUSE's orientation (holdout positive, 1 − miaAuc):
(A_model − A_retain)/A_retain × 100 — about 0 for the retain model, strongly negative while the
model still remembers the forget set.
""")
code(r"""
const holdoutFacts = facts.filter((f) => f.split === "holdout");
const lossOf = (m: typeof finetuned, fs: typeof facts) => U.answerAvgLosses(m, enc, fs);
const aucFt = U.miaAuc(lossOf(finetuned, forgetFacts), lossOf(finetuned, holdoutFacts), U.MIA_SCORE_DIRECTION.loss!);
const aucRetain = U.miaAuc(lossOf(retainModel, forgetFacts), lossOf(retainModel, holdoutFacts), U.MIA_SCORE_DIRECTION.loss!);
display({ aucFinetuned: aucFt, aucRetain, privLeak: U.privLeak(aucFt, aucRetain) });
miaRocFigure([
  { name: "fine-tuned, LOSS", members: lossOf(finetuned, forgetFacts), nonMembers: lossOf(finetuned, holdoutFacts), direction: "lower-is-member" },
  { name: "retain model, LOSS", members: lossOf(retainModel, forgetFacts), nonMembers: lossOf(retainModel, holdoutFacts), direction: "lower-is-member" },
])
""")
md(r"""
## Unlearning over steps

Full-batch steps on the forget answers: GA ascends their word cross-entropy; GradDiff adds the
cross-entropy of an equally large random batch of retain answers; NPO minimises
(2/β)·mean softplus(β(log π_θ − log π_ref)) over whole answers with the fine-tuned model as
reference. NPO's first gradient equals GA's on the summed answer log-probability, so it gets a
learning rate scaled down by the answer length (about 7 words).
""")
code(r"""
const runs = { GA: { lr: 0.6 }, GradDiff: { lr: 0.6 }, NPO: { lr: 0.08 } } as const;
const STEPS = 24, EVERY = 3;
const curve: Array<{ method: string; step: number; forgetQuality: number; modelUtility: number; forgetProb: number }> = [];
for (const [method, { lr }] of progress(Object.entries(runs), { label: "methods" })) {
  const m = finetuned.clone();
  curve.push({ method, step: 0, forgetQuality: evalFinetuned.forgetQuality, modelUtility: evalFinetuned.modelUtility, forgetProb: evalFinetuned.forgetProb });
  U.unlearnTofu(m, enc, facts, {
    method: method as "GA" | "GradDiff" | "NPO", steps: STEPS, lr, seed: SEED, reference: finetuned,
    onStep: (step) => {
      if (step % EVERY !== 0) return;
      const e = U.tofuEvaluate(m, enc, facts, retainRef);
      curve.push({ method, step, forgetQuality: e.forgetQuality, modelUtility: e.modelUtility, forgetProb: e.forgetProb });
    },
  });
  m.dispose();
}
aq.from(curve).groupby("step").pivot("method", "forgetQuality").orderby("step")
""")
code(r"""
unlearningTradeoffFigure(
  [...curve.map((c) => ({ method: c.method, forget: Math.max(c.forgetQuality, 1e-12), utility: c.modelUtility, label: `step ${c.step}` })),
   { method: "Retrain", forget: evalRetain.forgetQuality, utility: evalRetain.modelUtility, label: "retain model" }],
  { title: "Forget quality vs model utility along unlearning (★ = retain model)", forgetLabel: "forget quality (KS p-value, log)", utilityLabel: "model utility", logForget: true },
)
""")
md(r"""
## Checking the claim

On the numbers just computed: (1) the fine-tuned model's forget quality is below 0.01 while the
retain model's is 1; (2) every method raises forget quality at least 100-fold at some step; (3) GA
collapses: its forget quality at the last step is below its best and below 0.01, and its model
utility at the end is below half the retain model's; (4) at the last step NPO's forget quality is
higher than GA's.
""")
code(r"""
{
  const problems: string[] = [];
  const of = (m: string) => curve.filter((c) => c.method === m);
  if (!(evalFinetuned.forgetQuality < 0.01)) problems.push(`fine-tuned forget quality ${evalFinetuned.forgetQuality} is not below 0.01`);
  if (evalRetain.forgetQuality !== 1) problems.push(`retain model forget quality ${evalRetain.forgetQuality} is not 1`);
  for (const m of Object.keys(runs)) {
    const best = Math.max(...of(m).map((c) => c.forgetQuality));
    if (!(best >= 100 * evalFinetuned.forgetQuality)) problems.push(`${m}: best forget quality ${best} is not 100× the fine-tuned ${evalFinetuned.forgetQuality}`);
  }
  const ga = of("GA"), gaLast = ga[ga.length - 1]!, gaBest = Math.max(...ga.map((c) => c.forgetQuality));
  if (!(gaLast.forgetQuality < gaBest && gaLast.forgetQuality < 0.01)) problems.push(`GA did not collapse: last forget quality ${gaLast.forgetQuality}, best ${gaBest}`);
  if (!(gaLast.modelUtility < 0.5 * evalRetain.modelUtility)) problems.push(`GA's final utility ${gaLast.modelUtility} is not below half the retain model's ${evalRetain.modelUtility}`);
  const npoLast = of("NPO").at(-1)!;
  if (!(npoLast.forgetQuality > gaLast.forgetQuality)) problems.push(`NPO's final forget quality ${npoLast.forgetQuality} is not above GA's ${gaLast.forgetQuality}`);
  if (problems.length > 0) throw new Error("The claim does not hold here:\n" + problems.join("\n"));
  display.markdown(`Claim holds: fine-tuned forget quality ${evalFinetuned.forgetQuality.toExponential(1)}; best GA ${gaBest.toExponential(1)} then ${gaLast.forgetQuality.toExponential(1)} at step ${gaLast.step} (utility ${gaLast.modelUtility.toFixed(2)}); NPO ends at ${npoLast.forgetQuality.toExponential(1)}.`);
}
""")
nb = {"cells": cells, "metadata": {"kernelspec": {"name": "replab", "display_name": "TypeScript (replab)", "language": "typescript"}, "language_info": {"name": "typescript", "file_extension": ".ts"}}, "nbformat": 4, "nbformat_minor": 5}
for i, c in enumerate(nb["cells"]):
    c["id"] = f"cell-{i:02d}"
json.dump(nb, open(sys.argv[1] if len(sys.argv) > 1 else "notebooks/tofu-forget-quality.ipynb", "w"), indent=1)
