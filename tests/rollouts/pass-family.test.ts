import { describe, expect, it } from "vitest";
import * as aq from "arquero";
import fs from "node:fs";
import {
  passAtK, passHatK, gPassAtK, mGPassAtK, bayesAtN, avgAtN, passAtKCurve, groupAdvantages, fracRewardZeroStd, groupRewardStd,
  rewardGroupMetrics, solveRates, sampleRollouts, TabularPolicy,
} from "../../lib/rollouts/index.js";
import { solveRateFigure } from "../../lib/plots/index.js";
import { bootstrapCi } from "../../lib/stats/index.js";
// @ts-expect-error plain JS helper shared with the child process
import { makePolicy, makePrompts } from "./fixtures/rollout-setup.mjs";

// Ports of tau-bench's pass^k, open-compass/GPassK's G-Pass@k / mG-Pass@k (scipy hypergeom) and
// scorio's Bayes@N, with scorio's worked examples: fixtures/port_pass_family.py → pass-family.json.
const fx = JSON.parse(fs.readFileSync(new URL("./fixtures/pass-family.json", import.meta.url), "utf8"));
const ref = JSON.parse(fs.readFileSync(new URL("./fixtures/reference.json", import.meta.url), "utf8"));

const close = (got: number, want: number, rtol = 1e-12, atol = 1e-15) => expect(Math.abs(got - want), `${got} vs ${want}`).toBeLessThanOrEqual(atol + rtol * Math.abs(want));
const bankTable = (R: number[][]) => aq.from(R.flatMap((row, a) => row.map((r, s) => ({ prompt_id: `p${a}`, sample: s, reward: r }))));

describe("pass^k, G-Pass@k and mG-Pass@k against tau-bench, GPassK and scipy", () => {
  it("on 400 random (n, c, k, τ)", () => {
    for (const t of fx.triples) {
      close(passHatK(t.n, t.c, t.k), t.pass_hat_k, 1e-12, 1e-300);
      close(gPassAtK(t.n, t.c, t.k, t.tau), t.g_pass_at_k, 1e-11, 1e-300);
      close(mGPassAtK(t.n, t.c, t.k), t.mg_pass_at_k, 1e-11, 1e-15);
    }
  });
  it("τ = 0 is pass@k, τ = 1 is pass^k", () => {
    for (const t of fx.triples.slice(0, 100)) {
      close(gPassAtK(t.n, t.c, t.k, 0), passAtK(t.n, t.c, t.k), 1e-11, 1e-15);
      close(gPassAtK(t.n, t.c, t.k, 1), passHatK(t.n, t.c, t.k), 1e-11, 1e-300);
    }
  });
  it("scorio's worked examples (R = [[0,1,1,0,1],[1,1,0,1,1]])", () => {
    const w = fx.worked;
    const cs = w.R.map((r: number[]) => r.reduce((a, b) => a + b, 0));
    const mean = (f: (c: number) => number) => cs.map(f).reduce((a: number, b: number) => a + b, 0) / cs.length;
    expect(mean((c) => passHatK(5, c, 1))).toBeCloseTo(w.pass_hat_k["1"], 12);
    expect(mean((c) => passHatK(5, c, 2))).toBeCloseTo(w.pass_hat_k["2"], 12);
    expect(mean((c) => gPassAtK(5, c, 2, 0.5))).toBeCloseTo(w.g_pass_at_k_tau["2,0.5"], 12);
    expect(mean((c) => mGPassAtK(5, c, 2))).toBeCloseTo(w.mg_pass_at_k["2"], 12);
    expect(mean((c) => mGPassAtK(5, c, 3))).toBeCloseTo(w.mg_pass_at_k["3"], 6);
    const b = bayesAtN(bankTable(w.R));
    expect(b.mean).toBeCloseTo(w.bayes_ci.mu, 6);
    expect(b.sd).toBeCloseTo(w.bayes_ci.sigma, 6);
    expect(b.low).toBeCloseTo(w.bayes_ci.lo, 4);
    expect(b.high).toBeCloseTo(w.bayes_ci.hi, 4);
  });
  it("worked by hand: C(3,2)/C(5,2) = 0.3; at least one of two right from 3 of 5 = 0.9; ⌈0.7·10⌉ in floating point is 8", () => {
    expect(passHatK(5, 3, 2)).toBeCloseTo(0.3, 15);
    expect(passHatK(5, 1, 2)).toBe(0);
    expect(gPassAtK(5, 3, 2, 0.5)).toBeCloseTo(0.9, 15);
    expect(gPassAtK(10, 8, 10, 0.7)).toBe(gPassAtK(10, 8, 10, 0.8));
    expect(mGPassAtK(7, 4, 1)).toBe(0);
  });
  it("bad n, c, k and τ are ReplabErrors, as for passAtK", () => {
    for (const f of [passHatK, mGPassAtK, (n: number, c: number, k: number) => gPassAtK(n, c, k, 0.5)]) {
      expect(() => f(4, 1, 5)).toThrow(/k=5 exceeds n=4 samples/);
      expect(() => f(4, 5, 2)).toThrow(/c=5 exceeds n=4 samples/);
      expect(() => f(4, -1, 2)).toThrow(/c=-1 is below 0/);
      expect(() => f(4, 1, 0)).toThrow(/k=0 is below 1/);
      expect(() => f(4.5, 1, 2)).toThrow(/n=4.5 is not an integer/);
      expect(() => f(null as never, 1, 2)).toThrow(/n=null is not an integer/);
    }
    expect(() => gPassAtK(4, 1, 2, 1.5)).toThrow(/gPassAtK: tau=1.5 is not in \[0, 1\]/);
    expect(() => gPassAtK(4, 1, 2, NaN)).toThrow(/gPassAtK: tau=NaN is not in \[0, 1\]/);
  });
});

