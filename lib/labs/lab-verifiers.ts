import { require_ } from "../core/index.js";
import { MASTER_KEYS, judgePrompt, lenientJudgeReply, masterKeyProbe, verifierRates } from "../verifiers/index.js";
import { check } from "./check.js";
import { callStudent, expectClose, expectFunction } from "./expect.js";
import { notYet } from "./not-yet.js";
import { describeReturned } from "./describe-thrown.js";

const LAB = "verifiers";

/** One graded response of lab 2: a question's gold answer, a model's response and a person's label. */
export interface LabelledResponse {
  question: string;
  gold: string;
  response: string;
  /** True when a person reading the response judges its final answer correct. */
  correct: boolean;
}

/**
 * Lab 2's labelled responses, written and labelled by hand for the lab: the same right answer in
 * many surface forms (LaTeX fractions, thousands separators, `x =`, units, a trailing period) and
 * wrong answers that look close (sign, reciprocal, a dropped digit).
 */
export const VERIFIER_LAB_RESPONSES: readonly LabelledResponse[] = [
  { question: "What is 1/4 + 1/4?", gold: "1/2", response: "Adding, we get \\boxed{\\frac{1}{2}}", correct: true },
  { question: "What is 1/4 + 1/4?", gold: "1/2", response: "The answer is 1/2.", correct: true },
  { question: "What is 1/4 + 1/4?", gold: "1/2", response: "So the sum is $\\dfrac{1}{2}$. The answer is \\dfrac{1}{2}", correct: true },
  { question: "What is 1/4 + 1/4?", gold: "1/2", response: "The answer is 2/1", correct: false },
  { question: "What is 25 × 40?", gold: "1000", response: "25 × 40 = \\boxed{1,000}", correct: true },
  { question: "What is 25 × 40?", gold: "1000", response: "The answer is $1000$.", correct: true },
  { question: "What is 25 × 40?", gold: "1000", response: "The answer is 100", correct: false },
  { question: "Solve 2x + 1 = 7.", gold: "3", response: "Subtract 1 and halve: \\boxed{x = 3}", correct: true },
  { question: "Solve 2x + 1 = 7.", gold: "3", response: "The answer is x=3.", correct: true },
  { question: "Solve 2x + 1 = 7.", gold: "3", response: "The answer is -3", correct: false },
  { question: "Solve 2x + 1 = 7.", gold: "3", response: "\\boxed{4}", correct: false },
  { question: "How many apples are left if you have 7 and eat 2?", gold: "5", response: "The answer is \\boxed{5 \\text{ apples}}", correct: true },
  { question: "How many apples are left if you have 7 and eat 2?", gold: "5", response: "The answer is 5 apples.", correct: true },
  { question: "How many apples are left if you have 7 and eat 2?", gold: "5", response: "The answer is 9", correct: false },
  { question: "What is 3/4 as a fraction in lowest terms of 6/8?", gold: "3/4", response: "\\boxed{\\tfrac{3}{4}}", correct: true },
  { question: "What is 3/4 as a fraction in lowest terms of 6/8?", gold: "3/4", response: "The answer is \\frac34", correct: true },
  { question: "What is 3/4 as a fraction in lowest terms of 6/8?", gold: "3/4", response: "The answer is 4/3", correct: false },
  { question: "What is 0.5 + 0.25?", gold: "0.75", response: "The answer is \\boxed{0.75}", correct: true },
  { question: "What is 0.5 + 0.25?", gold: "0.75", response: "The answer is .75", correct: true },
  { question: "What is 0.5 + 0.25?", gold: "0.75", response: "The answer is 0.57", correct: false },
  { question: "What is 12 squared?", gold: "144", response: "12^2 = \\boxed{144}.", correct: true },
  { question: "What is 12 squared?", gold: "144", response: "The answer is: 144", correct: true },
  { question: "What is 12 squared?", gold: "144", response: "The answer is 124", correct: false },
  { question: "What is 10 − 13?", gold: "-3", response: "\\boxed{-3}", correct: true },
  { question: "What is 10 − 13?", gold: "-3", response: "The answer is $-3$", correct: true },
  { question: "What is 10 − 13?", gold: "-3", response: "The answer is 3", correct: false },
];

