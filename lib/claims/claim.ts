import { ReplabError, describeValue, require_, requireFiniteArray } from "../core/errors.js";
import { escapeHtml } from "../core/html.js";
import { DISPLAY_SYMBOL } from "../display/index.js";
import { meanInterval } from "../stats/index.js";
import { claimBundle, type ClaimPaper, type ClaimRecord, type ClaimVerdict } from "./claim-record.js";

/** What a replication notebook claims, and the per-seed numbers that test it. */
export interface ClaimSpec {
  /** A short, stable name, e.g. "forward-kl-keeps-pass-at-256". */
  id: string;
  /** The claim in words, with its margin, e.g. "forward KL keeps pass@256 within 0.005 of the base". */
  statement: string;
  /** What each value is, e.g. "pass@256(forward KL) − pass@256(base)". */
  statistic: string;
  paper?: ClaimPaper;
  /** The seeds, one per value (from the notebook's `parameters` cell). */
  seeds: readonly number[];
  /** The statistic on each seed's run (a paired difference where two settings are compared). */
  values: ArrayLike<number>;
  /** The claim holds when the statistic is above `above` (or below `below`) — the margin. */
  margin: { above: number } | { below: number };
  /** Confidence level of the interval; default 0.95. */
  level?: number;
  /** A figure that shows the claim (a `Figure` from replab/plots, or its `{ data, layout }` spec). */
  figure?: { toJSON(): { data: unknown[]; layout?: Record<string, unknown> } } | { data: unknown[]; layout?: Record<string, unknown> };
}

/** A claim's record, which renders itself as a coloured box when it is a cell's value or passed to `display()`. */
export type ClaimResult = ClaimRecord;

/**
 * Tests a claim on a statistic over seeds: the mean and its Student-t confidence interval
 * (`meanInterval`, scipy's `t.interval`; on paired differences this is the paired t-test's
 * interval), and a verdict against the margin — **holds** when the whole interval is past the margin,
 * **partly** when the mean is past it but the interval reaches it, **does-not** otherwise. It never
 * throws on a claim that fails: the notebook reports the failure, and `replab report` reads the record
 * (`application/vnd.replab.claim+json`) from the cell's output.
 */
export function claim(spec: ClaimSpec): ClaimResult {
  const where = "claim";
  require_(spec !== null && typeof spec === "object", where, "spec", spec, "is not an object", "pass { id, statement, statistic, seeds, values, margin }");
  for (const k of ["id", "statement", "statistic"] as const) {
    require_(typeof spec[k] === "string" && spec[k].trim() !== "", where, k, spec[k], "is not a non-empty string", `describe the claim's ${k} in words`);
  }
  require_(Array.isArray(spec.seeds) && spec.seeds.length >= 2, where, "seeds", spec.seeds, "is not an array of at least 2 seeds", "take SEEDS from the notebook's parameters cell (at least 2; 5 or more is the norm)");
  require_(spec.values !== null && spec.values !== undefined && typeof spec.values.length === "number", where, "values", spec.values, "is not an array of numbers", "pass one value of the statistic per seed");
  if (spec.values.length !== spec.seeds.length) {
    throw new ReplabError(`claim: values has ${spec.values.length} entries but seeds has ${spec.seeds.length}; pass one value of the statistic per seed, in the order of seeds`);
  }
  requireFiniteArray(where, "values", spec.values);
  const m = spec.margin as Record<string, unknown> | null | undefined;
  const ok = m !== null && typeof m === "object" && (("above" in m) !== ("below" in m)) && Number.isFinite((m.above ?? m.below) as number);
  if (!ok) throw new ReplabError(`claim: margin=${describeValue(spec.margin)} is not { above: number } or { below: number }; say past which value the statistic supports the claim, e.g. { above: 0 }`);
  const ci = meanInterval(spec.values, { level: spec.level ?? 0.95 });
  const verdict: ClaimVerdict = "above" in spec.margin
    ? (ci.low > spec.margin.above ? "holds" : ci.estimate > spec.margin.above ? "partly" : "does-not")
    : (ci.high < spec.margin.below ? "holds" : ci.estimate < spec.margin.below ? "partly" : "does-not");
  const record: ClaimRecord = {
    id: spec.id, statement: spec.statement, statistic: spec.statistic,
    ...(spec.paper ? { paper: spec.paper } : {}),
    seeds: [...spec.seeds], values: Array.from(spec.values),
    mean: ci.estimate, low: ci.low, high: ci.high, level: ci.level,
    method: `Student-t interval over ${ci.n} seeds (scipy.stats.t.interval)`,
    margin: spec.margin, verdict,
  };
  if (spec.figure) {
    const f = "toJSON" in spec.figure && typeof spec.figure.toJSON === "function" ? spec.figure.toJSON() : (spec.figure as ClaimRecord["figure"])!;
    record.figure = { data: f.data, ...(f.layout ? { layout: f.layout } : {}) };
  }
  return Object.defineProperty(record, DISPLAY_SYMBOL, { enumerable: false, value: () => claimBundle(record) });
}

/**
 * A check that is true by construction (e.g. "the retrained model never saw the forget set"), shown
 * labelled "sanity" so that it is never read as the claim. Throws a ReplabError when it is false, since
 * then the set-up itself is broken.
 */
export function sanity(statement: string, holds: boolean, detail = ""): { statement: string; holds: true } {
  require_(typeof statement === "string" && statement !== "", "sanity", "statement", statement, "is not a non-empty string", "say what the check checks");
  if (holds !== true) throw new ReplabError(`sanity check failed: ${statement}${detail ? ` (${detail})` : ""}; this is true by construction, so the set-up is broken`);
  const text = `sanity ✔ ${statement}${detail ? ` (${detail})` : ""}`;
  return Object.defineProperty({ statement, holds: true as const }, DISPLAY_SYMBOL, {
    enumerable: false,
    value: () => ({ "text/plain": text, "text/html": `<div class="replab-sanity" style="color:#555;font-family:sans-serif;font-size:12px">sanity ✔ ${escapeHtml(statement)}${detail ? ` <span style="opacity:0.7">(${escapeHtml(detail)})</span>` : ""}</div>` }),
  });
}