describe("Bayes@N and avg@N against scorio's bayes_moments", () => {
  it.each(fx.banks.map((b: { R: number[][] }, i: number) => [i, b.R.length, b.R[0]!.length, b]))("bank %i: M=%i, N=%i", (_i, _M, N, b: any) => {
    const cs = b.R.map((r: number[]) => r.reduce((a, x) => a + x, 0));
    const prior = b.R0 ? { correct: b.R0.map((r: number[]) => r.reduce((a, x) => a + x, 0)), samples: b.R0[0].length } : undefined;
    for (const [level, want] of [[0.95, b.bayes95], [0.8, b.bayes80]] as const) {
      const got = bayesAtN(cs, N as number, { level, prior });
      close(got.mean, want.mu); close(got.sd, want.sigma, 1e-12); close(got.low, want.lo, 1e-12); close(got.high, want.hi, 1e-12);
      close(got.avg, want.avg); close(got.avgSd, want.sigma_avg, 1e-12);
    }
    if (!prior) expect(bayesAtN(bankTable(b.R))).toEqual(bayesAtN(cs, N as number));
    close(avgAtN(cs, N as number), b.bayes95.avg);
    close(avgAtN(bankTable(b.R)), b.bayes95.avg);
  });
  it("refuses unequal N, bad counts and bad levels", () => {
    const t = aq.from([{ prompt_id: "a", reward: 1 }, { prompt_id: "a", reward: 0 }, { prompt_id: "b", reward: 1 }]);
    expect(() => bayesAtN(t)).toThrow(/bayesAtN: table=.* has 1 samples for prompt b but 2 for a/);
    expect(() => bayesAtN([1, 3], 2)).toThrow(/bayesAtN: correct\[1\]=3 exceeds n=2 samples/);
    expect(() => bayesAtN([1, null as never], 2)).toThrow(/correct\[1\]=null is not an integer/);
    expect(() => bayesAtN([1], 2, { level: 1 })).toThrow(/level=1 is not in \(0, 1\)/);
    expect(() => bayesAtN([1], 2, { prior: { correct: [4], samples: 3 } })).toThrow(/prior.correct\[0\]=4 exceeds prior.samples=3/);
    expect(avgAtN(t)).toBeCloseTo(0.75, 15); // (1/2 + 1)/2: problems may differ in N for avg@N
  });
});

