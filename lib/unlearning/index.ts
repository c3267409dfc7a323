/**
 * replab/unlearning: forget/retain/test splits, unlearning methods (retrain, fine-tune, gradient
 * ascent, gradient difference, NPO, random labels / SalUn, ℓ1-sparse, exact ridge removal),
 * their metrics (UA/RA/TA, MIA-efficacy, Avg. Gap, MIA scores and AUC, TOFU truth ratio, forget
 * quality, model utility, MUSE PrivLeak) and attacks (relearning, knowledge recovery).
 */
export { makeUnlearningSplits, type ForgetSpec, type UnlearningSplits } from "./splits.js";
export { trainClassifier, trainEpochs, type BatchLoss, type EpochOptions, type ClassifierOptions } from "./train.js";
export { type UnlearnResult, type UnlearnOptions } from "./unlearn-result.js";
export { unlearnRetrain } from "./unlearn-retrain.js";
export { unlearnFinetune } from "./unlearn-finetune.js";
export { unlearnGradientAscent } from "./unlearn-gradient-ascent.js";
export { unlearnGradientDifference } from "./unlearn-gradient-difference.js";
export { unlearnNpo, labelLogProbs } from "./unlearn-npo.js";
export { unlearnRandomLabel } from "./unlearn-random-label.js";
export { saliencyMask } from "./saliency-mask.js";
export { unlearnL1Sparse } from "./unlearn-l1-sparse.js";
export { fitRidgeHead, ridgeRemove, ridgePredict, type RidgeHead } from "./ridge-exact.js";
export { unlearningAccuracies, type UnlearningAccuracies } from "./unlearning-accuracy.js";
export { fitLogisticRegression, logisticProbability, type LogisticModel } from "./logistic-regression.js";
export { classProbabilities } from "./class-probabilities.js";
export { miaEfficacy } from "./mia-efficacy.js";
export { avgGap } from "./avg-gap.js";
export { miaConfidence } from "./mia-score-confidence.js";
export { miaLoss, miaSequenceLoss } from "./mia-score-loss.js";
export { miaEntropy } from "./mia-score-entropy.js";
export { miaModifiedEntropy } from "./mia-score-modified-entropy.js";
export { miaMinK } from "./mia-score-min-k.js";
export { miaZlib } from "./mia-score-zlib.js";
export { miaReference } from "./mia-score-reference.js";
export { miaAuc, MIA_SCORE_DIRECTION, type MembershipDirection } from "./mia-auc.js";
export { truthRatio, truthRatioScore } from "./truth-ratio.js";
export { forgetQuality } from "./forget-quality.js";
export { modelUtility } from "./model-utility.js";
export { privLeak } from "./priv-leak.js";
export { relearnAttack, type RelearnResult } from "./relearn-attack.js";
export { knowledgeRecovery } from "./knowledge-recovery.js";
export { evaluateUnlearning, unlearningTable, type UnlearningRow } from "./evaluate-unlearning.js";
export { generateTofuToy, loadTofuToy, type TofuFact } from "./tofu-toy.js";
export { TofuEncoder, trainTofuLm, answerAvgLosses, tofuTruthRatios, tofuEvaluate, unlearnTofu, type TofuEvaluation } from "./tofu-lm.js";
export { compareUnlearningMethods, pairedMethodComparison, type UnlearningMethod, type SeededUnlearningRow } from "./compare-methods.js";
