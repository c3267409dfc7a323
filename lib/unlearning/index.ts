/**
 * replab/unlearning: forget/retain/test splits, unlearning methods (retrain, fine-tune, gradient
 * ascent, gradient difference, NPO, random labels / SalUn, ℓ1-sparse, exact ridge removal),
 * their metrics (UA/RA/TA, MIA-efficacy, Avg. Gap, MIA scores and AUC, TOFU truth ratio, forget
 * quality, model utility, MUSE PrivLeak) and attacks (relearning, quantization, knowledge
 * recovery, and the robustness table of both beside retraining).
 */
export { makeUnlearningSplits, type ForgetSpec, type UnlearningSplits } from "./splits.js";
export { trainClassifier, trainEpochs, type BatchLoss, type EpochOptions, type ClassifierOptions } from "./train.js";
export { type UnlearnResult, type UnlearnOptions } from "./methods/result.js";
export { unlearnRetrain } from "./methods/retrain.js";
export { unlearnFinetune } from "./methods/finetune.js";
export { unlearnGradientAscent } from "./methods/gradient-ascent.js";
export { unlearnGradientDifference } from "./methods/gradient-difference.js";
export { unlearnNpo, labelLogProbs } from "./methods/npo.js";
export { unlearnRandomLabel } from "./methods/random-label.js";
export { saliencyMask } from "./methods/saliency-mask.js";
export { unlearnL1Sparse } from "./methods/l1-sparse.js";
export { fitRidgeHead, ridgeRemove, ridgePredict, type RidgeHead } from "./methods/ridge-exact.js";
export { unlearningAccuracies, type UnlearningAccuracies } from "./metrics/unlearning-accuracy.js";
export { fitLogisticRegression, logisticProbability, type LogisticModel } from "./metrics/logistic-regression.js";
export { classProbabilities } from "./class-probabilities.js";
export { miaEfficacy } from "./metrics/mia-efficacy.js";
export { avgGap } from "./metrics/avg-gap.js";
export { miaConfidence } from "./metrics/mia/confidence.js";
export { miaLoss, miaSequenceLoss } from "./metrics/mia/loss.js";
export { miaEntropy } from "./metrics/mia/entropy.js";
export { miaModifiedEntropy } from "./metrics/mia/modified-entropy.js";
export { miaMinK } from "./metrics/mia/min-k.js";
export { miaZlib } from "./metrics/mia/zlib.js";
export { miaReference } from "./metrics/mia/reference.js";
export { miaAuc, MIA_SCORE_DIRECTION, type MembershipDirection } from "./metrics/mia/auc.js";
export { truthRatio, truthRatioScore, type TruthRatioAggregator } from "./metrics/truth-ratio.js";
export { forgetQuality } from "./metrics/forget-quality.js";
export { modelUtility } from "./metrics/model-utility.js";
export { privLeak, type PrivLeakConvention, type PrivLeakOptions } from "./metrics/priv-leak.js";
export { relearnAttack, type RelearnResult } from "./attacks/relearn.js";
export { knowledgeRecovery } from "./attacks/knowledge-recovery.js";
export { quantizeModel, quantizeMatrix } from "./attacks/quantize.js";
export { unlearningRobustnessTable, type RobustnessOptions } from "./attacks/robustness-table.js";
export { evaluateUnlearning, unlearningTable, type UnlearningRow } from "./evaluate-unlearning.js";
export { generateTofuToy, loadTofuToy, type TofuFact } from "./tofu/toy.js";
export { TofuEncoder, trainTofuLm, answerAvgLosses, tofuTruthRatios, tofuEvaluate, unlearnTofu, type TofuEvaluation } from "./tofu/lm.js";
export { compareUnlearningMethods, pairedMethodComparison, type UnlearningMethod, type SeededUnlearningRow } from "./compare-methods.js";