describe("pass@k curves with bootstrap intervals over problems", () => {
  const rows = fx.banks[3].R as number[][]; // 200 problems, 5 samples
  const t = bankTable(rows);
  it("the band brackets the curve and matches the normal-theory interval of the mean on 200 problems", () => {
    const curve = passAtKCurve(t, { ci: 0.95, resamples: 4000, seed: 1 }).objects() as Array<{ k: number; pass_at_k: number; ci_low: number; ci_high: number }>;
    for (const r of curve) {
      const per = rows.map((row) => passAtK(5, row.reduce((a, b) => a + b, 0), r.k));
      const m = per.reduce((a, b) => a + b, 0) / per.length;
      const se = Math.sqrt(per.reduce((a, b) => a + (b - m) ** 2, 0) / (per.length - 1) / per.length);
      expect(r.pass_at_k).toBeCloseTo(m, 12);
      expect(r.ci_low).toBeLessThan(r.pass_at_k);
      expect(r.ci_high).toBeGreaterThan(r.pass_at_k);
      // percentile bootstrap ≈ mean ± 1.96·SE (central limit theorem; 200 problems, 4000 resamples)
      expect(Math.abs(r.ci_low - (m - 1.959964 * se))).toBeLessThan(0.2 * 1.96 * se);
      expect(Math.abs(r.ci_high - (m + 1.959964 * se))).toBeLessThan(0.2 * 1.96 * se);
    }
    expect(passAtKCurve(t, { ci: 0.95, seed: 1 }).objects()).toEqual(passAtKCurve(t, { ci: 0.95, seed: 1 }).objects());
    expect(passAtKCurve(t).columnNames()).toEqual(["k", "pass_at_k"]);
    expect(() => passAtKCurve(t, { ci: 95 })).toThrow(/passAtKCurve: ci=95 is not a level in \(0, 1\)/);
  });
  it("each k's band is bootstrapCi of that k's per-problem pass@k, with the same seed", () => {
    const curve = passAtKCurve(t, { ci: 0.9, resamples: 300, seed: 4 }).objects() as Array<{ k: number; ci_low: number; ci_high: number }>;
    for (const r of curve) {
      const b = bootstrapCi(rows.map((row) => passAtK(5, row.reduce((a, c) => a + c, 0), r.k)), { level: 0.9, resamples: 300, seed: 4 });
      expect([r.ci_low, r.ci_high]).toEqual([b.low, b.high]);
    }
  });
  it("an unscored sample (null reward, NaN) is an error naming the row, never a wrong answer", () => {
    const bad = aq.from([{ prompt_id: "a", reward: 1 }, { prompt_id: "a", reward: null }]);
    expect(() => passAtKCurve(bad)).toThrow(/passAtKCurve: reward\[1\]=null is not a correctness/);
    expect(() => passAtKCurve(aq.from([{ prompt_id: "a", reward: NaN }]))).toThrow(/reward\[0\]=NaN/);
  });
});

