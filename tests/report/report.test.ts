import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claim } from "../../lib/claims/index.js";
import { readReplicationsPage, replicationsPage, verdictDifferences, type NotebookReport } from "../../kernel/notebook/replications-page.js";
import { CLI, notebookText, requireBuilt, runProcess } from "../kernel/helpers.js";

// `replab report` as a user runs it (the built CLI in a child process) on small fixture notebooks
// written here: two claims sharing one figure, a notebook that records a claim and then fails,
// one that records none, and a tour that must not run. The real replication notebooks are run
// by tests/notebooks/.

const FIGURE = 'const fig = figure({ data: [{ type: "scatter", mode: "markers", x: [1, 2, 3, 4, 5], y: [0.1, 0.12, 0.11, 0.09, 0.13] }], layout: { title: { text: "per seed" } } });';
// a paper the kl-direction notebook cites; the value is made up for the fixture
const PAPER = '{ title: "The Choice of Divergence", arxiv: "2509.07430", value: "+0.1 pass@k" }';

const TWO_CLAIMS = notebookText([
  { src: "const SEEDS = [1, 2, 3, 4, 5];", tags: ["parameters"] },
  { src: "# Two claims\n\nWe call the first replicated when its 95% interval lies above 0.02.", markdown: true },
  { src: `import { claim } from "replab/claims";\nimport { figure } from "replab/plots";\n${FIGURE}` },
  {
    src: `display(claim({ id: "a-beats-b", statement: "a beats b by more than 0.02 | on every seed", statistic: "acc(a) − acc(b)", paper: ${PAPER},\n` +
      "  seeds: SEEDS, values: [0.1, 0.12, 0.11, 0.09, 0.13], margin: { above: 0.02 }, figure: fig }));\n" +
      'claim({ id: "c-beats-d", statement: "c beats d --> sometimes", statistic: "acc(c) − acc(d)", paper: { title: "A paper without arXiv id" },\n' +
      "  seeds: SEEDS, values: [0.3, -0.2, 0.1, 0.05, 0.0], margin: { above: 0 }, figure: fig })",
  },
]);

const FAILS = notebookText([
  { src: "const SEEDS = [7, 8, 9];", tags: ["parameters"] },
  {
    src: 'import { claim } from "replab/claims";\nimport { figure } from "replab/plots";\n' +
      'claim({ id: "e-below", statement: "e stays below 1", statistic: "e", seeds: SEEDS, values: [0.2, 0.3, 0.25], margin: { below: 1 },\n' +
      '  figure: figure({ data: [{ type: "bar", x: ["a", "b"], y: [1, 2] }] }) })',
  },
  { src: 'throw new Error("boom after the claim");' },
]);

const NO_CLAIMS = notebookText([{ src: "const SEEDS = [1, 2];", tags: ["parameters"] }, { src: "1 + 1" }]);
const TOUR = notebookText([{ src: 'throw new Error("the tour is not a replication and must not run");' }]);

interface Run { code: number | null; stdout: string; stderr: string }

