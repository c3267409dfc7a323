import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM_ARGS, DEFAULT_CHROMIUM, PLOTLY_MIME } from "../../kernel/notebook/static-figures.js";
import { CLI, PYTHON, notebookText, requireBuilt, runProcess } from "../kernel/helpers.js";

// `replab run --static-figures` as a user runs it, then the executed notebook as viewers without
// a kernel show it: Jupyter's own nbconvert (what nbviewer uses; it prefers text/html to
// image/png) writes the HTML page, and Chromium with JavaScript off (as GitHub shows notebooks)
// must show each figure as an image.

const NOTEBOOK = notebookText([
  { src: "# Figures", markdown: true },
  { src: 'import { figure } from "replab/plots";\nconst f = figure({ data: [{ type: "scatter", x: [1, 2, 3], y: [2, 1, 3] }], layout: { height: 300 } });\ndisplay(f);\nf' },
  { src: 'figure({ data: [{ type: "bar", x: ["a", "b"], y: [1, 2] }] })' },
]);

interface Out { output_type: string; data?: Record<string, unknown> }

describe("replab run --static-figures", () => {
  let dir = "";
  let browser: Browser;
  beforeAll(async () => {
    requireBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-static-"));
    browser = await chromium.launch({ executablePath: DEFAULT_CHROMIUM, args: CHROMIUM_ARGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("adds a PNG to every figure's bundle, which nbconvert's HTML shows without scripts", async () => {
    const file = path.join(dir, "figures.ipynb");
    fs.writeFileSync(file, NOTEBOOK);
    const r = await runProcess(process.execPath, [CLI, "run", file, "--static-figures"], { cwd: dir, timeoutMs: 180_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/3 figures with a static PNG/);
    const nb = JSON.parse(fs.readFileSync(file, "utf8")) as { cells: Array<{ outputs?: Out[] }> };
    const figures = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.data?.[PLOTLY_MIME] !== undefined);
    expect(figures).toHaveLength(3);
    for (const o of figures) {
      const png = Buffer.from(o.data!["image/png"] as string, "base64");
      expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    }
    const first = Buffer.from(figures[0]!.data!["image/png"] as string, "base64");
    expect([first.readUInt32BE(16), first.readUInt32BE(20)]).toEqual([700, 300]); // the figure's own height

    const conv = await runProcess(PYTHON, ["-m", "nbconvert", "--to", "html", "--output-dir", dir, file], { cwd: dir, timeoutMs: 120_000 });
    expect(conv.code, conv.stderr).toBe(0);
    const html = fs.readFileSync(path.join(dir, "figures.html"), "utf8");
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route("**/*", (route) => (/^(data|blob|about|file):/.test(route.request().url()) ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: "load" });
    const widths = await page.evaluate(() => Array.from(document.querySelectorAll("img.replab-static-figure")).map((i) => (i as HTMLImageElement).naturalWidth));
    expect(widths).toEqual([700, 700, 700]);
    await context.close();
  }, 240_000);

  it("says how to install Chromium when it is missing, before running any cell", async () => {
    const file = path.join(dir, "again.ipynb");
    fs.writeFileSync(file, NOTEBOOK);
    const r = await runProcess(process.execPath, [CLI, "run", file, "--static-figures"], { cwd: dir, env: { ...process.env, REPLAB_CHROMIUM: path.join(dir, "none") }, timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/REPLAB_CHROMIUM=".*none" does not exist; install Debian's Chromium with `sudo apt-get install chromium`/);
    expect(r.stderr).not.toMatch(/cell 1/);
    expect(fs.readFileSync(file, "utf8")).toBe(NOTEBOOK);
  }, 90_000);
});
