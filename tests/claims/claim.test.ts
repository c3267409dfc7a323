import { describe, expect, it } from "vitest";
import { CLAIM_MIME, claim, sanity, type ClaimRecord } from "../../lib/claims/index.js";
import { DISPLAY_SYMBOL, type MimeBundle } from "../../lib/display/index.js";
import { figure } from "../../lib/plots/index.js";

const bundle = (v: unknown): MimeBundle => (v as { [DISPLAY_SYMBOL](): MimeBundle })[DISPLAY_SYMBOL]();
const base = { id: "x-beats-y", statement: "x beats y by more than 0.01", statistic: "acc(x) − acc(y)", seeds: [1, 2, 3, 4, 5] };

describe("claim", () => {
  it("holds when the whole 95% interval is past the margin (interval as scipy's t.interval)", () => {
    // scipy.stats.t.interval(0.95, 4, loc=0.1, scale=sem([0.08,0.09,0.1,0.11,0.12])) = (0.0803675683852244, 0.1196324316147756)
    const r = claim({ ...base, values: [0.08, 0.09, 0.1, 0.11, 0.12], margin: { above: 0.01 } });
    expect(r.verdict).toBe("holds");
    expect(r.mean).toBeCloseTo(0.1, 12);
    expect(r.low).toBeCloseTo(0.0803675683852244, 7);
    expect(r.high).toBeCloseTo(0.1196324316147756, 7);
  });
  it("partly when the mean is past the margin but the interval reaches it; does-not otherwise", () => {
    expect(claim({ ...base, values: [0.3, -0.2, 0.1, 0.05, 0.0], margin: { above: 0 } }).verdict).toBe("partly");
    expect(claim({ ...base, values: [-0.3, -0.2, 0.1, 0.05, 0.0], margin: { above: 0 } }).verdict).toBe("does-not");
    expect(claim({ ...base, values: [-0.3, -0.2, -0.1, -0.25, -0.2], margin: { below: 0 } }).verdict).toBe("holds");
    expect(claim({ ...base, values: [-0.3, -0.2, -0.1, -0.25, -0.2], margin: { above: 0 } }).verdict).toBe("does-not");
  });
  it("renders as text, HTML and the machine-readable record, with the figure's spec", () => {
    const f = figure({ data: [{ type: "bar", x: ["a"], y: [1] }], layout: { title: { text: "t" } } });
    const r = claim({ ...base, values: [1, 2, 3, 4, 5], margin: { above: 0 }, paper: { title: "A paper", arxiv: "2501.00001", value: "+3" }, figure: f });
    const b = bundle(r);
    expect(String(b["text/plain"])).toMatch(/^claim holds {2}x-beats-y: acc\(x\) − acc\(y\) = 3\.000, 95% CI \[/);
    expect(String(b["text/html"])).toContain("arXiv 2501.00001");
    const rec = b[CLAIM_MIME] as unknown as ClaimRecord;
    expect(rec).toMatchObject({ id: "x-beats-y", verdict: "holds", seeds: [1, 2, 3, 4, 5], values: [1, 2, 3, 4, 5], paper: { arxiv: "2501.00001" } });
    expect(rec.figure?.data).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(rec))).toEqual(rec);
  });
  it("refuses bad input with the argument named", () => {
    expect(() => claim({ ...base, values: [1, 2, 3], margin: { above: 0 } })).toThrow(/values has 3 entries but seeds has 5/);
    expect(() => claim({ ...base, values: [1, 2, null as unknown as number, 4, 5], margin: { above: 0 } })).toThrow(/values\[2\]=null/);
    expect(() => claim({ ...base, values: [1, 2, 3, 4, Number.NaN], margin: { above: 0 } })).toThrow(/values\[4\]=NaN/);
    expect(() => claim({ ...base, seeds: [1], values: [1], margin: { above: 0 } })).toThrow(/seeds=/);
    expect(() => claim({ ...base, values: [1, 2, 3, 4, 5], margin: {} as { above: number } })).toThrow(/margin=/);
    expect(() => claim({ ...base, id: "", values: [1, 2, 3, 4, 5], margin: { above: 0 } })).toThrow(/id=""/);
  });
});

describe("sanity", () => {
  it("shows a check true by construction labelled sanity, and throws when it is false", () => {
    expect(String(bundle(sanity("the retrained model never saw the forget set", true))["text/plain"])).toMatch(/^sanity ✔ the retrained/);
    expect(() => sanity("KS of a sample with itself is 1", false, "p = 0.3")).toThrow(/sanity check failed: KS of a sample with itself is 1 \(p = 0.3\)/);
  });
});
