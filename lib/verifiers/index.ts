/**
 * replab/verifiers: a rule-based math verifier, a sandboxed code verifier, LLM judges (a guarded
 * judge, and a simulated lenient judge for offline use), and instruments that measure any
 * verifier against labels.
 */
export { verifyMath, type MathVerification, type MathVerdict, type VerifyMathOptions } from "./verify-math.js";
export { extractMathAnswer, lastBoxed, type MathExtraction, type MathExtractionRule, type MathExtractionOptions } from "./math/extract-answer.js";
export { parseMathAnswer, type MathAnswer, type MathInterval, type RelOp, type ParseAnswerOptions } from "./math/parse-answer.js";
export { normaliseLatex, normaliseLatex as stripLatexNoise } from "./math/normalise.js";
export { verifyCode, verifyCodeBatch, closeCodeSandboxes, type VerifyCodeBatchOptions } from "./verify-code.js";
export { createCodeSandboxPool, type CodeSandboxPool, type CodeSandboxPoolOptions } from "./code/js-sandbox-pool.js";
export type { CodeJob, CodeVerification, CodeVerdict } from "./code/types.js";
export { verifierConfusion, verifierRates, type VerifierRates, type VerifierConfusionOptions } from "./evaluation/verifier-confusion.js";
export { calibrationBins, expectedCalibrationError, reliabilityTable, type CalibrationBin } from "./evaluation/calibration.js";
export { noiseCorrectedReward, estimateNoiseRates, type VerifierNoiseRates } from "./evaluation/noise-corrected-reward.js";
export { forwardCorrectionWeight } from "./evaluation/forward-correction.js";
export { masterKeyProbe, MASTER_KEYS, type JudgeFn } from "./evaluation/master-key-probe.js";
export { rewardInflation } from "./evaluation/reward-inflation.js";
export { generationVerificationGap, type GenerationVerificationGap } from "./evaluation/generation-verification-gap.js";
export { weakVerifierEnsemble, type WeakVerifierEnsemble, type WeakVerifierRates } from "./evaluation/weak-verifier-ensemble.js";
export type { RowsOrTable } from "./evaluation/columns.js";
export { evaluateJudge, type EvaluateJudgeOptions } from "./evaluation/evaluate-judge.js";
export { JUDGE_PROMPT_TEMPLATE, JUDGE_TEMPLATES, judgePrompt, parseJudgePrompt } from "./judge/judge-prompt.js";
export { guardedJudge, augmentedNegatives, type GuardedJudgeOptions } from "./judge/guarded-judge.js";
export { parseJudgeVerdict } from "./judge/parse-judge-verdict.js";
export { llmJudge, chatFromClient, type ChatFn, type ChatClient, type JudgeVerifier, type JudgeVerification } from "./judge/llm-judge.js";
export { lenientJudgeModel, lenientJudgeReply, type LenientJudgeOptions } from "./judge/lenient-judge-model.js";
export { lenientJudgePolicy } from "./judge/judge-policy.js";
export { loadVerifierBench, type VerifierBenchRow } from "./verifier-bench.js";
export { verifyExactMatch } from "./verify-exact-match.js";
