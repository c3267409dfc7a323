import { formatClaimNumber, marginText, type ClaimRecord, type ClaimVerdict } from "../../lib/claims/index.js";

/**
 * REPLICATIONS.md, the page `replab report` writes: per replication notebook, its papers, each
 * claim with the paper's number, ours (mean and interval over seeds), the verdict, the seeds, the
 * run time and the claim's figure. Every notebook and every claim is also embedded as JSON in an
 * HTML comment (`<!-- replab-report:notebook {…} -->`, `<!-- replab-report:claim {…} -->`), which
 * is what {@link readReplicationsPage} reads back: the page can be checked by a program and
 * re-rendered with some notebooks replaced (`replab report --only`).
 */

/** A claim as the page shows it: the claim's record (its figure spec left out) and where its PNG is. */
export type ReportedClaim = Omit<ClaimRecord, "figure"> & {
  /** The figure's PNG, relative to the page (posix separators); absent when the claim has no figure. */
  figureFile?: string;
};

/** One notebook's entry on the page. */
export interface NotebookReport {
  /** The notebook's file name relative to the notebooks folder, e.g. "kl-direction.ipynb". */
  notebook: string;
  /** Link to the notebook from the page, e.g. "notebooks/kl-direction.ipynb". */
  link: string;
  /** The notebook's first Markdown heading ("" when it has none). */
  title: string;
  /** ok: it ran and recorded claims; failed: a cell failed or the run did not finish; no-claims: it ran but recorded none. */
  status: "ok" | "failed" | "no-claims";
  /** Wall-clock seconds of the run. */
  seconds: number;
  /** When it ran (ISO 8601). */
  ran: string;
  /** What went wrong, one line each (failed cells, a run that did not finish, repeated claim ids). */
  problems: string[];
  claims: ReportedClaim[];
}

/**
 * A notebook's status from what its run left: "failed" when anything went wrong (a failed cell, a
 * run that did not finish, a repeated claim id, a figure not drawn), else "no-claims" when it
 * recorded none, else "ok".
 */
export function notebookStatus(r: Pick<NotebookReport, "problems" | "claims">): NotebookReport["status"] {
  return r.problems.length > 0 ? "failed" : r.claims.length === 0 ? "no-claims" : "ok";
}

/** How many of `claims` have each verdict. */
export function verdictTally(claims: ReadonlyArray<{ verdict: ClaimVerdict }>): Record<ClaimVerdict, number> {
  const tally: Record<ClaimVerdict, number> = { holds: 0, partly: 0, "does-not": 0 };
  for (const c of claims) tally[c.verdict]++;
  return tally;
}

const MARK = "replab-report";
const VERDICT_WORD: Record<ClaimVerdict, string> = { holds: "✅ holds", partly: "🟡 partly", "does-not": "❌ does not" };

/** JSON safe inside an HTML comment: no `--` (and no `<` or `>`) anywhere in it. */
function commentJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/-(?=-)/g, "\\u002d");
}

/**
 * Text safe in one Markdown table cell: one line, `|` escaped, and `[` `]` escaped so that a
 * statistic written as "[a − b](method)" shows as written instead of becoming a link.
 */
function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/([|[\]])/g, "\\$1");
}

function seconds(s: number): string {
  return s >= 100 ? `${Math.round(s)} s` : `${s.toFixed(1)} s`;
}

function stem(notebook: string): string {
  return notebook.replace(/\.ipynb$/, "");
}

function paperLine(p: NonNullable<ClaimRecord["paper"]>): string {
  return p.arxiv ? `[${cell(p.title)}](https://arxiv.org/abs/${encodeURI(p.arxiv)}) (arXiv ${p.arxiv})` : cell(p.title);
}

function sameSeeds(claims: readonly ReportedClaim[]): number[] | null {
  const first = claims[0]?.seeds;
  if (!first) return null;
  return claims.every((c) => c.seeds.length === first.length && c.seeds.every((s, i) => s === first[i])) ? first : null;
}