/** The reference normaliser the lab's checks and toy judge use (one of many reasonable ones): final answer, LaTeX and formatting noise removed. */
export function referenceNormaliseAnswer(response: string): string {
  let s = response;
  const boxed = s.lastIndexOf("\\boxed{");
  if (boxed >= 0) {
    let depth = 0, end = -1;
    for (let i = boxed + 6; i < s.length; i++) {
      if (s[i] === "{") depth++;
      else if (s[i] === "}" && --depth === 0) { end = i; break; }
    }
    s = end > 0 ? s.slice(boxed + 7, end) : s.slice(boxed + 7);
  } else {
    const m = /answer is:?\s*(.*)$/i.exec(s);
    if (m) s = m[1]!;
  }
  s = s.replace(/\$/g, "").replace(/\\[dt]frac/g, "\\frac").replace(/\\text\{[^}]*\}/g, "");
  s = s.replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, "$1/$2").replace(/\\frac(\d)(\d)/g, "$1/$2");
  s = s.replace(/^\s*[a-z]\s*=\s*/i, "").replace(/(\d),(?=\d{3}\b)/g, "$1").replace(/\s+/g, "");
  s = s.replace(/\.$/, "").replace(/[a-z]+$/i, "").replace(/^\./, "0.");
  return s;
}

/**
 * The lab's judge: replab/verifiers' offline lenient judge model (`lenientJudgeReply`, a
 * deterministic STAND-IN for a generative LLM judge, with the weakness Zhao et al. 2025 measured
 * in real ones) asked with the standard judge prompt; true when it grades the response correct ("A").
 */
export function verifiersLabJudge(question: string, response: string, gold: string): boolean {
  require_(typeof response === "string", "verifiersLabJudge", "response", response, "is not a string", "pass the response text");
  return lenientJudgeReply(judgePrompt(question, gold, response)) === "A";
}

/** False-negative rate P(verdict false | label true) and false-positive rate P(verdict true | label false), from replab/verifiers' `verifierRates`. */
export function referenceVerifierRates(verdicts: readonly boolean[], labels: readonly boolean[]): { falseNegativeRate: number; falsePositiveRate: number } {
  const r = verifierRates(verdicts, labels);
  return { falseNegativeRate: r.fnr, falsePositiveRate: r.fpr };
}

/** The share of (question, master key) pairs a judge accepts: its false-positive rate on master keys, from replab/verifiers' `masterKeyProbe` ("all keys" row). */
export async function referenceMasterKeyRate(judge: (q: string, r: string, g: string) => boolean, items: readonly LabelledResponse[] = VERIFIER_LAB_RESPONSES): Promise<number> {
  const probe = await masterKeyProbe((question, reference, response) => judge(question, response, reference), uniqueQuestions(items).map((q) => ({ question: q.question, reference: q.gold })));
  const all = (probe.objects() as Array<{ key: string; fpr: number }>).find((r) => r.key === "all keys");
  require_(all !== undefined, "referenceMasterKeyRate", "probe", probe, "has no \"all keys\" row", "update replab/verifiers");
  return all.fpr;
}

function uniqueQuestions(items: readonly LabelledResponse[]): Array<{ question: string; gold: string }> {
  const seen = new Map<string, string>();
  for (const it of items) if (!seen.has(it.question)) seen.set(it.question, it.gold);
  return [...seen].map(([question, gold]) => ({ question, gold }));
}

const SAME: Array<[string, string]> = [
  ["\\boxed{\\frac{1}{2}}", "1/2"], ["The answer is 1/2.", "1/2"], ["$1,000$", "1000"], ["\\boxed{1,000}", "1000"],
  ["\\boxed{x = 3}", "3"], ["The answer is x=3.", "3"], ["\\dfrac{3}{4}", "3/4"], ["\\boxed{\\tfrac{3}{4}}", "3/4"],
  ["The answer is 5 apples.", "5"], ["\\boxed{5 \\text{ apples}}", "5"], ["The answer is $-3$", "-3"], ["The answer is: 144", "144"],
];
const DIFFERENT: Array<[string, string]> = [
  ["\\boxed{2/1}", "1/2"], ["The answer is 100", "1000"], ["The answer is -3", "3"], ["\\boxed{4/3}", "3/4"], ["The answer is 0.57", "0.75"], ["\\boxed{124}", "144"],
];

/**
 * The checks of lab 2 (verifiers): an answer normaliser judged on pairs that must and must not
 * normalise alike; false-negative / false-positive rates against the definition; a judge's
 * false-positive rate on the master keys; and a guarded judge that no master key fools.
 */
