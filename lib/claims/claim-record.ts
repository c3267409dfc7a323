import { escapeHtml } from "../core/html.js";
import type { MimeBundle } from "../display/index.js";

/** The MIME type under which a claim's result is recorded in a notebook's outputs (read back by `replab report`). */
export const CLAIM_MIME = "application/vnd.replab.claim+json";

/**
 * holds: the whole interval lies past the margin; partly: the mean is past it but the interval
 * reaches it; does-not: the mean is not past it.
 */
export type ClaimVerdict = "holds" | "partly" | "does-not";

/** Where a claim comes from: the paper, and its own number where it gives one. */
export interface ClaimPaper {
  title: string;
  /** arXiv identifier, e.g. "2506.01347". */
  arxiv?: string;
  /** The paper's own figure for this claim, as text (e.g. "pass@256 −12 points"). */
  value?: string;
}

/** What `claim()` records: the claim, its statistic per seed, the interval and the verdict. */
export interface ClaimRecord {
  id: string;
  statement: string;
  /** What the per-seed values are, e.g. "pass@256(forward KL) − pass@256(no KL)". */
  statistic: string;
  paper?: ClaimPaper;
  seeds: number[];
  values: number[];
  mean: number;
  low: number;
  high: number;
  level: number;
  method: string;
  /** The claim holds when the statistic is above (or below) this margin. */
  margin: { above: number } | { below: number };
  verdict: ClaimVerdict;
  /** The Plotly spec of the figure that shows the claim, when one was given. */
  figure?: { data: unknown[]; layout?: Record<string, unknown> };
}

const STYLE: Record<ClaimVerdict, { colour: string; background: string; word: string }> = {
  holds: { colour: "#1b5e20", background: "#e8f5e9", word: "holds" },
  partly: { colour: "#8a4b00", background: "#fff4e0", word: "partly holds" },
  "does-not": { colour: "#b71c1c", background: "#fdecea", word: "does not hold" },
};

/** A claim's number as its box and REPLICATIONS.md show it: 1 decimal from 100, 3 from 1, else 3 significant digits. */
export function formatClaimNumber(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(1) : Math.abs(x) >= 1 ? x.toFixed(3) : x.toPrecision(3);
}
const fmt = formatClaimNumber;

/** The margin as words: "above 0.01" or "below −0.02". */
export function marginText(margin: ClaimRecord["margin"]): string {
  return "above" in margin ? `> ${fmt(margin.above)}` : `< ${fmt(margin.below)}`;
}

/** One line: `claim holds  id: statistic mean 0.12, 95% CI [0.08, 0.16] (> 0, 5 seeds)`. */
export function claimText(r: ClaimRecord): string {
  return `claim ${STYLE[r.verdict].word}  ${r.id}: ${r.statistic} = ${fmt(r.mean)}, ${Math.round(r.level * 100)}% CI [${fmt(r.low)}, ${fmt(r.high)}] ` +
    `(needs ${marginText(r.margin)}; ${r.seeds.length} seeds)\n  ${r.statement}`;
}

/** A small coloured box with the statement, the interval and the verdict. */
export function claimHtml(r: ClaimRecord): string {
  const s = STYLE[r.verdict];
  const paper = r.paper ? `<div style="opacity:0.8">${escapeHtml(r.paper.title)}${r.paper.arxiv ? ` (arXiv ${escapeHtml(r.paper.arxiv)})` : ""}${r.paper.value ? ` — paper: ${escapeHtml(r.paper.value)}` : ""}</div>` : "";
  return `<div class="replab-claim replab-claim-${r.verdict}" style="border-left:4px solid ${s.colour};background:${s.background};color:${s.colour};` +
    `padding:4px 8px;margin:2px 0;font-family:sans-serif;font-size:13px"><b>claim ${s.word}</b> &nbsp;<code>${escapeHtml(r.id)}</code> — ${escapeHtml(r.statement)}` +
    `<div>${escapeHtml(r.statistic)} = <b>${fmt(r.mean)}</b>, ${Math.round(r.level * 100)}% CI [${fmt(r.low)}, ${fmt(r.high)}] ` +
    `(needs ${escapeHtml(marginText(r.margin))}; seeds ${escapeHtml(r.seeds.join(", "))})</div>${paper}</div>`;
}

/** HTML, text and the machine-readable record. */
export function claimBundle(r: ClaimRecord): MimeBundle {
  return { "text/plain": claimText(r), "text/html": claimHtml(r), [CLAIM_MIME]: r as unknown as Record<string, unknown> };
}