function notebookSection(r: NotebookReport): string {
  const lines: string[] = [`<!-- ${MARK}:notebook ${commentJson({ ...r, claims: undefined })} -->`, `## ${stem(r.notebook)}`, ""];
  if (r.title) lines.push(`**${cell(r.title)}**`, "");
  const shared = sameSeeds(r.claims);
  const facts = [`[notebook](${r.link})`, `run time ${seconds(r.seconds)} (${r.ran.slice(0, 10)})`];
  if (shared) facts.push(`seeds ${shared.join(", ")}`);
  lines.push(facts.join(" · "), "");
  const papers = new Map<string, NonNullable<ClaimRecord["paper"]>>();
  for (const c of r.claims) if (c.paper) papers.set(`${c.paper.title}\u0000${c.paper.arxiv ?? ""}`, c.paper);
  for (const p of papers.values()) lines.push(`Paper: ${paperLine(p)}`, "");
  if (r.status === "failed") lines.push(`**The notebook failed.** ${r.problems.map(cell).join("; ")}`, "");
  else if (r.problems.length > 0) lines.push(`**Problems:** ${r.problems.map(cell).join("; ")}`, "");
  if (r.status === "no-claims") lines.push("**The notebook recorded no claim** (no `claim()` result among its outputs).", "");
  if (r.claims.length > 0) {
    lines.push("| claim | paper | ours: mean [95% interval] | needs | verdict |", "| --- | --- | --- | --- | --- |");
    for (const c of r.claims) {
      const ours = `${formatClaimNumber(c.mean)} [${formatClaimNumber(c.low)}, ${formatClaimNumber(c.high)}]` +
        (Math.round(c.level * 100) !== 95 ? ` (${Math.round(c.level * 100)}%)` : "") + (shared ? "" : `, seeds ${c.seeds.join(", ")}`);
      lines.push(`| \`${cell(c.id)}\` ${cell(c.statement)}<br>*${cell(c.statistic)}* | ${c.paper?.value ? cell(c.paper.value) : "—"} | ${ours} | ${cell(marginText(c.margin))} | ${VERDICT_WORD[c.verdict]} |`);
    }
    lines.push("");
    for (const c of r.claims) lines.push(`<!-- ${MARK}:claim ${commentJson({ notebook: r.notebook, ...c })} -->`);
    lines.push("");
  }
  const figures = new Map<string, string[]>();
  for (const c of r.claims) if (c.figureFile) figures.set(c.figureFile, [...(figures.get(c.figureFile) ?? []), c.id]);
  for (const [file, ids] of figures) {
    const named = ids.length <= 3 ? ids.join(", ") : `${ids.slice(0, 3).join(", ")} and ${ids.length - 3} more`;
    lines.push(`![figure of ${ids.length === 1 ? "claim" : "claims"} ${cell(named)}](${file})`, "");
  }
  return lines.join("\n");
}

function summaryRow(r: NotebookReport): string {
  const n = verdictTally(r.claims);
  const status = r.status === "ok" ? "ran" : r.status === "failed" ? "**failed**" : "**no claims**";
  return `| [${stem(r.notebook)}](#${stem(r.notebook).toLowerCase().replace(/[^a-z0-9_ -]/g, "").replace(/ /g, "-")}) | ${status} | ${r.claims.length} | ${n.holds} | ${n.partly} | ${n["does-not"]} | ${seconds(r.seconds)} |`;
}

/**
 * The page: a header saying how claims are decided, a summary table (one row per notebook), then
 * one section per notebook in name order (see the module comment).
 */
