/**
 * replab/stats: AUC and ROC curves, the two-sample Kolmogorov–Smirnov test, bootstrap
 * confidence intervals, paired tests, Holm–Bonferroni correction, the normal quantile and the
 * hypergeometric tail — each matching the scipy / scikit-learn function it names.
 */
export { rocAuc } from "./roc-auc.js";
export { rocCurve, type RocCurve } from "./roc-curve.js";
export { ks2samp, type Ks2SampResult } from "./ks-2samp.js";
export { kolmogorovSf, smirnovSf } from "./kolmogorov-distribution.js";
export { bootstrapCi, bootstrapCiMany, type BootstrapInterval, type BootstrapOptions } from "./bootstrap-ci.js";
export { quantile } from "./quantile.js";
export { meanInterval, studentTQuantile, type MeanInterval } from "./mean-interval.js";
export { normalPpf } from "./normal-ppf.js";
export { wilsonInterval } from "./wilson-interval.js";
export { hypergeomSf, hypergeomPmf } from "./hypergeom.js";
export { pairedTTest, type PairedTestResult } from "./paired-t-test.js";
export { wilcoxonSignedRank } from "./wilcoxon-signed-rank.js";
export { holmBonferroni } from "./holm-bonferroni.js";
export { rankAverage } from "./rank-average.js";
export { sortFloat64 } from "./sort-float64.js";
export { roundHalfEven } from "./round-half-even.js";
