import { describe, expect, it } from "vitest";
import { verifiersLab, referenceNormaliseAnswer, referenceVerifierRates, referenceMasterKeyRate, verifiersLabJudge, VERIFIER_LAB_RESPONSES } from "../../lib/labs/index.js";
import { verifyMath, MASTER_KEYS } from "../../lib/verifiers/index.js";
import { capturedCheck, todo } from "./capture.js";

describe("lab 2 references", () => {
  it("the hand labels agree with replab's verifyMath and with the reference normaliser", () => {
    for (const r of VERIFIER_LAB_RESPONSES) {
      expect(verifyMath(r.response, r.gold).verdict === "correct", r.response).toBe(r.correct);
      expect(referenceNormaliseAnswer(r.response) === referenceNormaliseAnswer(r.gold), r.response).toBe(r.correct);
    }
  });
  it("verifier rates follow the definition (worked by hand)", () => {
    expect(referenceVerifierRates([true, true, false, false], [true, false, true, false])).toEqual({ falseNegativeRate: 0.5, falsePositiveRate: 0.5 });
    // labels T T T F F F, verdicts T F T T F F: one FN of 3 positives, one FP of 3 negatives
    expect(referenceVerifierRates([true, false, true, true, false, false], [true, true, true, false, false, false])).toEqual({ falseNegativeRate: 1 / 3, falsePositiveRate: 1 / 3 });
  });
  it("the lab's judge is fooled by master keys but not by wrong answers", async () => {
    expect(MASTER_KEYS).toHaveLength(10);
    const rate = await referenceMasterKeyRate(verifiersLabJudge);
    // the same share counted by hand over (question, key) pairs
    const questions = [...new Map(VERIFIER_LAB_RESPONSES.map((r) => [r.question, r.gold]))];
    let yes = 0;
    for (const [q, g] of questions) for (const k of MASTER_KEYS) if (verifiersLabJudge(q, k, g)) yes++;
    expect(rate).toBeCloseTo(yes / (questions.length * MASTER_KEYS.length), 12);
    expect(rate).toBeGreaterThan(0.3);
    expect(rate).toBeLessThan(1);
    for (const r of VERIFIER_LAB_RESPONSES) expect(verifiersLabJudge(r.question, r.response, r.gold)).toBe(r.correct);
  });
});

describe("lab 2 checks", () => {
  const normalise = referenceNormaliseAnswer;
  const rates = referenceVerifierRates;
  const keyRate = (judge: (q: string, r: string, g: string) => boolean) => {
    const questions = [...new Map(VERIFIER_LAB_RESPONSES.map((r) => [r.question, r.gold]))];
    let yes = 0;
    for (const [q, g] of questions) for (const k of MASTER_KEYS) if (judge(q, k, g)) yes++;
    return yes / (questions.length * MASTER_KEYS.length);
  };
  const guarded = (q: string, r: string, g: string) => /\d/.test(normalise(r)) && verifiersLabJudge(q, r, g);

  it("pass correct solutions", async () => {
    for (const run of [
      () => verifiersLab.checkNormaliseAnswer(normalise), () => verifiersLab.checkVerifierRates(rates),
      () => verifiersLab.checkJudgeFalsePositives(keyRate), () => verifiersLab.checkGuardedJudge(guarded),
    ]) expect((await capturedCheck(run)).status).toBe("pass");
  });

  it("say not yet to common mistakes", async () => {
    const lower = (s: string) => s.trim().toLowerCase();
    expect((await capturedCheck(() => verifiersLab.checkNormaliseAnswer(lower))).message).toBe('"\\\\boxed{\\\\frac{1}{2}}" and "1/2" are the same answer, but normalise to "\\\\boxed{\\\\frac{1}{2}}" and "1/2"');
    const digitsOnly = (s: string) => s.replace(/\D/g, "");
    expect((await capturedCheck(() => verifiersLab.checkNormaliseAnswer(digitsOnly))).status).toBe("not-yet");
    const swapped = (v: boolean[], l: boolean[]) => { const r = rates(v, l); return { falseNegativeRate: r.falsePositiveRate, falsePositiveRate: r.falseNegativeRate }; };
    expect((await capturedCheck(() => verifiersLab.checkVerifierRates(swapped))).message).toMatch(/^falseNegativeRate for verdicts \[false,false,true,true\], labels \[true,true,false,true\] is 1, expected 0\.666667$/);
    const overAll = (judge: (q: string, r: string, g: string) => boolean) => VERIFIER_LAB_RESPONSES.filter((r) => judge(r.question, r.response, r.gold)).length / VERIFIER_LAB_RESPONSES.length;
    expect((await capturedCheck(() => verifiersLab.checkJudgeFalsePositives(overAll))).status).toBe("not-yet");
    expect((await capturedCheck(() => verifiersLab.checkGuardedJudge(verifiersLabJudge))).message).toMatch(/a master key still fools it$/);
    expect((await capturedCheck(() => verifiersLab.checkGuardedJudge(() => false))).message).toMatch(/^guardedJudge rejects .*a right answer the judge accepted$/);
    expect((await capturedCheck(() => verifiersLab.checkGuardedJudge(() => 1))).message).toMatch(/is 1: a master key still fools it$/);
  });

  it("say not yet to the TODO stubs", async () => {
    for (const run of [
      () => verifiersLab.checkNormaliseAnswer(todo), () => verifiersLab.checkVerifierRates(todo),
      () => verifiersLab.checkJudgeFalsePositives(todo), () => verifiersLab.checkGuardedJudge(todo),
    ]) expect(await capturedCheck(run)).toMatchObject({ status: "not-yet", message: expect.stringMatching(/is still the TODO stub$/) });
  });
});
