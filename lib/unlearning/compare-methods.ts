import * as aq from "arquero";
import { require_, requireFinite, requireInteger } from "../core/errors.js";
import { type LabelledData, type Mlp } from "../models/index.js";
import { openRunFolder, openRunLog, type RunLog } from "../frames/index.js";
import { holmBonferroni, pairedTTest, wilcoxonSignedRank } from "../stats/index.js";
import { avgGap } from "./metrics/avg-gap.js";
import { evaluateUnlearning, type UnlearningRow } from "./evaluate-unlearning.js";
import { makeUnlearningSplits, type ForgetSpec, type UnlearningSplits } from "./splits.js";
import { trainClassifier, type ClassifierOptions } from "./train.js";
import type { UnlearnResult } from "./methods/result.js";

/** A method to compare: gets the original model, the splits and a seed. */
export type UnlearningMethod = (original: Mlp, splits: UnlearningSplits, seed: number) => Promise<UnlearnResult>;

/** One logged row of {@link compareUnlearningMethods}. */
export type SeededUnlearningRow = UnlearningRow & { seed: number };

/**
 * Runs every method on fresh splits and a freshly trained original model for each seed
 * (seed s: `makeUnlearningSplits(…, { seed: s })`, original trained with seed s + 1, methods with
 * s + 2), evaluates UA, RA, TA, MIA-efficacy and run time, and returns one row per (seed, method)
 * with Avg. Gap to that seed's "Retrain" row (which `methods` must include). With `runDir` (a
 * run folder, as `trainContinual` keeps one: config.json + log.jsonl) every row is appended as
 * soon as it exists and a rerun skips what is logged — an interrupted comparison resumes where it
 * stopped — while a rerun with another forget set, other method names, other training options or
 * other data is refused instead of mixing two comparisons in one log (seeds may be added). `log`
 * (a bare JSONL path) resumes the same way without that check. `onProgress(done, total)` reports
 * progress.
 */
export async function compareUnlearningMethods(data: LabelledData, options: {
  forget: ForgetSpec; seeds: readonly number[]; methods: Record<string, UnlearningMethod>;
  train?: Omit<ClassifierOptions, "seed">; runDir?: string; log?: string; onProgress?: (done: number, total: number) => void;
}): Promise<aq.ColumnTable> {
  const where = "compareUnlearningMethods";
  const names = Object.keys(options.methods ?? {});
  require_(names.includes("Retrain"), where, "methods", names.join(", "), 'has no "Retrain" entry', "include the retrain-from-scratch method (unlearnRetrain) as the reference");
  require_(options.seeds.length > 0, where, "seeds", options.seeds, "is empty", "pass at least one seed");
  options.seeds.forEach((s, i) => requireInteger(where, `seeds[${i}]`, s, 0));
  require_(!(options.runDir && options.log), where, "log", options.log, "is given together with runDir", "pass one of them: runDir (checked settings) or log");
  const key = (r: SeededUnlearningRow) => `${r.seed}:${r.method}`;
  let log: RunLog<SeededUnlearningRow> | null = null;
  if (options.runDir) {
    // The settings a row depends on, but the seed (each row carries its own): the methods by name,
    // since functions cannot be compared; the data by its size.
    const config = { forget: options.forget, methods: names, train: options.train ?? {}, data: { n: data.n, features: data.features } };
    log = openRunFolder<SeededUnlearningRow>(options.runDir, { config, key, where, arg: "runDir" }).log;
  } else if (options.log) {
    log = openRunLog<SeededUnlearningRow>(options.log, { key });
  }
  const rows: SeededUnlearningRow[] = log ? log.rows().filter((r) => options.seeds.includes(r.seed) && names.includes(r.method)) : [];
  const done = new Set(rows.map((r) => `${r.seed}:${r.method}`));
  const total = options.seeds.length * names.length;
  let count = done.size;
  options.onProgress?.(count, total);
  for (const seed of options.seeds) {
    const todo = names.filter((m) => !done.has(`${seed}:${m}`));
    if (todo.length === 0) continue;
    const splits = makeUnlearningSplits(data, { forget: options.forget, seed });
    const original = await trainClassifier(splits.train, { classes: 10, ...options.train, seed: seed + 1 });
    try {
      for (const m of todo) {
        const result = await options.methods[m]!(original, splits, seed + 2);
        const row: SeededUnlearningRow = { seed, ...evaluateUnlearning({ ...result, method: m }, splits) };
        result.model.dispose();
        rows.push(row);
        log?.append(row);
        options.onProgress?.(++count, total);
      }
    } finally { original.dispose(); }
  }
  const withGap = rows.map((r) => {
    const ref = rows.find((x) => x.seed === r.seed && x.method === "Retrain")!;
    return { ...r, avgGap: avgGap(r as unknown as Record<string, number>, ref as unknown as Record<string, number>) };
  });
  withGap.sort((a, b) => a.seed - b.seed || names.indexOf(a.method) - names.indexOf(b.method));
  return aq.from(withGap);
}

