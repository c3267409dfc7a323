import fs from "node:fs";
import { display } from "../display/index.js";
import { require_ } from "../core/index.js";
import { NotYet } from "./not-yet.js";
import { checkResultBundle, type CheckResult } from "./check-result.js";
import { describeThrown, isTodoStub } from "./describe-thrown.js";

/** Environment variable naming a JSONL file to which every check result is appended (set by `replab grade`). */
export const CHECK_LOG_ENV = "REPLAB_CHECK_LOG";

/** Which exercise a check is for, and how to help a student who has not got it yet. */
export interface CheckSpec {
  lab: string;
  exercise: string;
  /** Shown with a "not yet" when the body gives no hint of its own. */
  hint?: string;
  /** Gives up on student code that returns a promise which never settles (ms; default 30 000). A synchronous infinite loop cannot be stopped from inside: `replab grade` limits each cell. */
  timeoutMs?: number;
}

/** What a check's body returns: nothing, or a message to show with "pass". */
export type CheckBody = () => void | string | Promise<void | string>;

/**
 * Runs a check's body and turns whatever happens into a {@link CheckResult}, never throwing:
 * the body returns → `pass`; it throws {@link NotYet} (from `notYet`, `expectClose`, `callStudent`, …)
 * → `not-yet` with its message and hint; a TODO stub → `not-yet` "still the TODO stub"; anything
 * else a student's code throws → `not-yet` with one line naming it. Does not display.
 */
export async function evaluateCheck(spec: CheckSpec, body: CheckBody): Promise<CheckResult> {
  require_(typeof spec?.lab === "string" && spec.lab !== "", "check", "spec.lab", spec?.lab, "is not a lab name", "pass { lab: \"pass-at-k\", exercise: \"…\" }");
  require_(typeof spec.exercise === "string" && spec.exercise !== "", "check", "spec.exercise", spec.exercise, "is not an exercise name", "pass { lab, exercise: \"unbiased-estimator\" }");
  const base = { lab: spec.lab, exercise: spec.exercise };
  const timeoutMs = spec.timeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new NotYet(`your code did not finish within ${timeoutMs / 1000} s`, "look for a loop that never ends or a promise that never resolves")), timeoutMs);
    });
    const out = await Promise.race([Promise.resolve().then(body), timeout]);
    return { ...base, status: "pass", message: typeof out === "string" && out !== "" ? out : "correct" };
  } catch (thrown) {
    if (thrown instanceof NotYet) {
      const hint = thrown.hint ?? spec.hint;
      return hint ? { ...base, status: "not-yet", message: thrown.message, hint } : { ...base, status: "not-yet", message: thrown.message };
    }
    if (isTodoStub(thrown)) return { ...base, status: "not-yet", message: "still the TODO stub", hint: "replace the `throw new Error(\"TODO\")` line with your code" };
    const message = `your code threw ${describeThrown(thrown)}`;
    return spec.hint ? { ...base, status: "not-yet", message, hint: spec.hint } : { ...base, status: "not-yet", message };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

const session: CheckResult[] = [];

/** The results of the checks run in this process so far, oldest first (copies). */
export function sessionCheckResults(): CheckResult[] {
  return session.map((r) => ({ ...r }));
}

/** Appends a result to the file named by `REPLAB_CHECK_LOG`, if set (what `replab grade` reads when a notebook is stopped early). */
export function recordCheckResult(result: CheckResult): void {
  const file = process.env[CHECK_LOG_ENV];
  if (!file) return;
  try {
    fs.appendFileSync(file, JSON.stringify({ lab: result.lab, exercise: result.exercise, status: result.status, message: result.message }) + "\n");
  } catch {
    /* the grader also reads results from the executed notebook */
  }
}

/**
 * The check after an exercise: runs `body` (see {@link evaluateCheck}), displays a small coloured
 * result with text/plain and the machine-readable `application/vnd.replab.check+json` record
 * `{ lab, exercise, status, message }`, records it for `replab grade`, and resolves to nothing
 * (so the cell shows the result once). A check never throws into the notebook: a cell with an
 * unsolved exercise finishes cleanly.
 *
 * @example
 * await check({ lab: "pass-at-k", exercise: "naive" }, async () => {
 *   const got = await callStudent(naivePassAtK, "naivePassAtK", [10, 3, 5]);
 *   expectClose(got, 1 - (1 - 3 / 10) ** 5, "naivePassAtK(10, 3, 5)");
 * });
 */
export async function check(spec: CheckSpec, body: CheckBody): Promise<void> {
  let result: CheckResult;
  try {
    result = await evaluateCheck(spec, body);
  } catch (thrown) {
    // Only a malformed spec reaches here (a bug in the lab, not the student's work).
    result = { lab: String(spec?.lab ?? "?"), exercise: String(spec?.exercise ?? "?"), status: "error", message: `the check could not run: ${describeThrown(thrown)}` };
  }
  session.push(result);
  recordCheckResult(result);
  display({ [Symbol.for("Jupyter.display")]: () => checkResultBundle(result) });
}
