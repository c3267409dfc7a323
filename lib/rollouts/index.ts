/**
 * replab/rollouts: policies (tabular, small character LM, any OpenAI-compatible server), sampling,
 * rollout tables, pass@k / pass^k / G-Pass@k / Bayes@N / maj@k / CoT-pass@k, answer diversity,
 * group advantages and TRL's reward metrics, KL estimators, policy updates and TruthRL's
 * truthfulness rates and rewards. Definitions:
 * docs/ARCHITECTURE.md.
 */
export { passAtK, passAtKUnchecked, passAtKMany, passAtKFromProbability } from "./metrics/pass-at-k.js";
export { passHatK, passHatKUnchecked } from "./metrics/pass-hat-k.js";
export { gPassAtK, mGPassAtK } from "./metrics/g-pass-at-k.js";
export { bayesAtN, avgAtN, type BayesAtN, type BayesAtNOptions } from "./metrics/bayes-at-n.js";
export { solveRates } from "./metrics/solve-rates.js";
export { expectedFracRewardZeroStd, type ExpectedZeroStdOptions } from "./metrics/expected-zero-std.js";
export { passAtKCurve, type PassAtKCurveOptions } from "./metrics/pass-at-k-curve.js";
export { majAtK, type MajAtKOptions } from "./metrics/maj-at-k.js";
export { cotPassAtKCurve, type CotPassAtKOptions } from "./metrics/cot-pass-at-k.js";
export { answerDiversity, entropyOfCounts, type AnswerDiversityOptions } from "./metrics/answer-diversity.js";
export { groupAdvantages, groupRewardStd, fracRewardZeroStd, rewardGroupMetrics, sampleStd, type GroupAdvantageOptions, type RewardColumns, type RewardGroupMetrics, type AdvantageScale, type AdvantageEstimator } from "./group-advantages.js";
export { klEstimate, klMean, klDivergenceExact, type KlEstimator } from "./kl-estimators.js";
export { klShapedRewards, entropyBonusRewards } from "./kl-shaped-rewards.js";
export { samplingDistribution, sampleToken, sampleTokens, entropyOf, checkSamplingOptions, type SamplingOptions, type SampledToken } from "./policies/sampling.js";
export type { Policy, Completion, SampleOptions } from "./policies/policy.js";
export { TabularPolicy, randomTabularPrompts, type TabularPrompt, type TabularPolicyOptions, type RandomTabularPromptsOptions } from "./policies/tabular-policy.js";
export { truthReward, truthfulnessRates, truthfulnessFromShares, type TruthOutcome, type TruthRewardScheme, type TruthfulnessRates, type TruthfulnessWeights } from "./truthfulness.js";
export { tabularPolicyUpdate, type PolicyUpdateMethod, type PolicyUpdateOptions, type PolicyUpdateStats, type TabularBatchItem } from "./tabular-update.js";
export { trainTabularPolicy, type TabularTrainingOptions } from "./tabular-training.js";
export { OpenAIPolicy, type OpenAIPolicyOptions, type ChatMessage, type ClientStats } from "./policies/openai-client.js";
export { startPolicyServer, type PolicyServer, type PolicyServerOptions } from "./policies/policy-server.js";
export { extractBoxedAnswer } from "./extract-boxed.js";
export { sampleRollouts, type RolloutPrompt, type RolloutRow, type SampleRolloutsOptions } from "./sample-rollouts.js";
export { arithmeticProblems, arithmeticReward, ARITHMETIC_LEVELS, type ArithmeticProblem } from "./arithmetic.js";
export { CharLM, CHAR_LM_DEFAULT_ALPHABET, type CharLMOptions, type CharLMExample, type CharLMTrainOptions, type CharLMSampleOptions } from "./policies/char-lm.js";
export { gruStep, gruLogits, gruLossAndGrad, gruParams, initGru, type GruWeights, type GruSequence } from "./policies/gru.js";
/** replab/models' {@link Adam}, under the name replab/rollouts has always exported it by. */
export { Adam as GruAdam } from "../models/index.js";
export { gruLossAndGradTfjs } from "./policies/gru-tfjs.js";
export { TinyTransformerLM, type TinyTransformerOptions } from "./policies/tiny-transformer.js";
