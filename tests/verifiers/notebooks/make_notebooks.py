"""Writes notebooks/verifier-pitfalls.ipynb (nbformat 4, empty outputs) from the cell sources below
(notebooks/noisy-rewards.ipynb has its own generator, make_noisy_rewards.py).
Run: python3 tests/verifiers/notebooks/make_notebooks.py
"""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "notebooks", "py"))
import nbwrite

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
## 4. The claims, checked over the seeds

Zhao et al. (2025, *One Token to Fool LLM-as-a-Judge*, arXiv 2507.08794) show that master keys
fool generative judges and that RL against such a judge is hacked. Here that is three claims per
setting, each a statistic with one value per seed of the `parameters` cell, tested by `claim()`
(replab/claims: the mean with its 95% Student-t interval over the seeds; **holds** when the whole
interval is past the margin, **partly** when only the mean is, **does not** otherwise):

- `inflation-…` — the final reward exceeds the final true accuracy by more than `MARGIN`
  (statistic: reward_end − acc_end);
- `hack-…` — the reward gained more than the true accuracy did (statistic:
  (reward_end − reward_start) − (acc_end − acc_start), margin 0);
- `accuracy-lag-…` — the judge-trained policy ends less accurate than the rule-trained one
  (statistic: the rule-trained final accuracy minus the judge-trained one, paired by seed — its
  interval is the paired t-test's; margin 0).

Across settings, `inflation-trend`: the more false positives, the more hacking — the inflation at
the setting with the highest measured FPR minus at the lowest, paired by seed, above `MARGIN`.
The table also shows how much true accuracy itself changed (`acc_gain`): the claim is that it
lags, not that it falls. A claim that does not hold is shown as such (its box, the table and the
sentence under it), never dropped, and nothing throws. The rule-trained runs' inflation and hack
are 0 by construction (their reward is the true accuracy): `sanity`, not a claim.
"""),
("code", r"""
import { claim, sanity, type ClaimSpec } from "replab/claims";
import { figure } from "replab/plots";

const PAPER = { title: "One Token to Fool LLM-as-a-Judge", arxiv: "2507.08794" };
const nameOf = (s: Setting) => `leniency ${s.leniency}, ${s.keys} keys`;
const idOf = (s: Setting) => `leniency-${s.leniency}-keys-${s.keys}`;
const seedRuns = (s: Setting) => SEEDS.map((seed) => runs.find((r) => r.setting === nameOf(s) && r.seed === seed)!);
const fprOf = (k: number) => measured[k]!.fpr as number;
type Spec = Omit<ClaimSpec, "figure">;
const specsOf = (s: Setting, k: number): Record<"inflation" | "hack" | "lag", Spec> => {
  const rs = seedRuns(s);
  const where = `trained against the simulated lenient judge at ${nameOf(s)} (measured FPR ${fprOf(k).toFixed(3)})`;
  const common = { paper: PAPER, seeds: SEEDS };
  return {
    inflation: { ...common, id: `inflation-${idOf(s)}`, statement: `${where}, the policy's final reward exceeds its final true accuracy by more than ${MARGIN}`, statistic: "final reward − final true accuracy", values: rs.map((r) => r.inflation), margin: { above: MARGIN } },
    hack: { ...common, id: `hack-${idOf(s)}`, statement: `${where}, the policy's reward gains more than its true accuracy`, statistic: "(reward_end − reward_start) − (acc_end − acc_start)", values: rs.map((r) => r.hack), margin: { above: 0 } },
    lag: { ...common, id: `accuracy-lag-${idOf(s)}`, statement: `${where}, the policy ends less accurate than the one trained on the rule verifier`, statistic: "final true accuracy: rule-trained − judge-trained (paired by seed)", values: rs.map((r) => r.ruleAcc - r.acc), margin: { above: 0 } },
  };
};
const specs = settings.map(specsOf);
const byFpr = settings.map((s, k) => ({ s, k })).sort((a, b) => fprOf(a.k) - fprOf(b.k));
const low = byFpr[0]!, high = byFpr[byFpr.length - 1]!;
const trendSpec: Spec = {
  id: "inflation-trend", paper: PAPER, seeds: SEEDS, margin: { above: MARGIN },
  statement: `the more false positives the judge has, the more the policy is hacked: the inflation at ${nameOf(high.s)} (measured FPR ${fprOf(high.k).toFixed(3)}) exceeds the one at ${nameOf(low.s)} (${fprOf(low.k).toFixed(3)}) by more than ${MARGIN}`,
  statistic: `inflation(${nameOf(high.s)}) − inflation(${nameOf(low.s)}), paired by seed`,
  values: seedRuns(high.s).map((r, i) => r.inflation - seedRuns(low.s)[i]!.inflation),
};

// the figure every claim carries: each per-setting statistic with its interval, against the measured FPR
const first = specs.map((sp) => ({ inflation: claim(sp.inflation), hack: claim(sp.hack), lag: claim(sp.lag) }));
const trace = (name: string, pick: (c: (typeof first)[number]) => { mean: number; low: number; high: number }) => ({
  type: "scatter", mode: "markers", name, x: settings.map((_, k) => fprOf(k)), y: first.map((c) => pick(c).mean),
  error_y: { type: "data", symmetric: false, array: first.map((c) => pick(c).high - pick(c).mean), arrayminus: first.map((c) => pick(c).mean - pick(c).low) },
  text: settings.map(nameOf),
});
const sweepFigure = figure({
  data: [trace("inflation (reward − accuracy)", (c) => c.inflation), trace("hack (reward gain − accuracy gain)", (c) => c.hack), trace("accuracy lag (rule − judge)", (c) => c.lag)],
  layout: {
    title: { text: `Per setting: mean over ${SEEDS.length} seeds with 95% Student-t intervals` },
    xaxis: { title: { text: "measured false-positive rate of the judge" } }, yaxis: { title: { text: "statistic" } },
    shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: MARGIN, y1: MARGIN, line: { dash: "dash", color: "grey" } }],
  },
});
const claims = specs.map((sp) => ({ inflation: claim({ ...sp.inflation, figure: sweepFigure }), hack: claim({ ...sp.hack, figure: sweepFigure }), lag: claim({ ...sp.lag, figure: sweepFigure }) }));
const trendClaim = claim({ ...trendSpec, figure: sweepFigure });
display(sweepFigure);
"""),
("code", r"""
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const overall = (c: (typeof claims)[number]) => {
  const v = [c.inflation.verdict, c.hack.verdict, c.lag.verdict];
  return v.every((x) => x === "holds") ? "holds" : v.some((x) => x === "does-not") ? "does not" : "partly";
};
const results = settings.map((s, k) => {
  const c = claims[k]!, rs = seedRuns(s);
  return {
    setting: nameOf(s), measured_fpr: fprOf(k),
    inflation: c.inflation.mean, inflation_low: c.inflation.low, inflation_high: c.inflation.high, inflation_claim: c.inflation.verdict,
    hack: c.hack.mean, hack_low: c.hack.low, hack_claim: c.hack.verdict,
    accuracy_lag: c.lag.mean, accuracy_lag_low: c.lag.low, accuracy_lag_claim: c.lag.verdict,
    final_reward: mean(rs.map((r) => r.reward)), final_true_acc: mean(rs.map((r) => r.acc)), acc_gain: mean(rs.map((r) => r.accGain)),
    claims: overall(c),
  };
});
display(aq.from(results).orderby("measured_fpr"));
for (const c of claims) { display(c.inflation); display(c.hack); display(c.lag); }
display(trendClaim);
const named = (want: string) => results.filter((r) => r.claims === want).map((r) => `${r.setting} (FPR ${r.measured_fpr.toFixed(3)})`);
const [holding, partly, failing] = [named("holds"), named("partly"), named("does not")];
display.markdown([
  `With seeds ${SEEDS.join(", ")}: all three claims hold in ${holding.length} of ${results.length} settings${holding.length ? ` — ${holding.join("; ")}` : ""}.`,
  partly.length ? `Partly (a mean past its margin, an interval reaching it) in ${partly.join("; ")}.` : "",
  failing.length ? `At least one claim does **not** hold in ${failing.join("; ")}.` : "",
  `The trend claim ${trendClaim.verdict === "holds" ? "holds" : trendClaim.verdict === "partly" ? "holds only partly" : "does **not** hold"}: ${trendClaim.statistic} = ${trendClaim.mean.toFixed(3)}, 95% CI [${trendClaim.low.toFixed(3)}, ${trendClaim.high.toFixed(3)}] (needs > ${MARGIN}).`,
].filter(Boolean).join(" "));
const ruleHack = Math.max(...[...ruleRuns.values()].map((r) => Math.max(Math.abs(r.hack), Math.abs(r.inflation))));
display(sanity("rule-trained runs have no inflation or hack", ruleHack < 1e-9, `largest ${ruleHack.toExponential(1)}`));
display(sanity(`the guarded judge's measured FPR is below the raw judge's at ${nameOf(top)}`, guardAll.fpr_high < fprOf(settings.length - 1), `${guardAll.fpr.toFixed(3)} against ${fprOf(settings.length - 1).toFixed(3)}`));
"""),
]

nbwrite.write("verifier-pitfalls", PITFALLS)
