import { afterEach, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setDisplaySink, type MimeBundle } from "../../lib/display/index.js";
import {
  check, evaluateCheck, callStudent, expectClose, expectCloseArray, notYet, CHECK_MIME, CHECK_LOG_ENV,
  checkResultText, describeThrown, readCheckLog,
} from "../../lib/labs/index.js";

const spec = { lab: "pass-at-k", exercise: "naive-estimator" };

function captureDisplays(): MimeBundle[] {
  const seen: MimeBundle[] = [];
  setDisplaySink({ display: (b) => { seen.push(b); } });
  return seen;
}

afterEach(() => {
  setDisplaySink(null);
  delete process.env[CHECK_LOG_ENV];
});

describe("evaluateCheck", () => {
  it("passes when the body returns", async () => {
    const r = await evaluateCheck(spec, async () => {
      const got = await callStudent((n: number, c: number, k: number) => 1 - (1 - c / n) ** k, "naivePassAtK", [10, 3, 5]);
      expectClose(got, 1 - 0.7 ** 5, "naivePassAtK(10, 3, 5)");
    });
    expect(r).toEqual({ ...spec, status: "pass", message: "correct" });
  });

  it("turns a wrong answer into not-yet with the values and the hint", async () => {
    const r = await evaluateCheck({ ...spec, hint: "use c/n" }, async () => {
      expectClose(await callStudent(() => 0.5, "naivePassAtK", [10, 3, 5]), 0.83193, "naivePassAtK(10, 3, 5)");
    });
    expect(r.status).toBe("not-yet");
    expect(r.message).toBe("naivePassAtK(10, 3, 5) is 0.5, expected 0.83193");
    expect(r.hint).toBe("use c/n");
  });

  it("reports a TODO stub as not-yet, not as an error", async () => {
    const stub = () => { throw new Error("TODO"); };
    const r = await evaluateCheck(spec, async () => { await callStudent(stub, "naivePassAtK", [1, 1, 1]); });
    expect(r.status).toBe("not-yet");
    expect(r.message).toBe("naivePassAtK is still the TODO stub");
    const undef = await evaluateCheck(spec, async () => { await callStudent(() => undefined, "naivePassAtK", [1, 1, 1]); });
    expect(undef.message).toBe("naivePassAtK(1, 1, 1) returned undefined");
    // a bare TODO thrown in the body (e.g. a stubbed value computed at top level) is a stub too
    const bare = await evaluateCheck(spec, () => { throw new Error("TODO: compute the curve"); });
    expect(bare).toMatchObject({ status: "not-yet", message: "still the TODO stub" });
  });

  it("gives one line, never a stack trace, for anything the student's code throws", async () => {
    const throwers: Array<[unknown, string]> = [
      [() => { throw new TypeError("x.map is not a function\n    at foo (file.ts:1:1)"); }, "threw TypeError: x.map is not a function"],
      [() => { throw "oops"; }, 'threw the string "oops"'],
      [() => { throw undefined; }, "threw undefined"],
      [() => { throw { code: 42 }; }, "threw [object Object]"],
      [async () => { throw new RangeError("bad k"); }, "threw RangeError: bad k"],
    ];
    for (const [fn, tail] of throwers) {
      const r = await evaluateCheck(spec, async () => { await callStudent(fn, "f", [3]); });
      expect(r.status).toBe("not-yet");
      expect(r.message).toBe(`f(3) ${tail}`);
      expect(r.message).not.toMatch(/\n|at foo/);
    }
  });

  it("says what a non-function is", async () => {
    for (const [value, what] of [[undefined, "undefined"], [42, "42"], ["f", '"f"'], [[1, 2], "[1,2]"], [Int32Array.from([1, 2]), "Int32Array [1, 2]"], [new Float32Array(10), "a Float32Array of length 10"], [{ a: 1 }, '{"a":1}']] as const) {
      const r = await evaluateCheck(spec, async () => { await callStudent(value, "passAtK"); });
      expect(r.message).toBe(`passAtK is not a function (it is ${what})`);
    }
  });

  it("catches NaN, Infinity and wrong types in numbers and arrays", async () => {
    const nan = await evaluateCheck(spec, () => expectClose(NaN, 1, "pass@1"));
    expect(nan.message).toBe("pass@1 is NaN");
    const inf = await evaluateCheck(spec, () => expectClose(Infinity, 1, "pass@1"));
    expect(inf.message).toBe("pass@1 is Infinity");
    const str = await evaluateCheck(spec, () => expectClose("0.5", 0.5, "pass@1"));
    expect(str.message).toBe('pass@1 is "0.5", not a number');
    const arr = await evaluateCheck(spec, () => expectCloseArray([1, NaN], [1, 2], "curve"));
    expect(arr.message).toBe("curve[1] is NaN");
    const len = await evaluateCheck(spec, () => expectCloseArray([1], [1, 2], "curve"));
    expect(len.message).toBe("curve has length 1, expected 2");
  });

  it("gives up on a promise that never settles", async () => {
    const r = await evaluateCheck({ ...spec, timeoutMs: 50 }, async () => { await callStudent(() => new Promise(() => {}), "f"); });
    expect(r).toMatchObject({ status: "not-yet", message: "your code did not finish within 0.05 s" });
  });

  it("passes a custom message through", async () => {
    const r = await evaluateCheck(spec, () => "gap depth 0.31");
    expect(r.message).toBe("gap depth 0.31");
  });

  it("notYet carries its own hint over the spec's", async () => {
    const r = await evaluateCheck({ ...spec, hint: "general" }, () => notYet("wrong sign", "negate the loss"));
    expect(r).toMatchObject({ message: "wrong sign", hint: "negate the loss" });
  });
});

