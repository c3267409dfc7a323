import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ClaimRecord } from "../../lib/claims/index.js";
import { cellSource, readNotebook } from "../notebook/nbformat.js";
import { failedCells, readClaimRecords } from "../notebook/outputs.js";
import { notebookStatus, readReplicationsPage, replicationsPage, verdictDifferences, verdictTally, type NotebookReport } from "../notebook/replications-page.js";
import { chromiumExecutable, figureKey, openFigureRenderer, type FigureRenderer } from "../notebook/static-figures.js";
import { parseCommandLine, positiveOption, wantsHelp } from "./args.js";
import { inParallel, replabRunArgs, runChild, telltaleLine } from "./child-process.js";

export const REPORT_USAGE = `usage: replab report [--out FILE] [--figures DIR] [--only NAME,…] [--jobs N] [--check]
                     [--notebooks DIR] [--timeout S] [--notebook-timeout S]

Runs every replication notebook in notebooks/ (each *.ipynb there but 00-tour.ipynb; labs/ are not
replications) headless, each in its own \`replab run\` process whose outputs go to a temporary copy
(the notebooks are not changed), reads the claims it records (claim() from replab/claims), and
writes REPLICATIONS.md: per notebook its papers, each claim with the paper's number, ours (mean and
95% interval over the seeds), the verdict (holds / partly / does not), the seeds and the run time,
and each claim's figure as a PNG drawn by headless Chromium. A notebook that fails or records no
claim is shown as such on the page and makes the command exit 1. Progress goes to stderr.

  --out FILE            the page (default REPLICATIONS.md)
  --figures DIR         where the PNGs go, one folder per notebook (default docs/figures beside FILE)
  --only NAME,…         run only these notebooks (with or without .ipynb); the page keeps the
                        other notebooks' entries from FILE
  --jobs N              notebooks run at once (default 1)
  --check               run the notebooks and compare their verdicts with FILE, writing nothing;
                        exit 1 naming each claim whose verdict differs (or that is new or gone)
  --notebooks DIR       where the notebooks are (default notebooks)
  --timeout S           stop a cell that runs longer than S seconds (default 600)
  --notebook-timeout S  stop a notebook that runs longer than S seconds in all (default 1800)

Figures need Chromium (/usr/bin/chromium, Debian's package chromium, or REPLAB_CHROMIUM).`;

/** The notebooks `replab report` runs: every *.ipynb directly in `dir` but the tour, in name order. */
export function replicationNotebooks(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ipynb") && e.name !== "00-tour.ipynb" && !/\.(nbconvert|executed)\.ipynb$/.test(e.name))
    .map((e) => e.name).sort();
}

/** The first Markdown heading of a notebook, without its #s. */
function notebookTitle(cells: ReturnType<typeof readNotebook>["cells"]): string {
  for (const c of cells) {
    if (c.cell_type !== "markdown") continue;
    const h = /^#{1,6}\s+(.+)$/m.exec(cellSource(c));
    if (h) return h[1]!.trim();
  }
  return "";
}

function posixRelative(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join("/");
}

interface ReportOptions {
  notebooksDir: string;
  out: string;
  figures: string;
  jobs: number;
  cellTimeoutS: number;
  notebookTimeoutS: number;
}

/** A notebook's entry and its claims' figure specs (by claim id), before the figures are drawn. */
interface NotebookRun {
  report: NotebookReport;
  figures: Map<string, NonNullable<ClaimRecord["figure"]>>;
}

