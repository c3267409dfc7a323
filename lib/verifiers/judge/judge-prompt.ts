/** The three slots every template holds, in the markers {@link parseJudgePrompt} reads. */
const SLOTS = `<Original Question Begin>
{question}
<Original Question End>

<Standard Answer Begin>
{gold}
<Standard Answer End>

<Candidate's Answer Begin>
{response}
<Candidate's Answer End>`;

/**
 * The judge prompt, after CompassVerifier's (Liu et al. 2025, open-compass/CompassVerifier):
 * the judge sees the question, the gold answer and the response, and must answer with one
 * letter — A (CORRECT), B (INCORRECT) or C (INVALID: incomplete, repetitive or no answer).
 * `{question}`, `{gold}` and `{response}` are replaced.
 */
export const JUDGE_PROMPT_TEMPLATE = `Please as a grading expert, judge whether the final answer given by the candidate below is consistent with the standard answer.

Judge only the final answer. Grade it:
A: CORRECT — the final answer is equivalent to the standard answer.
B: INCORRECT — the final answer differs from the standard answer.
C: INVALID — the response is incomplete, repetitive, refuses, or gives no final answer.

Reply with a single letter, A, B or C, and nothing else.

${SLOTS}

Judging the correctness of the candidate's answer:`;

/**
 * Judge prompt templates to measure a judge under (`evaluateJudge` reports a false-positive rate
 * per template): `compass` is {@link JUDGE_PROMPT_TEMPLATE}; `strict` adds that a response which
 * only opens a solution or gives no final answer is never A; `brief` is a one-line instruction.
 * All three use the same slots, so {@link parseJudgePrompt} reads any of them.
 */
export const JUDGE_TEMPLATES: Readonly<Record<string, string>> = {
  compass: JUDGE_PROMPT_TEMPLATE,
  strict: `You are grading a math answer against a reference. Judge only the candidate's final answer.
A: CORRECT — it states a final answer equivalent to the standard answer.
B: INCORRECT — it states a final answer that differs from the standard answer.
C: INVALID — it gives no final answer. A response that only begins a solution ("Solution:", "Let's think step by step."), restates the question, or is punctuation is C, never A.

Reply with a single letter, A, B or C, and nothing else.

${SLOTS}

Grade:`,
  brief: `Is the candidate's final answer equivalent to the standard answer? Reply A (yes), B (no) or C (there is no final answer).

${SLOTS}`,
};

/** Fills {@link JUDGE_PROMPT_TEMPLATE} (or another template with the same three slots). */
export function judgePrompt(question: string, gold: string, response: string, template = JUDGE_PROMPT_TEMPLATE): string {
  // one pass, so text inside the response that looks like a slot is left alone
  return template.replace(/\{(question|gold|response)\}/g, (_m, k: string) => (k === "question" ? question : k === "gold" ? gold : response));
}

/** Reads the three parts back out of a filled prompt of any of {@link JUDGE_TEMPLATES} (used by the simulated judge). */
export function parseJudgePrompt(prompt: string): { question: string; gold: string; response: string } | null {
  const part = (name: string) => {
    const m = new RegExp(`<${name} Begin>\\n([\\s\\S]*?)\\n<${name} End>`).exec(prompt);
    return m ? m[1]! : null;
  };
  const question = part("Original Question"), gold = part("Standard Answer"), response = part("Candidate's Answer");
  return question === null || gold === null || response === null ? null : { question, gold, response };
}