describe("table first: advantages, zero-std groups and TRL's reward metrics from the rollout table", () => {
  it("the table form equals the flat form, whatever the row order", () => {
    for (const c of ref.advantages) {
      const rows = Array.from(c.rewards as number[], (r, i) => ({ prompt_id: `g${Math.floor(i / c.groupSize)}`, reward: r, i }));
      const shuffled = aq.from([...rows].reverse());
      for (const scale of ["group", "batch", "none"] as const) {
        const flat = groupAdvantages(c.rewards, c.groupSize, { scale });
        const got = groupAdvantages(shuffled, { scale }).objects() as Array<{ i: number; advantage: number }>;
        for (const r of got) expect(r.advantage).toBeCloseTo(flat[r.i]!, 12);
      }
      expect(fracRewardZeroStd(shuffled)).toBe(fracRewardZeroStd(c.rewards, c.groupSize));
      expect(Array.from(groupRewardStd(aq.from(rows)))).toEqual(Array.from(groupRewardStd(c.rewards, c.groupSize)));
    }
  });
  it("names its columns: groupColumn, rewardColumn, advantageColumn", () => {
    const t = aq.from([{ q: "a", r: 1 }, { q: "b", r: 0 }, { q: "a", r: 0 }, { q: "b", r: 0 }]);
    const a = groupAdvantages(t, { groupColumn: "q", rewardColumn: "r", advantageColumn: "A", scale: "none" }).array("A") as Float64Array;
    expect(Array.from(a)).toEqual([0.5, 0, -0.5, 0]);
  });
  it("rewardGroupMetrics: TRL's reward, reward_std, frac_reward_zero_std, and the all-0 / all-1 shares", () => {
    for (const b of fx.banks) {
      const m = rewardGroupMetrics(bankTable(b.R));
      expect(m.frac_reward_all_zero).toBeCloseTo(b.frac_all_zero, 15);
      expect(m.frac_reward_all_one).toBeCloseTo(b.frac_all_one, 15);
      expect(m.frac_reward_zero_std).toBeCloseTo(b.frac_all_zero + b.frac_all_one, 15); // 0/1 rewards: agreeing groups are all-0 or all-1
      expect(m.groups).toBe(b.R.length);
    }
    const m = rewardGroupMetrics([1, 1, 0, 0, 1, 0, 0.5, 0.5], 2);
    expect(m).toMatchObject({ reward: 0.5, frac_reward_zero_std: 0.75, frac_reward_all_zero: 0.25, frac_reward_all_one: 0.25, groups: 4 });
    expect(m.reward_std).toBeCloseTo(Math.sqrt((6 * 0.25) / 7), 15);
  });
  it("a null reward is refused with its row — TRL leaves unscored completions out; replab never scores them 0", () => {
    expect(() => groupAdvantages([1, 0, null as never, 1], 2)).toThrow(/groupAdvantages: rewards\[2\]=null is not a finite number/);
    expect(() => fracRewardZeroStd([1, 0, null as never, 1], 2)).toThrow(/fracRewardZeroStd|rewardGroupMetrics/);
    const t = aq.from([{ prompt_id: "a", reward: 1 }, { prompt_id: "a", reward: null }]);
    expect(() => groupAdvantages(t)).toThrow(/groupAdvantages: reward\[1\]=null is not a finite reward; score every completion or drop the unscored rows first/);
    expect(() => groupAdvantages(aq.from([{ prompt_id: "a", reward: 1 }, { prompt_id: "b", reward: 1 }, { prompt_id: "b", reward: 0 }]))).toThrow(/group prompt_id="a"=1 has fewer than 2 completions/);
  });
  it("sampleRollouts takes the prompts as a table", async () => {
    const pol = makePolicy(TabularPolicy, 0);
    const prompts = makePrompts().slice(0, 3);
    const fromTable = await sampleRollouts(pol, aq.from(prompts), { n: 3, seed: 2, reward: (c, p) => pol.reward(p.prompt_id, c.text) });
    const fromArray = await sampleRollouts(pol, prompts, { n: 3, seed: 2, reward: (c, p) => pol.reward(p.prompt_id, c.text) });
    expect(fromTable.objects()).toEqual(fromArray.objects());
  });
  it("solve rates per problem and their histogram", () => {
    const t = bankTable([[1, 1, 1], [0, 0, 0], [1, 0, 0], [0, 0, 0]]);
    expect(solveRates(t).objects()).toEqual([
      { prompt_id: "p0", n: 3, c: 3, solve_rate: 1 }, { prompt_id: "p1", n: 3, c: 0, solve_rate: 0 },
      { prompt_id: "p2", n: 3, c: 1, solve_rate: 1 / 3 }, { prompt_id: "p3", n: 3, c: 0, solve_rate: 0 },
    ]);
    const fig = solveRateFigure(t).spec;
    expect(fig.data[0]).toMatchObject({ type: "bar", x: [0, 1 / 3, 1], y: [2, 1, 1] });
    expect(String((fig.layout as { title: { text: string } }).title.text)).toMatch(/4 problems: 50% never solved, 25% always/);
  });
});