describe("check", () => {
  it("displays HTML, text and the machine-readable record, and never throws", async () => {
    const seen = captureDisplays();
    await expect(check(spec, () => { throw new Error("TODO"); })).resolves.toBeUndefined();
    expect(seen).toHaveLength(1);
    const b = seen[0]!;
    expect(b[CHECK_MIME]).toEqual({ ...spec, status: "not-yet", message: "still the TODO stub", hint: expect.any(String) });
    expect(b["text/plain"]).toMatch(/^✘ not yet {2}pass-at-k \/ naive-estimator: still the TODO stub/);
    expect(String(b["text/html"])).toContain("replab-check-not-yet");
  });

  it("escapes the student's text in HTML", async () => {
    const seen = captureDisplays();
    await check(spec, () => notYet("got <script>alert(1)</script>"));
    expect(String(seen[0]!["text/html"])).toContain("&lt;script&gt;");
    expect(String(seen[0]!["text/html"])).not.toContain("<script>");
  });

  it("reports a malformed spec as a checker error instead of throwing", async () => {
    const seen = captureDisplays();
    await check({ lab: "", exercise: "x" }, () => {});
    expect(seen[0]![CHECK_MIME]).toMatchObject({ status: "error" });
    expect((seen[0]![CHECK_MIME] as { message: string }).message).toMatch(/check: spec.lab="" is not a lab name/);
  });

  it("appends results to REPLAB_CHECK_LOG for the grader", async () => {
    captureDisplays();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "labs-")), "log.jsonl");
    process.env[CHECK_LOG_ENV] = file;
    await check(spec, () => {});
    await check({ ...spec, exercise: "unbiased-estimator" }, () => notYet("off by one"));
    expect(readCheckLog(fs.readFileSync(file, "utf8"))).toEqual([
      { ...spec, status: "pass", message: "correct" },
      { lab: "pass-at-k", exercise: "unbiased-estimator", status: "not-yet", message: "off by one" },
    ]);
  });
});

describe("text helpers", () => {
  it("describeThrown keeps the first line only and caps its length", () => {
    expect(describeThrown(new Error("a".repeat(500)))).toHaveLength("Error: ".length + 160);
    expect(describeThrown(new Error("\n\nsecond line\nthird"))).toBe("Error: second line");
  });
  it("checkResultText shows the hint on its own line", () => {
    expect(checkResultText({ ...spec, status: "pass", message: "correct" })).toBe("✔ pass  pass-at-k / naive-estimator: correct");
    expect(checkResultText({ ...spec, status: "not-yet", message: "m", hint: "h" })).toBe("✘ not yet  pass-at-k / naive-estimator: m\n  hint: h");
  });
});