/** Runs one notebook in a child `replab run --allow-errors` and reads its claims and failures back. */
async function runOne(name: string, options: ReportOptions, workDir: string): Promise<NotebookRun> {
  const file = path.join(options.notebooksDir, name);
  const output = path.join(workDir, name);
  const ran = new Date().toISOString();
  const started = Date.now();
  const end = await runChild(process.execPath, replabRunArgs(file, output, options.cellTimeoutS),
    process.env, path.dirname(file), options.notebookTimeoutS * 1000, 1_000_000);
  const seconds = (Date.now() - started) / 1000;
  const report: NotebookReport = { notebook: name, link: posixRelative(path.dirname(options.out), file), title: "", status: "ok", seconds, ran, problems: [], claims: [] };
  const figures = new Map<string, NonNullable<ClaimRecord["figure"]>>();
  let records: ClaimRecord[] = [];
  if (fs.existsSync(output)) {
    try {
      const nb = readNotebook(output, "replab report");
      report.title = notebookTitle(nb.cells);
      for (const f of failedCells(nb)) report.problems.push(`cell ${f.cell} failed: ${f.ename}: ${f.evalue.split("\n")[0]}`);
      records = readClaimRecords(nb);
    } catch (e) {
      report.problems.push((e as Error).message);
    }
  }
  if (end.killedAtLimit) report.problems.push(`stopped after ${options.notebookTimeoutS} s (--notebook-timeout)`);
  else if (end.code !== 0 && report.problems.length === 0) report.problems.push(`replab run exited with ${end.code ?? end.signal}: ${telltaleLine(end.output)}`);
  const seen = new Set<string>();
  for (const r of records) {
    if (seen.has(r.id)) { report.problems.push(`claim id ${r.id} is recorded more than once`); continue; }
    seen.add(r.id);
    const { figure, ...claim } = r;
    if (figure) figures.set(r.id, figure);
    report.claims.push(claim);
  }
  report.status = notebookStatus(report);
  return { report, figures };
}

function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+/, "") || "claim";
}

/**
 * Draws each notebook's claim figures into `figures/<notebook>/<claim id>.png` (identical specs
 * once, the claims sharing the file), points the claims at them, and removes PNGs in those folders
 * that no claim uses any more. A figure that cannot be drawn becomes a problem of its notebook.
 */
async function drawFigures(runs: NotebookRun[], options: ReportOptions, open: () => Promise<FigureRenderer>): Promise<void> {
  let renderer: FigureRenderer | null = null;
  try {
    for (const { report, figures } of runs) {
      const dir = path.join(options.figures, report.notebook.replace(/\.ipynb$/, ""));
      const written = new Map<string, string>();
      for (const claim of report.claims) {
        const spec = figures.get(claim.id);
        if (!spec) continue;
        const key = figureKey(spec);
        let file = written.get(key);
        if (file === undefined) {
          file = path.join(dir, `${safeName(claim.id)}.png`);
          try {
            renderer ??= await open();
            const png = await renderer.render(spec, { width: 600, height: 360 });
            fs.mkdirSync(dir, { recursive: true });
            fs.writeFileSync(file, png);
            written.set(key, file);
          } catch (e) {
            report.problems.push(`figure of claim ${claim.id} not drawn: ${(e as Error).message}`);
            continue;
          }
        }
        claim.figureFile = posixRelative(path.dirname(options.out), file);
      }
      const keep = new Set(written.values());
      if (fs.existsSync(dir)) {
        for (const f of fs.readdirSync(dir)) if (f.endsWith(".png") && !keep.has(path.join(dir, f))) fs.rmSync(path.join(dir, f));
      }
    }
  } finally {
    await renderer?.close();
  }
}

function verdictCounts(reports: readonly NotebookReport[]): string {
  const claims = reports.flatMap((r) => r.claims);
  const n = verdictTally(claims);
  return `${claims.length} claim${claims.length === 1 ? "" : "s"}: ${n.holds} hold, ${n.partly} partly, ${n["does-not"]} do not`;
}

