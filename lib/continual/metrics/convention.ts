import { require_ } from "../../core/errors.js";

/**
 * Whose definitions the continual metrics follow where the literature's code differs:
 * - `"replab"` (default): min-ACC over evaluations made while a *later* task trains; WC-ACC from
 *   the last accuracy of the last trained task and min-ACC; LCA_β over a task's first β
 *   evaluations (all of them when it has fewer); WF^w / WP^w over the tasks with ≥ 2 evaluations.
 * - `"continual-evaluation"`: Mattdl/ContinualEvaluation's plugins (src/eval/continual_eval_metrics.py):
 *   min-ACC over evaluations made while *another* task trains; WC-ACC as `WCACCPluginMetric`
 *   updates it; LCA_β over the first β evaluations made during the task's own training, a task
 *   with fewer left out; WF^w / WP^w with a task evaluated once counted as 0. WP^w is the largest
 *   rise — the plugin's own code inherits the forgetting plugin's pruning and reports 0.4, not 0.7,
 *   for [0.5, 0.9, 0.1, 0.8]; replab gives the rise the metric defines.
 */
export type ContinualConvention = "replab" | "continual-evaluation";

/** Checks a convention name. */
export function checkConvention(where: string, convention: unknown): asserts convention is ContinualConvention {
  require_(convention === "replab" || convention === "continual-evaluation", where, "convention", convention, "is not a convention", 'pass "replab" or "continual-evaluation"');
}
