// replab-lab: verifiers
// %% [markdown]
// # Lab 2 — Verifiers: false negatives and master keys
//
// **Learning goals.** After this lab you can
// 1. write an answer normaliser, and see why string matching is not a verifier;
// 2. measure a verifier against human labels: its **false-negative rate**
//    FNR = P(verdict "wrong" | answer right) and **false-positive rate** FPR = P(verdict "right" | answer wrong);
// 3. measure how often a lenient LLM judge is fooled by "master keys" — answers such as `":"`
//    or `"Let's solve this problem step by step."` that contain no answer at all (Zhao et al. 2025,
//    "One Token to Fool LLM-as-a-Judge") — and guard a judge against them.
//
// Why it matters: in RL with verifiable rewards, the verifier *is* the reward. False negatives
// waste right answers (the policy gets no credit); false positives are worse — the policy learns
// to emit the master key.
//
// Replace each `TODO`, run the cell, then run the `check` after it.
// %%
import { verifiersLab, attempt, checkSummary, requireAllChecksPassed } from "replab/labs";
import { verifyMath } from "replab/verifiers";
import { figure } from "replab/plots";
import * as aq from "arquero";
// %% [markdown]
// ## 1. An answer normaliser
//
// The same right answer comes in many forms: `\boxed{\frac{1}{2}}`, `1/2`, `The answer is $1,000$.`,
// `x = 3`, `5 apples`. Here are the lab's labelled responses (labels by a person):
// %%
aq.from(verifiersLab.responses.slice(0, 8));
// %% [markdown]
// **Exercise 1.** Write `normaliseAnswer(text)`: find the final answer (the last `\boxed{…}`, or
// what follows "answer is"), then strip the noise: `$`, spaces, `\text{…}`, thousands commas, a
// leading `x =`, a trailing period or unit word; turn `\frac{a}{b}`, `\dfrac{a}{b}`, `\tfrac{a}{b}`
// and `\frac34` into `a/b`. The check gives pairs that must normalise alike and pairs that must not.
// %%
function normaliseAnswer(text: string): string {
  // BEGIN SOLUTION
  // TODO: return the final answer of `text` without formatting noise
  // STUB: throw new Error("TODO");
  let s = text;
  const boxed = s.lastIndexOf("\\boxed{");
  if (boxed >= 0) {
    let depth = 0;
    let end = s.length;
    for (let i = boxed + 6; i < s.length; i++) {
      if (s[i] === "{") depth++;
      else if (s[i] === "}" && --depth === 0) { end = i; break; }
    }
    s = s.slice(boxed + 7, end);
  } else {
    const m = /answer is:?\s*(.*)$/i.exec(s);
    if (m) s = m[1]!;
  }
  s = s.replace(/\$/g, "").replace(/\\[dt]frac/g, "\\frac").replace(/\\text\{[^}]*\}/g, "");
  s = s.replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, "$1/$2").replace(/\\frac(\d)(\d)/g, "$1/$2");
  s = s.replace(/^\s*[a-z]\s*=\s*/i, "").replace(/(\d),(?=\d{3}\b)/g, "$1").replace(/\s+/g, "");
  return s.replace(/\.$/, "").replace(/[a-z]+$/i, "").replace(/^\./, "0.");
  // END SOLUTION
}
// %%
await verifiersLab.checkNormaliseAnswer(normaliseAnswer);
// %% [markdown]
// ## 2. Measuring a verifier
//
// Given verdicts v and labels y (true = right), with P = #{y true} and N = #{y false}:
//
// $$\text{FNR} = \frac{\#\{v = \text{false},\, y = \text{true}\}}{P}, \qquad \text{FPR} = \frac{\#\{v = \text{true},\, y = \text{false}\}}{N}.$$
//
// **Exercise 2.** Write `verifierRates(verdicts, labels)` returning `{ falseNegativeRate, falsePositiveRate }`.
// %%
function verifierRates(verdicts: boolean[], labels: boolean[]): { falseNegativeRate: number; falsePositiveRate: number } {
  // BEGIN SOLUTION
  // TODO: count the four cells of the confusion matrix
  // STUB: throw new Error("TODO");
  let pos = 0, neg = 0, fn = 0, fp = 0;
  labels.forEach((y, i) => {
    if (y) { pos++; if (!verdicts[i]) fn++; } else { neg++; if (verdicts[i]) fp++; }
  });
  return { falseNegativeRate: fn / pos, falsePositiveRate: fp / neg };
  // END SOLUTION
}
// %%
await verifiersLab.checkVerifierRates(verifierRates);
// %% [markdown]
// Now compare three verifiers on the labelled responses: exact string match of the final token,
// yours (normalise both sides, compare strings), and replab's rule-based `verifyMath`.
// %%
const labels = verifiersLab.responses.map((r) => r.correct);
const verifiers: Record<string, (response: string, gold: string) => boolean> = {
  "exact match": (response, gold) => response.trim().split(/\s+/).at(-1) === gold,
  "your normaliser": (response, gold) => normaliseAnswer(response) === normaliseAnswer(gold),
  "replab verifyMath": (response, gold) => verifyMath(response, gold).verdict === "correct",
};
const rates = await attempt(() => Object.entries(verifiers).map(([name, v]) => ({
  verifier: name,
  ...verifierRates(verifiersLab.responses.map((r) => v(r.response, r.gold)), labels),
})), "exercises 1 and 2");
rates && aq.from(rates);
// %% [markdown]
// ## 3. A judge's false positives on master keys
//
// `verifiersLab.judge(question, response, gold)` asks replab's offline lenient judge model (a
// deterministic stand-in for a generative LLM judge, so the lab runs offline) with the standard
// judge prompt. It compares final answers, but — like the real judges Zhao et al. tested — it
// often says "correct" to a response that contains no answer and looks like the start of a
// solution. The master keys:
// %%
verifiersLab.masterKeys;
// %% [markdown]
// **Exercise 3.** Write `masterKeyRate(judge)`: for every distinct question in
// `verifiersLab.responses` (with its gold answer) and every master key, ask
// `judge(question, key, gold)`; return the share of "true" answers. That share is the judge's
// false-positive rate on master keys — every one of those responses is wrong.
// %%
function masterKeyRate(judge: (question: string, response: string, gold: string) => boolean): number {
  // BEGIN SOLUTION
  // TODO: the share of (question, master key) pairs the judge accepts
  // STUB: throw new Error("TODO");
  const questions = new Map<string, string>();
  for (const r of verifiersLab.responses) if (!questions.has(r.question)) questions.set(r.question, r.gold);
  let yes = 0;
  for (const [question, gold] of questions) for (const key of verifiersLab.masterKeys) if (judge(question, key, gold)) yes++;
  return yes / (questions.size * verifiersLab.masterKeys.length);
  // END SOLUTION
}
// %%
await verifiersLab.checkJudgeFalsePositives(masterKeyRate);
// %% [markdown]
// **Exercise 4.** Guard the judge: write `guardedJudge(question, response, gold)` that refuses a
// response with no final answer (after your normaliser there is no digit left) and otherwise asks
// `verifiersLab.judge`. The check wants no master key to get through, and every right answer the
// judge accepted to still be accepted.
// %%
function guardedJudge(question: string, response: string, gold: string): boolean {
  // BEGIN SOLUTION
  // TODO: return false when the response has no answer; else the judge's verdict
  // STUB: throw new Error("TODO");
  if (!/\d/.test(normaliseAnswer(response))) return false;
  return verifiersLab.judge(question, response, gold);
  // END SOLUTION
}
// %%
await verifiersLab.checkGuardedJudge(guardedJudge);
// %%
const keyRates = await attempt(() => ({ judge: masterKeyRate(verifiersLab.judge), guarded: masterKeyRate(guardedJudge) }), "exercises 3 and 4");
keyRates && figure({
  data: [{ type: "bar", x: ["lenient judge", "guarded judge"], y: [keyRates.judge, keyRates.guarded] }],
  layout: { title: { text: "False-positive rate on master keys" }, yaxis: { title: { text: "share of master keys accepted" }, range: [0, 1] } },
});
// %% [markdown]
// **Think about it.** Your guard uses a rule. What does a rule-based guard cost you on answers
// that are right but written in words ("one half")? How would you measure that cost?
// %% [markdown]
// ## Your progress
// %%
checkSummary("verifiers");
// %% tags=["solution-only"]
requireAllChecksPassed("verifiers");
// The lab's claims, on the numbers just computed.
if (!rates || !keyRates) throw new Error("the rates were not computed");
const byName = Object.fromEntries(rates.map((r) => [r.verifier, r]));
if (!(byName["exact match"]!.falseNegativeRate > 0.5)) throw new Error(`expected exact match to miss most right answers, FNR ${byName["exact match"]!.falseNegativeRate}`);
if (!(byName["your normaliser"]!.falseNegativeRate < byName["exact match"]!.falseNegativeRate)) throw new Error("expected the normaliser to cut false negatives");
if (!(keyRates.judge > 0.3 && keyRates.guarded === 0)) throw new Error(`expected the judge to be fooled (${keyRates.judge}) and the guard to stop it (${keyRates.guarded})`);
`claims hold: exact-match FNR ${byName["exact match"]!.falseNegativeRate.toFixed(2)} → ${byName["your normaliser"]!.falseNegativeRate.toFixed(2)}; master keys fool the judge ${(100 * keyRates.judge).toFixed(0)}% of the time, the guarded judge 0%`;