/** `replab report [--out FILE] [--figures DIR] [--only NAME,…] [--jobs N] [--check]`: see {@link REPORT_USAGE}. */
export async function reportCommand(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) { console.log(REPORT_USAGE); return 0; }
  const parsed = parseCommandLine("report", argv, { options: ["out", "figures", "only", "jobs", "notebooks", "timeout", "notebook-timeout"], flags: ["check"] }, REPORT_USAGE);
  if (!parsed) return 2;
  const given = parsed.options;
  let options: ReportOptions;
  try {
    if (parsed.positional.length > 0) throw new Error(`replab report: unexpected argument ${JSON.stringify(parsed.positional[0])}; name notebooks with --only NAME,…`);
    const out = path.resolve(given.out ?? "REPLICATIONS.md");
    options = {
      out,
      notebooksDir: path.resolve(given.notebooks ?? "notebooks"),
      figures: path.resolve(given.figures ?? path.join(path.dirname(out), "docs", "figures")),
      jobs: given.jobs !== undefined ? Math.floor(positiveOption("report", "jobs", given.jobs, 2)) : 1,
      cellTimeoutS: given.timeout !== undefined ? positiveOption("report", "timeout", given.timeout, 600) : 600,
      notebookTimeoutS: given["notebook-timeout"] !== undefined ? positiveOption("report", "notebook-timeout", given["notebook-timeout"], 1800) : 1800,
    };
    if (!fs.existsSync(options.notebooksDir) || !fs.statSync(options.notebooksDir).isDirectory()) {
      throw new Error(`replab report: --notebooks ${JSON.stringify(options.notebooksDir)} is not a folder; run replab report in the repository root or pass --notebooks DIR`);
    }
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${REPORT_USAGE}`);
    return 2;
  }
  const check = parsed.flags.has("check");
  const all = replicationNotebooks(options.notebooksDir);
  let names = all;
  if (given.only !== undefined) {
    const wanted = given.only.split(",").map((s) => s.trim()).filter((s) => s !== "").map((s) => (s.endsWith(".ipynb") ? s : `${s}.ipynb`));
    const unknown = wanted.filter((w) => !all.includes(w));
    if (wanted.length === 0 || unknown.length > 0) {
      console.error(`replab report: --only ${JSON.stringify(given.only)} names ${unknown.length > 0 ? `no replication notebook ${unknown.join(", ")}` : "no notebook"}; ` +
        `the notebooks are: ${all.map((n) => n.replace(/\.ipynb$/, "")).join(", ")}`);
      return 2;
    }
    names = all.filter((n) => wanted.includes(n));
  }
  if (names.length === 0) { console.error(`replab report: no replication notebooks in ${options.notebooksDir}`); return 1; }
  let page: NotebookReport[] = [];
  if (check || given.only !== undefined) {
    if (fs.existsSync(options.out)) {
      try { page = readReplicationsPage(fs.readFileSync(options.out, "utf8"), options.out); } catch (e) { console.error(`replab report: ${(e as Error).message}`); return 1; }
    } else if (check) {
      console.error(`replab report --check: there is no ${options.out} to compare with; write it first with replab report`);
      return 1;
    }
  }
  if (!check) {
    try { chromiumExecutable(); } catch (e) { console.error(`replab report: ${(e as Error).message}`); return 1; }
  }

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-report-"));
  let runs: NotebookRun[];
  try {
    runs = await inParallel(names, options.jobs, (name) => {
      process.stderr.write(`replab report: ${name}: running\n`);
      return runOne(name, options, workDir);
    }, ({ report: r }) => {
      const what = r.status === "ok" ? verdictCounts([r]) : r.status === "no-claims" ? "no claims recorded" : `FAILED (${r.problems.join("; ")})`;
      process.stderr.write(`replab report: ${r.notebook}: ${what}, ${r.seconds.toFixed(1)} s\n`);
    });
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  const fresh = runs.map((r) => r.report);
  let bad = fresh.filter((r) => r.status !== "ok");

  if (check) {
    const diffs = verdictDifferences(page, fresh);
    if (given.only === undefined) for (const p of page) if (!names.includes(p.notebook)) diffs.push(`${p.notebook}: on the page but not a notebook in ${options.notebooksDir}`);
    for (const d of diffs) process.stderr.write(`replab report --check: ${d}\n`);
    for (const r of bad) process.stderr.write(`replab report --check: ${r.notebook}: ${r.status === "failed" ? `failed (${r.problems.join("; ")})` : "recorded no claims"}\n`);
    if (diffs.length === 0 && bad.length === 0) process.stderr.write(`replab report --check: the verdicts of ${fresh.length} notebook${fresh.length === 1 ? "" : "s"} (${verdictCounts(fresh)}) match ${options.out}\n`);
    return diffs.length === 0 && bad.length === 0 ? 0 : 1;
  }

  await drawFigures(runs, options, () => openFigureRenderer());
  for (const r of fresh) r.status = notebookStatus(r); // a figure not drawn is a problem of its notebook
  bad = fresh.filter((r) => r.status !== "ok");
  const kept = page.filter((p) => !names.includes(p.notebook) && all.includes(p.notebook));
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(options.out, replicationsPage([...kept, ...fresh]));
  process.stderr.write(`replab report: wrote ${options.out} (${fresh.length} notebook${fresh.length === 1 ? "" : "s"} run, ${verdictCounts(fresh)}; figures in ${options.figures})` +
    `${bad.length > 0 ? `; ${bad.length} notebook${bad.length === 1 ? "" : "s"} failed or recorded no claims: ${bad.map((r) => r.notebook).join(", ")}` : ""}\n`);
  return bad.length > 0 ? 1 : 0;
}
