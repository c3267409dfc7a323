import { afterEach, describe, expect, it } from "vitest";
import { setDisplaySink, type MimeBundle } from "../../lib/display/index.js";
import { check, checkSummary, notYet, requireAllChecksPassed, sessionCheckResults } from "../../lib/labs/index.js";

afterEach(() => setDisplaySink(null));

describe("checkSummary and requireAllChecksPassed", () => {
  it("track each exercise's latest result in the session", async () => {
    const seen: MimeBundle[] = [];
    setDisplaySink({ display: (b) => { seen.push(b); } });
    expect(() => requireAllChecksPassed("verifiers")).toThrow("verifiers: 4 exercise(s) did not pass: normalise-answer (not run); verifier-rates (not run); judge-false-positives (not run); guarded-judge (not run)");
    await check({ lab: "verifiers", exercise: "normalise-answer" }, () => notYet("off"));
    await check({ lab: "verifiers", exercise: "normalise-answer" }, () => {});
    await check({ lab: "verifiers", exercise: "verifier-rates" }, () => notYet("swapped FNR and FPR"));
    expect(sessionCheckResults().map((r) => r.status)).toEqual(["not-yet", "pass", "not-yet"]);
    seen.length = 0;
    checkSummary("verifiers");
    expect(seen).toHaveLength(1);
    expect(seen[0]!["text/plain"]).toBe([
      "verifiers: 1 of 4 exercises pass",
      "  pass     normalise-answer — correct",
      "  not-yet  verifier-rates — swapped FNR and FPR",
      "  not run  judge-false-positives",
      "  not run  guarded-judge",
    ].join("\n"));
    expect(() => requireAllChecksPassed("verifiers")).toThrow(/3 exercise\(s\) did not pass: verifier-rates \(not-yet: swapped FNR and FPR\)/);
    await check({ lab: "verifiers", exercise: "verifier-rates" }, () => {});
    await check({ lab: "verifiers", exercise: "judge-false-positives" }, () => {});
    await check({ lab: "verifiers", exercise: "guarded-judge" }, () => {});
    expect(() => requireAllChecksPassed("verifiers")).not.toThrow();
  });

  it("name an unknown lab", () => {
    expect(() => checkSummary("nope")).toThrow('checkSummary: lab="nope" is not a known lab; use one of pass-at-k, verifiers, stability-gap, unlearning');
  });
});