describe("replab report", () => {
  let dir = "";
  let nbDir = "";
  const report = (args: string[]): Promise<Run> => runProcess(process.execPath, [CLI, "report", "--notebooks", nbDir, ...args], { cwd: dir, timeoutMs: 300_000 });
  const page = () => fs.readFileSync(path.join(dir, "REPLICATIONS.md"), "utf8");

  beforeAll(() => {
    requireBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-report-"));
    nbDir = path.join(dir, "notebooks");
    fs.mkdirSync(path.join(nbDir, "labs"), { recursive: true });
    fs.writeFileSync(path.join(nbDir, "two-claims.ipynb"), TWO_CLAIMS);
    fs.writeFileSync(path.join(nbDir, "00-tour.ipynb"), TOUR);
    fs.writeFileSync(path.join(nbDir, "labs", "lab.ipynb"), TOUR);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("runs the replication notebooks (not the tour or labs) and writes the page, its embedded records and one PNG per distinct figure", async () => {
    const before = fs.readFileSync(path.join(nbDir, "two-claims.ipynb"), "utf8");
    const r = await report([]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/replab report: two-claims\.ipynb: running/);
    expect(r.stderr).toMatch(/replab report: two-claims\.ipynb: 2 claims: 1 hold, 1 partly, 0 do not, \d+\.\d s/);
    expect(r.stderr).not.toMatch(/00-tour|lab\.ipynb/);
    expect(fs.readFileSync(path.join(nbDir, "two-claims.ipynb"), "utf8")).toBe(before); // the notebook itself is not changed

    const text = page();
    expect(text).toMatch(/^# Replications\n/);
    expect(text).toContain("| [two-claims](#two-claims) | ran | 2 | 1 | 1 | 0 |");
    expect(text).toContain("## two-claims\n\n**Two claims**\n\n[notebook](notebooks/two-claims.ipynb) · run time ");
    expect(text).toContain("seeds 1, 2, 3, 4, 5");
    expect(text).toContain("Paper: [The Choice of Divergence](https://arxiv.org/abs/2509.07430) (arXiv 2509.07430)");
    expect(text).toContain("Paper: A paper without arXiv id");
    // mean 0.11, t interval (scipy.stats.t.interval(0.95, 4, loc=0.11, scale=sem(values))) = (0.0903675…, 0.1296324…)
    expect(text).toContain("| `a-beats-b` a beats b by more than 0.02 \\| on every seed<br>*acc(a) − acc(b)* | +0.1 pass@k | 0.110 [0.0904, 0.130] | > 0.0200 | ✅ holds |");
    expect(text).toMatch(/\| `c-beats-d` c beats d --> sometimes<br>\*acc\(c\) − acc\(d\)\* \| — \| 0\.0500 \[-0\.\d+, 0\.\d+\] \| > 0\.00 \| 🟡 partly \|/);
    // the two claims share one figure: drawn once, linked once, named after the first claim
    expect(fs.readdirSync(path.join(dir, "docs", "figures", "two-claims"))).toEqual(["a-beats-b.png"]);
    expect(text).toContain("![figure of claims a-beats-b, c-beats-d](docs/figures/two-claims/a-beats-b.png)");
    const png = fs.readFileSync(path.join(dir, "docs", "figures", "two-claims", "a-beats-b.png"));
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([600, 360]);

    // the embedded records read back as the claims claim() computes
    const [nb] = readReplicationsPage(text);
    expect(nb).toMatchObject({ notebook: "two-claims.ipynb", status: "ok", title: "Two claims", problems: [] });
    const expected = claim({ id: "a-beats-b", statement: "x", statistic: "x", seeds: [1, 2, 3, 4, 5], values: [0.1, 0.12, 0.11, 0.09, 0.13], margin: { above: 0.02 } });
    expect(nb!.claims.map((c) => [c.id, c.verdict])).toEqual([["a-beats-b", "holds"], ["c-beats-d", "partly"]]);
    expect(nb!.claims[0]!.low).toBeCloseTo(expected.low, 12);
    expect(nb!.claims[0]!.high).toBeCloseTo(expected.high, 12);
    expect(nb!.claims[1]!.statement).toBe("c beats d --> sometimes");
    // no "--" inside a comment (it would end it early in some parsers)
    for (const m of text.matchAll(/<!--(.*?)-->/g)) expect(m[1]).not.toContain("--");
  }, 320_000);

  it("--check passes on the page it wrote and names each claim whose verdict differs", async () => {
    const ok = await report(["--check"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/--check: the verdicts of 1 notebook \(2 claims: 1 hold, 1 partly, 0 do not\) match/);
    const text = page();
    const changed = text.replace(/("id":"c-beats-d".*?"verdict":)"partly"/, '$1"holds"');
    expect(changed).not.toBe(text);
    fs.writeFileSync(path.join(dir, "REPLICATIONS.md"), changed);
    const bad = await report(["--check"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("replab report --check: two-claims.ipynb: claim c-beats-d partly now, holds on the page");
    expect(page()).toBe(changed); // --check writes nothing
    fs.writeFileSync(path.join(dir, "REPLICATIONS.md"), text);
  }, 320_000);

  it("shows a failing notebook and one without claims on the page, keeps the others' entries with --only, and exits 1", async () => {
    fs.writeFileSync(path.join(nbDir, "fails.ipynb"), FAILS);
    fs.writeFileSync(path.join(nbDir, "no-claims.ipynb"), NO_CLAIMS);
    const r = await report(["--only", "fails,no-claims.ipynb", "--jobs", "2"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/fails\.ipynb: FAILED \(cell 3 failed: Error: boom after the claim\)/);
    expect(r.stderr).toMatch(/no-claims\.ipynb: no claims recorded/);
    const text = page();
    const entries = readReplicationsPage(text);
    expect(entries.map((e) => [e.notebook, e.status])).toEqual([["fails.ipynb", "failed"], ["no-claims.ipynb", "no-claims"], ["two-claims.ipynb", "ok"]]);
    expect(entries[0]!.claims.map((c) => [c.id, c.verdict, c.seeds])).toEqual([["e-below", "holds", [7, 8, 9]]]);
    expect(text).toContain("**The notebook failed.** cell 3 failed: Error: boom after the claim");
    expect(text).toContain("**The notebook recorded no claim**");
    expect(text).toContain("| [fails](#fails) | **failed** | 1 | 1 | 0 | 0 |");
    expect(text).toContain("![figure of claim e-below](docs/figures/fails/e-below.png)");
    expect(fs.existsSync(path.join(dir, "docs", "figures", "two-claims", "a-beats-b.png"))).toBe(true);
  }, 320_000);

  it("refuses bad command lines, naming the argument and the notebooks there are", async () => {
    const unknown = await report(["--only", "nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--only "nope" names no replication notebook nope.ipynb; the notebooks are: fails, no-claims, two-claims');
    const jobs = await report(["--jobs", "0"]);
    expect(jobs.code).toBe(2);
    expect(jobs.stderr).toContain('--jobs "0" is not a positive number');
    const noPage = await runProcess(process.execPath, [CLI, "report", "--notebooks", nbDir, "--check", "--out", path.join(dir, "none.md")], { cwd: dir });
    expect(noPage.code).toBe(1);
    expect(noPage.stderr).toMatch(/there is no .*none\.md to compare with/);
    const noChromium = await runProcess(process.execPath, [CLI, "report", "--notebooks", nbDir, "--out", path.join(dir, "x.md")], { cwd: dir, env: { ...process.env, REPLAB_CHROMIUM: path.join(dir, "no-chromium") } });
    expect(noChromium.code).toBe(1);
    expect(noChromium.stderr).toMatch(/REPLAB_CHROMIUM=".*no-chromium" does not exist; install Debian's Chromium with `sudo apt-get install chromium`/);
  }, 120_000);
});

describe("the page's records", () => {
  const base: NotebookReport = { notebook: "a.ipynb", link: "notebooks/a.ipynb", title: "A", status: "ok", seconds: 1.5, ran: "2025-01-01T00:00:00.000Z", problems: [], claims: [] };
  const c = (id: string, verdict: "holds" | "partly" | "does-not") => ({
    id, statement: "s <!-- x --> y", statistic: "t", seeds: [1, 2], values: [1, 2], mean: 1.5, low: 0, high: 3, level: 0.95, method: "m", margin: { above: 0 }, verdict,
  });

  it("read back exactly what was written, whatever the text holds", () => {
    const reports = [{ ...base, claims: [c("x", "holds"), c("y--z", "partly")] }, { ...base, notebook: "b.ipynb", status: "failed" as const, problems: ["cell 2 failed: Error: a | b"] }];
    expect(readReplicationsPage(replicationsPage(reports))).toEqual(reports);
  });

  it("shows a statistic written with brackets as text, not as a Markdown link", () => {
    const claim = { ...c("x", "holds"), statistic: "[acc_int4 − acc](GradDiff) − [acc_int4 − acc](retrain)" };
    const page = replicationsPage([{ ...base, claims: [claim] }]);
    expect(page).toContain("\\[acc_int4 − acc\\](GradDiff) − \\[acc_int4 − acc\\](retrain)");
    expect(readReplicationsPage(page)[0]!.claims[0]!.statistic).toBe(claim.statistic);
  });

  it("differences: a changed verdict, a new claim, a claim gone, a notebook not on the page", () => {
    const pageClaims = [{ notebook: "a.ipynb", claims: [c("x", "holds"), c("gone", "holds")] }];
    const fresh = [{ notebook: "a.ipynb", claims: [c("x", "partly"), c("new", "does-not")] }, { notebook: "b.ipynb", claims: [] }];
    expect(verdictDifferences(pageClaims, fresh)).toEqual([
      "a.ipynb: claim x partly now, holds on the page",
      "a.ipynb: claim new is new (does-not); the page does not have it",
      "a.ipynb: claim gone (holds on the page) was not recorded by the run",
      "b.ipynb: not on the page",
    ]);
    expect(verdictDifferences(pageClaims, [{ notebook: "a.ipynb", claims: [c("x", "holds"), c("gone", "holds")] }])).toEqual([]);
  });
});
