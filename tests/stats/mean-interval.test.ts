import { describe, expect, it } from "vitest";
import fixture from "./fixtures/mean-interval.json" with { type: "json" };
import { meanInterval, studentTQuantile } from "../../lib/stats/index.js";

// Reference: Debian's scipy (tests/stats/fixtures/make_mean_interval_fixture.py).
describe("studentTQuantile = scipy.stats.t.ppf", () => {
  for (const c of fixture.ppf) {
    it(`t.ppf(${c.p}, ${c.df}) = ${c.t}`, () => {
      // The incomplete beta function behind it is good to ~1e-9 relative; 1e-8 leaves room.
      expect(Math.abs(studentTQuantile(c.p, c.df) - c.t)).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(c.t)));
    });
  }
  it("refuses p outside (0, 1) and a bad df, naming them", () => {
    expect(() => studentTQuantile(1, 3)).toThrow(/studentTQuantile: p=1/);
    expect(() => studentTQuantile(0.5, 0)).toThrow(/df=0/);
    expect(() => studentTQuantile(Number.NaN, 3)).toThrow(/p=NaN/);
  });
});

describe("meanInterval = scipy.stats.t.interval(level, n − 1, loc=mean, scale=sem)", () => {
  fixture.intervals.forEach((c, i) => {
    it(`case ${i}: n=${c.values.length}, level ${c.level}`, () => {
      const r = meanInterval(c.values, { level: c.level });
      expect(r.estimate).toBeCloseTo(c.mean, 12);
      expect(r.low).toBeCloseTo(c.low, 7);
      expect(r.high).toBeCloseTo(c.high, 7);
    });
  });
  it("a constant sample gives a point interval", () => {
    expect(meanInterval([0.25, 0.25, 0.25])).toMatchObject({ estimate: 0.25, low: 0.25, high: 0.25 });
  });
  it("refuses fewer than 2 values and non-finite values (null included), naming the index", () => {
    expect(() => meanInterval([1])).toThrow(/meanInterval: values=.* has fewer than 2 values/);
    expect(() => meanInterval([1, null as unknown as number, 2])).toThrow(/values\[1\]=null/);
    expect(() => meanInterval([1, Number.POSITIVE_INFINITY])).toThrow(/values\[1\]=Infinity/);
  });
});
