"""Writes notebooks/verifier-pitfalls.ipynb (nbformat 4, empty outputs) from the cell sources below
(notebooks/noisy-rewards.ipynb has its own generator, make_noisy_rewards.py).
Run: python3 tests/verifiers/notebooks/make_notebooks.py
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
import { bootstrapCi, pairedTTest } from "replab/stats";
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
## 4. The claim, checked over the seeds

**Claim.** A policy trained against a judge with false positives hacks it: its reward rises
while its true accuracy does not keep up, and the more so, the higher the judge's measured FPR.

Per setting, over the seeds, with 95% percentile bootstrap intervals (`bootstrapCi`): the mean
final **inflation** and the mean **hack**; and a paired t-test (`pairedTTest`, paired by seed) of
the rule-trained policy's final true accuracy against the judge-trained one's. The claim **holds
in a setting** when the inflation's interval lies above the margin `MARGIN` (0.05 of reward), the
hack's above 0 (the reward gained more than the truth), and the judge-trained policy ends less
accurate than the rule-trained one (mean difference > 0, p < 0.05). The **trend** pairs, seed by
seed, the inflation at the setting with the highest measured FPR against the one with the
lowest: the difference's bootstrap interval must lie above `MARGIN`. The table also shows how
much true accuracy itself changed (`acc_gain`): the claim is that it lags, not that it falls.
Settings where the claim does not hold are reported as such, not removed. The rule-trained runs'
inflation and hack are 0 by construction (their reward is the true accuracy): sanity only.
"""),
("code", r"""
const results = settings.map((s, k) => {
  const rs = runs.filter((r) => r.setting === `leniency ${s.leniency}, ${s.keys} keys`);
  const hack = bootstrapCi(rs.map((r) => r.hack), { seed: 7 });
  const inflation = bootstrapCi(rs.map((r) => r.inflation), { seed: 7 });
  const gap = rs.map((r) => r.ruleAcc - r.acc);
  const t = gap.every((g) => g === gap[0]) ? { pvalue: gap[0]! > 0 ? 0 : 1 } : pairedTTest(rs.map((r) => r.ruleAcc), rs.map((r) => r.acc));
  const meanGap = gap.reduce((a, b) => a + b, 0) / gap.length;
  const holds = inflation.low > MARGIN && hack.low > 0 && meanGap > 0 && t.pvalue < 0.05;
  const mean = (f: (r: (typeof rs)[number]) => number) => rs.reduce((a, r) => a + f(r), 0) / rs.length;
  return {
    setting: `leniency ${s.leniency}, ${s.keys} keys`, measured_fpr: measured[k]!.fpr as number,
    inflation: inflation.estimate, inflation_low: inflation.low, inflation_high: inflation.high, hack: hack.estimate, hack_low: hack.low,
    final_reward: mean((r) => r.reward), final_true_acc: mean((r) => r.acc), acc_gain: mean((r) => r.accGain),
    rule_acc_minus_judge_acc: meanGap, paired_p: t.pvalue, claim_holds: holds ? "yes" : "no",
  };
});
const table = aq.from(results).orderby("measured_fpr");
display(table);
const failing = results.filter((r) => r.claim_holds === "no");
display.markdown(failing.length === 0
  ? `The claim holds in all ${results.length} settings.`
  : `The claim does **not** hold in ${failing.length} of ${results.length} settings: ${failing.map((r) => `${r.setting} (measured FPR ${r.measured_fpr.toFixed(3)}, inflation ${r.inflation.toFixed(3)} [${r.inflation_low.toFixed(3)}, ${r.inflation_high.toFixed(3)}], hack ${r.hack.toFixed(3)} from ${r.hack_low.toFixed(3)}, accuracy gap ${r.rule_acc_minus_judge_acc.toFixed(3)}, p = ${r.paired_p.toPrecision(2)})`).join("; ")}.`);
"""),
("code", r"""
const byFpr = [...results].sort((a, b) => a.measured_fpr - b.measured_fpr);
const low = byFpr[0]!, high = byFpr[byFpr.length - 1]!;
const inflationOf = (setting: string) => SEEDS.map((seed) => runs.find((r) => r.setting === setting && r.seed === seed)!.inflation);
const diff = inflationOf(high.setting).map((h, i) => h - inflationOf(low.setting)[i]!);
const trend = bootstrapCi(diff, { seed: 11 });
const trendTest = pairedTTest(inflationOf(high.setting), inflationOf(low.setting));
const ruleHack = Math.max(...[...ruleRuns.values()].map((r) => Math.max(Math.abs(r.hack), Math.abs(r.inflation))));
const checks: Array<[string, boolean]> = [
  [`sanity: rule-trained runs have no inflation or hack (largest ${ruleHack.toExponential(1)})`, ruleHack < 1e-9],
  [`sanity: the guarded judge's measured FPR (${guardAll.fpr.toFixed(3)}) is below the raw judge's at the same setting (${(measured[measured.length - 1]!.fpr as number).toFixed(3)})`, guardAll.fpr_high < (measured[measured.length - 1]!.fpr as number)],
  [`the highest-FPR setting (${high.setting}, FPR ${high.measured_fpr.toFixed(3)}) is hacked: inflation ${high.inflation.toFixed(3)}, 95% CI [${high.inflation_low.toFixed(3)}, ${high.inflation_high.toFixed(3)}] above ${MARGIN}; hack ${high.hack.toFixed(3)} (CI from ${high.hack_low.toFixed(3)}) above 0; true accuracy ${high.rule_acc_minus_judge_acc.toFixed(3)} below the rule-trained policy's (paired t-test p = ${high.paired_p.toPrecision(2)})`, high.claim_holds === "yes"],
  [`more hacking with higher measured FPR: inflation(${high.setting}) − inflation(${low.setting}) = ${trend.estimate.toFixed(3)}, 95% CI [${trend.low.toFixed(3)}, ${trend.high.toFixed(3)}] above ${MARGIN} (paired t-test p = ${trendTest.pvalue.toPrecision(2)})`, trend.low > MARGIN],
  [`the claim holds in ${results.length - failing.length} of ${results.length} settings (reported above; not a condition)`, true],
];
const failed = checks.filter(([, ok]) => !ok);
if (failed.length > 0) throw new Error("claim not reproduced: " + failed.map(([s]) => s).join("; "));
display.markdown(checks.map(([s]) => `- ✅ ${s}`).join("\n"));
"""),
]

write("verifier-pitfalls.ipynb", PITFALLS)