export function replicationsPage(reports: readonly NotebookReport[]): string {
  const sorted = [...reports].sort((a, b) => a.notebook.localeCompare(b.notebook));
  const head = [
    "# Replications",
    "",
    `<!-- ${MARK}: written by \`replab report\`; do not edit by hand -->`,
    "",
    "What each replication notebook in `notebooks/` claims, the paper's own number where it gives one, what replab",
    "measured (the mean of a statistic over the seeds of the notebook's `parameters` cell, with its 95% Student-t",
    "interval; a paired difference per seed where two settings are compared), and the verdict against the margin",
    "stated in the notebook: **holds** when the whole interval lies past the margin, **partly** when the mean does",
    "but the interval reaches it, **does not** otherwise. Checks that are true by construction are shown in the",
    "notebooks as sanity checks and are not listed here. `npx replab report` wrote this page by running every",
    "notebook headless; `npx replab run notebooks/NAME.ipynb -p SEEDS '[…]'` reruns one with other seeds.",
    "Run times are wall-clock seconds on the machine that wrote the page.",
    "",
    "| notebook | run | claims | holds | partly | does not | run time |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...sorted.map(summaryRow),
    "",
  ];
  return [...head, ...sorted.map(notebookSection)].join("\n").replace(/\n{3,}/g, "\n\n").trimEnd() + "\n";
}

function parseComment(json: string, where: string): Record<string, unknown> {
  try {
    return JSON.parse(json) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`${where}: an embedded ${MARK} record is not valid JSON (${(e as Error).message}); write the page again with \`replab report\``);
  }
}

/**
 * The notebooks and claims embedded in a page written by {@link replicationsPage}, in page order.
 * Throws an Error naming `where` when an embedded record is not valid JSON.
 */
export function readReplicationsPage(text: string, where = "REPLICATIONS.md"): NotebookReport[] {
  const out: NotebookReport[] = [];
  const byName = new Map<string, NotebookReport>();
  for (const m of text.matchAll(new RegExp(`<!-- ${MARK}:(notebook|claim) (.*?) -->`, "g"))) {
    const rec = parseComment(m[2]!, where);
    if (m[1] === "notebook") {
      const r = { ...(rec as unknown as NotebookReport), claims: [] };
      out.push(r);
      byName.set(r.notebook, r);
    } else {
      const { notebook, ...claim } = rec as { notebook: string } & ReportedClaim;
      const r = byName.get(notebook);
      if (!r) throw new Error(`${where}: claim ${JSON.stringify(claim.id)} names notebook ${JSON.stringify(notebook)}, which has no entry before it; write the page again with \`replab report\``);
      r.claims.push(claim);
    }
  }
  return out;
}

/** One claim's verdict in a notebook, as compared by {@link verdictDifferences}. */
export interface NotebookVerdicts {
  notebook: string;
  claims: ReadonlyArray<{ id: string; verdict: ClaimVerdict }>;
}

/**
 * How the verdicts of freshly run notebooks differ from those on a page: one line per claim whose
 * verdict changed, that is new, or that the fresh run no longer records. Only the notebooks in
 * `fresh` are compared (a notebook missing from the page is one line).
 */
export function verdictDifferences(page: readonly NotebookVerdicts[], fresh: readonly NotebookVerdicts[]): string[] {
  const lines: string[] = [];
  for (const f of fresh) {
    const p = page.find((x) => x.notebook === f.notebook);
    if (!p) { lines.push(`${f.notebook}: not on the page`); continue; }
    const before = new Map(p.claims.map((c) => [c.id, c.verdict]));
    const now = new Map(f.claims.map((c) => [c.id, c.verdict]));
    for (const [id, v] of now) {
      const was = before.get(id);
      if (was === undefined) lines.push(`${f.notebook}: claim ${id} is new (${v}); the page does not have it`);
      else if (was !== v) lines.push(`${f.notebook}: claim ${id} ${v} now, ${was} on the page`);
    }
    for (const [id, v] of before) if (!now.has(id)) lines.push(`${f.notebook}: claim ${id} (${v} on the page) was not recorded by the run`);
  }
  return lines;
}
