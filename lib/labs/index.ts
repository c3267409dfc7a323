/**
 * replab/labs: self-checking classroom labs. `check()` turns a student's attempt into pass or
 * "not yet" with a reason and a hint (never a stack trace), displays it and records it (the
 * check-log format) for `replab grade`. The instructor's tooling — notebook files, student
 * versions, the percent format and the grade table — lives with the command line (kernel/notebook
 * and kernel/cli/labs) and is published here too, under the names replab/labs has always had.
 */
export { check, evaluateCheck, recordCheckResult, sessionCheckResults, CHECK_LOG_ENV, type CheckSpec, type CheckBody } from "./check.js";
export { checkSummary, requireAllChecksPassed, type ExerciseStatus } from "./check-summary.js";
export { CHECK_MIME, checkResultBundle, checkResultHtml, checkResultText, displayableCheckResult, type CheckResult, type CheckStatus } from "./check-result.js";
export { NotYet, notYet } from "./not-yet.js";
export { callStudent, expectFunction, expectFiniteNumber, expectClose, expectCloseArray, expectEqual } from "./expect.js";
export { describeThrown, describeReturned, isTodoStub } from "./describe-thrown.js";
export { LABS, labExercises, requireLabExercise, type LabInfo } from "./lab-registry.js";
export { readCheckLog, asCheckResult } from "./check-log.js";
// The instructor tooling (kernel/), re-exported.
export { cellSource, sourceLines, parseNotebook, stringifyNotebook, type NotebookJson, type NotebookCell } from "../../kernel/notebook/nbformat.js";
export { makeStudentNotebook, stripSolutionCode, clearNotebookOutputs, SOLUTION_ONLY_TAG } from "../../kernel/cli/labs/make-student-notebook.js";
export { readCheckResults } from "../../kernel/cli/labs/read-check-results.js";
export { notebookFromPercent, REPLAB_NOTEBOOK_METADATA } from "../../kernel/cli/labs/percent-notebook.js";
export { gradeRows, gradeTable, gradeTotals, gradeCsv, gradeText, type GradeRow, type GradeStatus, type NotebookRunOutcome } from "../../kernel/cli/labs/grade-table.js";
export { passAtKLab, passAtKLabData, passAtKLabPolicies, PASS_AT_K_LAB_TRAINING, naivePassAtKEstimate, expectedPassAtKEstimate, meanPassAtKCurve, firstCrossingK, type PassAtKLabData } from "./lab-pass-at-k.js";
export { attempt } from "./attempt.js";
export { verifiersLab, VERIFIER_LAB_RESPONSES, verifiersLabJudge, referenceNormaliseAnswer, referenceVerifierRates, referenceMasterKeyRate, type LabelledResponse } from "./lab-verifiers.js";
export { stabilityGapLab, stabilityGapSetup, referenceAccuracy, referenceContinualRows, referenceGap, referenceFullRun, type StabilityGapSetup } from "./lab-stability-gap.js";
export { unlearningLab, unlearningLabSetup, referenceGradientAscentLoss, referenceGradientAscent, referenceStepsToRelearn, UNLEARNING_LAB_GA, type UnlearningLabSetup } from "./lab-unlearning.js";