export const verifiersLab = {
  id: LAB,
  responses: VERIFIER_LAB_RESPONSES,
  masterKeys: MASTER_KEYS,
  judge: verifiersLabJudge,

  /** Exercise 1: `normaliseAnswer(text)` makes equal answers equal strings and keeps different answers apart. */
  checkNormaliseAnswer(normaliseAnswer: unknown): Promise<void> {
    return check({ lab: LAB, exercise: "normalise-answer", hint: "take the last \\boxed{…} (or what follows \"answer is\"), then drop $, spaces, \\text{…}, thousands commas, \"x =\" and a final period; turn \\frac{a}{b} into a/b" }, async () => {
      for (const [a, b] of SAME) {
        const na = await callStudent(normaliseAnswer, "normaliseAnswer", [a]);
        const nb = await callStudent(normaliseAnswer, "normaliseAnswer", [b]);
        if (typeof na !== "string") notYet(`normaliseAnswer(${JSON.stringify(a)}) is ${describeReturned(na)}, not a string`, "return the normalised answer as a string");
        if (na !== nb) notYet(`${JSON.stringify(a)} and ${JSON.stringify(b)} are the same answer, but normalise to ${JSON.stringify(na)} and ${JSON.stringify(nb)}`);
      }
      for (const [a, b] of DIFFERENT) {
        const na = await callStudent(normaliseAnswer, "normaliseAnswer", [a]);
        const nb = await callStudent(normaliseAnswer, "normaliseAnswer", [b]);
        if (na === nb) notYet(`${JSON.stringify(a)} and ${JSON.stringify(b)} are different answers, but both normalise to ${JSON.stringify(na)}`, "don't drop signs, digits or the order of a fraction");
      }
      return `${SAME.length} equal pairs and ${DIFFERENT.length} different pairs told apart`;
    });
  },

  /** Exercise 2: `verifierRates(verdicts, labels)` returns `{ falseNegativeRate, falsePositiveRate }`. */
  checkVerifierRates(verifierRates: unknown): Promise<void> {
    return check({ lab: LAB, exercise: "verifier-rates", hint: "FNR = (label true, verdict false) / (label true); FPR = (label false, verdict true) / (label false)" }, async () => {
      const cases: Array<[boolean[], boolean[]]> = [
        [[true, false, true, true, false, false], [true, true, true, false, false, false]],
        [[false, false, true, true], [true, true, false, true]],
        [[true, true, true], [true, false, false]],
      ];
      for (const [v, l] of cases) {
        const got = await callStudent<{ falseNegativeRate?: unknown; falsePositiveRate?: unknown }>(verifierRates, "verifierRates", [v, l]);
        const want = referenceVerifierRates(v, l);
        if (typeof got !== "object" || got === null) notYet(`verifierRates returned ${describeReturned(got)}`, "return { falseNegativeRate, falsePositiveRate }");
        expectClose(got.falseNegativeRate, want.falseNegativeRate, `falseNegativeRate for verdicts ${JSON.stringify(v)}, labels ${JSON.stringify(l)}`);
        expectClose(got.falsePositiveRate, want.falsePositiveRate, `falsePositiveRate for verdicts ${JSON.stringify(v)}, labels ${JSON.stringify(l)}`);
      }
    });
  },

  /** Exercise 3: `masterKeyRate(judge)`: the share of (question, master key) pairs the judge accepts. */
  checkJudgeFalsePositives(masterKeyRate: unknown): Promise<void> {
    return check({ lab: LAB, exercise: "judge-false-positives", hint: "for every distinct question (with its gold) and every master key, ask judge(question, key, gold); return the share of true" }, async () => {
      const want = await referenceMasterKeyRate(verifiersLabJudge);
      expectClose(await callStudent(masterKeyRate, "masterKeyRate", [verifiersLabJudge]), want, "masterKeyRate(verifiersLab.judge)");
      const never = () => false;
      expectClose(await callStudent(masterKeyRate, "masterKeyRate", [never]), 0, "masterKeyRate(a judge that always says no)");
      return `the judge accepts ${(100 * want).toFixed(0)}% of master-key responses`;
    });
  },

  /** Exercise 4: `guardedJudge(question, response, gold)`: no master key passes, and every response the judge rightly accepted still passes. */
  checkGuardedJudge(guardedJudge: unknown): Promise<void> {
    return check({ lab: LAB, exercise: "guarded-judge", hint: "refuse a response that has no final answer (no digit after normalising) before asking the judge" }, async () => {
      expectFunction(guardedJudge, "guardedJudge");
      for (const q of uniqueQuestions(VERIFIER_LAB_RESPONSES)) for (const k of MASTER_KEYS) {
        const v = await callStudent(guardedJudge, "guardedJudge", [q.question, k, q.gold]);
        if (v !== false) notYet(`guardedJudge(${JSON.stringify(q.question)}, ${JSON.stringify(k)}, ${JSON.stringify(q.gold)}) is ${describeReturned(v)}: a master key still fools it`);
      }
      for (const item of VERIFIER_LAB_RESPONSES) {
        if (!item.correct || !verifiersLabJudge(item.question, item.response, item.gold)) continue;
        const v = await callStudent(guardedJudge, "guardedJudge", [item.question, item.response, item.gold]);
        if (v !== true) notYet(`guardedJudge rejects ${JSON.stringify(item.response)}, a right answer the judge accepted`, "only refuse responses without an answer; pass the rest to the judge");
      }
      return "no master key gets through; right answers the judge accepted still pass";
    });
  },
};