/**
 * Paired comparison of each method against a baseline across seeds on one metric (default
 * Avg. Gap): mean difference (method − baseline), the paired t-test and the Wilcoxon signed-rank
 * p-values (two-sided; replab/stats), and both adjusted with Holm–Bonferroni over the methods
 * compared. When the differences are all equal and non-zero the t statistic is infinite and its
 * p-value is reported as 0; when they are all zero both p-values are 1. `rows` is
 * {@link compareUnlearningMethods}' table (or its objects).
 */
export function pairedMethodComparison(rows: aq.ColumnTable | readonly SeededUnlearningRow[], options: { baseline: string; metric?: string }): aq.ColumnTable {
  const where = "pairedMethodComparison";
  const list = (Array.isArray(rows) ? rows : (rows as aq.ColumnTable).objects()) as Array<Record<string, number | string>>;
  const metric = options.metric ?? "avgGap";
  const seeds = [...new Set(list.map((r) => r.seed as number))].sort((a, b) => a - b);
  require_(seeds.length >= 2, where, "rows", `${seeds.length} seed(s)`, "have fewer than 2 seeds", "run compareUnlearningMethods with at least 2 seeds (5 or more for a useful test)");
  const value = (method: string, seed: number): number => {
    const k = list.findIndex((x) => x.method === method && x.seed === seed);
    require_(k >= 0 && metric in list[k]!, where, "rows", `${method} @ seed ${seed}`, `has no ${metric}`, "pass complete rows from compareUnlearningMethods");
    requireFinite(where, `rows[${k}].${metric}`, list[k]![metric]);
    return list[k]![metric] as number;
  };
  const methods = [...new Set(list.map((r) => r.method as string))].filter((m) => m !== options.baseline && m !== "Retrain");
  require_(list.some((r) => r.method === options.baseline), where, "baseline", options.baseline, "is not a method in the rows", `use one of ${[...new Set(list.map((r) => r.method))].join(", ")}`);
  const out = methods.map((m) => {
    const a = seeds.map((s) => value(m, s)), b = seeds.map((s) => value(options.baseline, s));
    const diffs = a.map((v, i) => v - b[i]!);
    const constant = diffs.every((d) => d === diffs[0]);
    const allZero = diffs.every((d) => d === 0);
    return {
      method: m, baseline: options.baseline, metric, seeds: seeds.length,
      meanDiff: diffs.reduce((s, d) => s + d, 0) / diffs.length,
      tTestP: constant ? (allZero ? 1 : 0) : pairedTTest(a, b).pvalue,
      wilcoxonP: allZero ? 1 : wilcoxonSignedRank(a, b).pvalue,
    };
  });
  const tHolm = out.length ? holmBonferroni(out.map((r) => r.tTestP)) : [];
  const wHolm = out.length ? holmBonferroni(out.map((r) => r.wilcoxonP)) : [];
  return aq.from(out.map((r, i) => ({ ...r, tTestHolm: tHolm[i]!, wilcoxonHolm: wHolm[i]! })));
}
