// replab-lab: unlearning
// %% [markdown]
// # Lab 4 — Unlearning: what gradient ascent removes, and what it does not
//
// **Learning goals.** After this lab you can
// 1. implement **gradient ascent** (GA) unlearning: raise the loss on the data to forget;
// 2. run a **membership-inference attack** (MIA): can an attacker tell the forgotten training
//    examples from unseen ones by their loss?
// 3. run a **relearning attack** (Lynch et al. 2024, "Eight Methods to Evaluate Robust
//    Unlearning"; Hu et al. 2024, "Jogging the Memory of Unlearned LLMs"): fine-tune on a little
//    of the forgotten data and count how fast the rest comes back;
// 4. conclude what GA did and did not remove, by comparing with a model retrained from scratch
//    without the forget set (exact unlearning, the gold standard).
//
// The experiment: the 8×8 digits; we forget **every training image of the digit 3**
// (class-wise forgetting, as in SalUn, Fan et al. 2024). `unlearningLab.setup()` trains the
// original MLP on all training data and a retrained one on the rest (about 10 s).
//
// Replace each `TODO`, run the cell, then run the `check` after it.
// %%
import { unlearningLab, attempt, checkSummary, requireAllChecksPassed } from "replab/labs";
import { trainEpochs, classProbabilities, miaLoss, type BatchLoss } from "replab/unlearning";
import type { Mlp, LabelledData } from "replab/continual";
import { tf } from "replab/core";
import { figure } from "replab/plots";
import * as aq from "arquero";
const lab = await unlearningLab.setup(0);
({ forget: lab.splits.forget.n, retain: lab.splits.retain.n, test: lab.splits.test.n, testOfDigit3: lab.splits.testForgotten.n });
// %% [markdown]
// ## 1. The gradient-ascent loss
//
// Training minimises the cross-entropy $\mathcal{L}(z, y) = \log\sum_j e^{z_j} - z_y$. Gradient
// ascent on the forget set $D_f$ *maximises* it, which is the same as minimising
// $-\frac{1}{|B|}\sum_{(z,y)\in B} \mathcal{L}(z, y)$ over batches B of $D_f$.
//
// **Exercise 1.** Write `gradientAscentLoss(logits, batch)`: `logits` is a [batch, 10] tensor,
// `batch.y` the integer labels. Return the negated mean cross-entropy as a `tf.Scalar`
// (`tf.logSumExp`, `tf.oneHot`, `tf.sum`, `tf.mean`, `tf.neg`).
// %%
const gradientAscentLoss: BatchLoss = (logits, batch) => {
  // BEGIN SOLUTION
  // TODO: return −mean(logSumExp(logits) − logits[y]) as a tf.Scalar
  // STUB: throw new Error("TODO");
  return tf.tidy(() => {
    const ce = tf.sub(tf.logSumExp(logits, 1), tf.sum(tf.mul(logits, tf.oneHot(batch.y, logits.shape[1])), 1));
    return tf.neg(tf.mean(ce));
  }) as tf.Scalar;
  // END SOLUTION
};
// %%
await unlearningLab.checkGradientAscentLoss(gradientAscentLoss);
// %% [markdown]
// ## 2. Unlearn
//
// **Exercise 2.** Write `unlearnGA(original, forget)`: copy the model (`original.clone()` — never
// change the original) and train the copy with
// `trainEpochs(copy, forget, gradientAscentLoss, unlearningLab.gaSettings)` (3 epochs, lr 0.015,
// batches of 32, seed 0). Return the copy.
// %%
function unlearnGA(original: Mlp, forget: LabelledData): Mlp {
  // BEGIN SOLUTION
  // TODO: clone, train with gradient ascent on the forget set, return the clone
  // STUB: throw new Error("TODO");
  const model = original.clone();
  trainEpochs(model, forget, gradientAscentLoss, unlearningLab.gaSettings);
  return model;
  // END SOLUTION
}
// %%
await unlearningLab.checkUnlearn(unlearnGA);
// %% [markdown]
// Accuracy on the forget set (UA = 1 − this), on the other digits' test images (utility), and on
// the test images of 3 — for the original, the unlearned and the retrained model.
// %%
const unlearned = await attempt(() => unlearnGA(lab.original, lab.splits.forget), "exercise 2");
const models: Record<string, Mlp> = unlearned ? { original: lab.original, "gradient ascent": unlearned, retrained: lab.retrained } : { original: lab.original, retrained: lab.retrained };
aq.from(Object.entries(models).map(([model, m]) => ({
  model,
  forgetAccuracy: m.accuracy(lab.splits.forget),
  testAccuracyOtherDigits: m.accuracy(lab.splits.test),
  testAccuracyDigit3: m.accuracy(lab.splits.testForgotten),
})));
// %% [markdown]
// ## 3. A membership-inference attack
//
// The LOSS attack (Yeom et al. 2018) guesses "member" when an example's loss is low. Its AUC is the
// probability that a random member has a lower loss than a random non-member (ties count ½):
//
// $$\text{AUC} = \frac{1}{|M|\,|N|}\sum_{m\in M}\sum_{n\in N}\Big([\ell_m < \ell_n] + \tfrac12[\ell_m = \ell_n]\Big).$$
//
// 0.5 means the attacker cannot tell. Members: the forgotten training images of 3. Non-members:
// the test images of 3, which no model trained on.
//
// **Exercise 3.** Write `membershipAuc(memberLosses, nonMemberLosses)`.
// %%
function membershipAuc(memberLosses: number[], nonMemberLosses: number[]): number {
  // BEGIN SOLUTION
  // TODO: the share of (member, non-member) pairs where the member's loss is lower, ties ½
  // STUB: throw new Error("TODO");
  let wins = 0;
  for (const m of memberLosses) for (const n of nonMemberLosses) wins += m < n ? 1 : m === n ? 0.5 : 0;
  return wins / (memberLosses.length * nonMemberLosses.length);
  // END SOLUTION
}
// %%
await unlearningLab.checkLossAuc(membershipAuc);
// %%
const lossesOf = (m: Mlp, d: LabelledData) => Array.from(miaLoss(classProbabilities(m, d), d.y));
const mia = await attempt(() => Object.entries(models).map(([model, m]) => ({
  model,
  miaAuc: membershipAuc(lossesOf(m, lab.splits.forget), lossesOf(m, lab.splits.testForgotten)),
})), "exercise 3");
mia && aq.from(mia);
// %% [markdown]
// By this attack, the unlearned model looks like the retrained one: the forgotten 3s are no
// easier to spot than unseen 3s. Has GA removed the 3s?
//
// ## 4. A relearning attack
//
// The attacker holds 10% of the forgotten images (`lab.relearnSlice`) and fine-tunes on them.
// How many steps until the model recognises 80% of the *other* 90% (`lab.relearnRest`)?
//
// **Exercise 4.** Write `stepsToRelearn(model, slice, rest, target)`: on a clone of the model,
// loop: if `clone.accuracy(rest) ≥ target` return the number of steps taken; if 100 steps were
// taken return `null`; else take one step `clone.trainStep(slice.x, slice.y, 0.03)`.
// Dispose of the clone when done.
// %%
function stepsToRelearn(model: Mlp, slice: LabelledData, rest: LabelledData, target: number): number | null {
  // BEGIN SOLUTION
  // TODO: count full-batch SGD steps on `slice` until accuracy on `rest` reaches `target`
  // STUB: throw new Error("TODO");
  const clone = model.clone();
  try {
    for (let steps = 0; ; steps++) {
      if (clone.accuracy(rest) >= target) return steps;
      if (steps === 100) return null;
      clone.trainStep(slice.x, slice.y, 0.03);
    }
  } finally {
    clone.dispose();
  }
  // END SOLUTION
}
// %%
await unlearningLab.checkRelearning(stepsToRelearn);
// %%
const relearn = await attempt(() => Object.entries(models).map(([model, m]) => ({ model, stepsTo80: stepsToRelearn(m, lab.relearnSlice, lab.relearnRest, 0.8) })), "exercise 4");
relearn && figure({
  data: [{ type: "bar", x: relearn.map((r) => r.model), y: relearn.map((r) => r.stepsTo80 ?? 100) }],
  layout: { title: { text: "Relearning attack: SGD steps on 10% of the forgotten 3s until 80% of the rest are recognised" }, yaxis: { title: { text: "steps" } } },
});
// %% [markdown]
// **What did gradient ascent remove?** It removed the *behaviour* (the unlearned model calls no 3
// a 3) and the membership signal the LOSS attack looks for. It did not remove the *knowledge*:
// a few steps on a handful of 3s bring them back, several times faster than for the retrained
// model, which never saw them. Approximate unlearning can hide information rather than delete it
// — evaluate it with attacks, not only with accuracy.
//
// **Think about it.** Would more epochs of gradient ascent fix this? Try 6 epochs and watch the
// test accuracy on the other digits.
// %% [markdown]
// ## Your progress
// %%
checkSummary("unlearning");
// %% tags=["solution-only"]
requireAllChecksPassed("unlearning");
// The lab's claims, on the numbers just computed.
if (!unlearned || !mia || !relearn) throw new Error("the lab's results were not computed");
const ua = 1 - unlearned.accuracy(lab.splits.forget);
const steps = Object.fromEntries(relearn.map((r) => [r.model, r.stepsTo80]));
const auc = Object.fromEntries(mia.map((r) => [r.model, r.miaAuc]));
if (!(ua > 0.95)) throw new Error(`expected GA to forget the 3s (UA > 0.95), got UA ${ua}`);
if (!(unlearned.accuracy(lab.splits.test) > 0.9)) throw new Error("expected GA to keep the other digits");
if (!(Math.abs(auc["gradient ascent"]! - auc["retrained"]!) < 0.1)) throw new Error(`expected the MIA to see GA like retraining: ${auc["gradient ascent"]} vs ${auc["retrained"]}`);
if (!(steps["gradient ascent"] !== null && steps["retrained"] !== null && 2 * steps["gradient ascent"]! <= steps["retrained"]!)) throw new Error(`expected GA to relearn at least twice as fast as retraining: ${steps["gradient ascent"]} vs ${steps["retrained"]} steps`);
`claims hold: UA ${ua.toFixed(2)}, MIA AUC ${auc["gradient ascent"]!.toFixed(2)} (retrained ${auc["retrained"]!.toFixed(2)}), relearned in ${steps["gradient ascent"]} steps vs ${steps["retrained"]} for the retrained model`;
