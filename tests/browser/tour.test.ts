/**
 * The real-browser test (issue 2): the classic Notebook server (Debian's jupyter-notebook) with the
 * replab kernelspec installed into a temporary JUPYTER_PATH, driven by Debian's Chromium through
 * playwright-core. It opens notebooks/00-tour.ipynb, runs every cell, and looks for the rendered
 * Plotly SVG, the HTML tables, the tensor heatmap and the two deliberate errors. Every request to a
 * host other than localhost is blocked and recorded, and the test fails if any was attempted.
 * A screenshot goes to test-artifacts/tour.png (git-ignored; CI keeps it).
 *
 * Needs `npx tsc -p tsconfig.json` first (the kernelspec runs dist/kernel/cli.js) and the replab
 * kernel over ZeroMQ (`replab kernel CONNECTION_FILE`). Nothing here is mocked.
 */
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, freePort, isLocal, startServer, waitFor as waitForServer, type JupyterServer } from "./browser-helpers.js";

const root = path.resolve(import.meta.dirname, "../..");
const cli = path.join(root, "dist/kernel/cli.js");
const artifacts = path.join(root, "test-artifacts");

let tmp = "";
let server: JupyterServer | null = null;
let browser: Browser | null = null;
let page: Page | null = null;
let port = 0;
const blocked: string[] = [];
const dialogs: string[] = [];
const pageErrors: string[] = [];

const waitFor = <T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>) => waitForServer(what, timeoutMs, probe, server);

/** Starts the Notebook server and the browser (inside the test, so a failure here fails the test by name). */
async function setUp(): Promise<void> {
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: build first with \`npx tsc -p tsconfig.json\``);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "replab-browser-"));
  const nbDir = path.join(tmp, "notebooks");
  fs.mkdirSync(nbDir);
  fs.copyFileSync(path.join(root, "notebooks/00-tour.ipynb"), path.join(nbDir, "00-tour.ipynb"));
  const prefix = path.join(tmp, "prefix");
  const install = spawnSync(process.execPath, [cli, "install", "--prefix", prefix], { encoding: "utf8" });
  if (install.status !== 0) throw new Error(`replab install --prefix failed (${install.status}):\n${install.stdout}\n${install.stderr}`);
  const jupyterPath = path.join(prefix, "share", "jupyter");
  if (!fs.existsSync(path.join(jupyterPath, "kernels", "replab", "kernel.json"))) {
    throw new Error(`replab install --prefix ${prefix} wrote no kernels/replab/kernel.json under ${jupyterPath}:\n${install.stdout}\n${install.stderr}`);
  }
  port = await freePort();
  const env = {
    ...process.env,
    JUPYTER_PATH: jupyterPath,
    JUPYTER_CONFIG_DIR: path.join(tmp, "config"),
    JUPYTER_DATA_DIR: path.join(tmp, "data"),
    JUPYTER_RUNTIME_DIR: path.join(tmp, "runtime"),
    IPYTHONDIR: path.join(tmp, "ipython"),
  };
  server = startServer(["-m", "notebook", "--no-browser", `--port=${port}`, "--port-retries=0", "--ip=127.0.0.1",
    "--NotebookApp.token=", "--NotebookApp.password=", `--notebook-dir=${nbDir}`, "--NotebookApp.open_browser=False"], { cwd: nbDir, env });
  await waitFor("the Notebook server to answer /api", 60_000, async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api`);
    return res.ok;
  });
  const specs = (await (await fetch(`http://127.0.0.1:${port}/api/kernelspecs`)).json()) as { kernelspecs: Record<string, unknown> };
  if (!("replab" in specs.kernelspecs)) throw new Error(`the Notebook server does not list the replab kernelspec; it has: ${Object.keys(specs.kernelspecs).join(", ")}`);

  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    blocked.push(url);
    return route.abort("blockedbyclient");
  });
  page = await context.newPage();
  page.on("websocket", (ws) => { if (!isLocal(ws.url())) blocked.push(ws.url()); });
  page.on("dialog", (d) => { dialogs.push(d.message()); void d.dismiss(); });
  page.on("pageerror", (e) => { pageErrors.push(e.message); });
}

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await server?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
}, 60_000);

describe("the tour in the classic Notebook, in headless Chromium, offline", () => {
  it("runs every cell and renders the Plotly SVG, the HTML tables and the heatmap, with no network", async () => {
    await setUp();
    const p = page!;
    await p.goto(`http://127.0.0.1:${port}/notebooks/00-tour.ipynb`, { waitUntil: "domcontentloaded" });
    await waitFor("the notebook to load", 60_000, () => p.evaluate(() => {
      const J = (window as unknown as { Jupyter?: { notebook?: { _fully_loaded?: boolean } } }).Jupyter;
      return J?.notebook?._fully_loaded === true;
    }));
    await waitFor("the replab kernel to start and connect (is `replab kernel CONNECTION_FILE` working?)", 90_000, () => p.evaluate(() => {
      const k = (window as unknown as { Jupyter: { notebook: { kernel?: { is_connected(): boolean; info_reply?: { status?: string } } } } }).Jupyter.notebook.kernel;
      return k !== undefined && k !== null && k.is_connected() && k.info_reply !== undefined && Object.keys(k.info_reply).length > 0;
    }));
    await p.evaluate(() => (window as unknown as { Jupyter: { notebook: { execute_all_cells(): void } } }).Jupyter.notebook.execute_all_cells());
    // done when every code cell has an execution count and the kernel is idle
    await waitFor("every cell to run", 150_000, () => p.evaluate(() => {
      const nb = (window as unknown as { Jupyter: { notebook: { get_cells(): Array<{ cell_type: string; input_prompt_number?: number | string | null }>; kernel: { _msg_callbacks?: object } } } }).Jupyter.notebook;
      const code = nb.get_cells().filter((c) => c.cell_type === "code");
      const busy = document.querySelector("#kernel_indicator_icon.kernel_busy_icon") !== null;
      return !busy && code.every((c) => typeof c.input_prompt_number === "number");
    }));
    const report = await p.evaluate(() => {
      const text = (sel: string) => Array.from(document.querySelectorAll(sel)).map((e) => (e as HTMLElement).innerText);
      return {
        plots: document.querySelectorAll(".replab-plotly").length,
        drawnPlots: Array.from(document.querySelectorAll(".js-plotly-plot")).filter((e) => e.querySelector(".main-svg") !== null).length,
        plotlyTraces: document.querySelectorAll(".js-plotly-plot .scatterlayer .trace, .js-plotly-plot .barlayer .trace").length,
        tables: text(".replab-table"),
        heatmaps: Array.from(document.querySelectorAll("img.replab-heatmap")).map((i) => (i as HTMLImageElement).naturalWidth),
        errors: text(".output_error"),
        progress: text(".replab-progress"),
        lastOutput: text(".cell:last-child .output_area").join("\n"),
        scripts: Array.from(document.querySelectorAll("script[src]")).map((s) => (s as HTMLScriptElement).src),
      };
    });
    fs.mkdirSync(artifacts, { recursive: true });
    // the classic Notebook scrolls inside #site: let it grow so the screenshot holds the whole notebook
    await p.evaluate(() => {
      for (const sel of ["html", "body", "#site"]) {
        const el = document.querySelector(sel) as HTMLElement | null;
        if (el) { el.style.height = "auto"; el.style.overflow = "visible"; }
      }
    });
    await p.screenshot({ path: path.join(artifacts, "tour.png"), fullPage: true });
    fs.writeFileSync(path.join(artifacts, "tour-report.json"), JSON.stringify({ ...report, blocked, dialogs, pageErrors }, null, 1));

    expect(blocked, `requests to non-localhost hosts were attempted:\n${blocked.join("\n")}`).toEqual([]);
    expect(report.scripts.filter((s) => !isLocal(s))).toEqual([]);
    expect(report.errors.length, `cells failed that should not have:\n${report.errors.join("\n---\n")}`).toBe(2);
    expect(report.plots).toBe(2);
    expect(report.drawnPlots).toBe(2);
    expect(report.plotlyTraces).toBe(4);
    expect(report.tables.some((t) => t.startsWith("arquero table: 50 rows × 3 columns") && t.includes("<script>alert('not run')</script>") && t.includes("… 30 more rows"))).toBe(true);
    expect(report.tables.some((t) => t.startsWith("danfo DataFrame: 2 rows × 4 columns"))).toBe(true);
    expect(dialogs, "a <script> in a table cell ran").toEqual([]);
    expect(report.heatmaps.length).toBe(1);
    expect(report.heatmaps[0]).toBeGreaterThan(0); // the PNG decoded
    expect(report.progress.some((t) => t.includes("40/40 100%"))).toBe(true);
    expect(report.errors).toHaveLength(2);
    expect(report.errors[0]).toMatch(/Type 'string' is not assignable to type 'number'/);
    expect(report.errors[1]).toMatch(/ReplabError: asTable: x=42 is not a table/);
    expect(report.lastOutput).toContain("✓ the summary has two phases of 25 steps");

    // Save, reload without running anything: the saved outputs (plotly.js only in the first
    // figure, the second waiting for it) must draw both figures again.
    await p.evaluate(() => (window as unknown as { Jupyter: { notebook: { save_notebook(): Promise<unknown> } } }).Jupyter.notebook.save_notebook());
    await waitFor("the saved notebook to hold the figures' outputs", 30_000, async () => {
      const saved = (await (await fetch(`http://127.0.0.1:${port}/api/contents/00-tour.ipynb`)).json()) as { content: { cells: Array<{ outputs?: Array<{ data?: Record<string, unknown> }> }> } };
      return saved.content.cells.filter((c) => c.outputs?.some((o) => o.data?.["application/vnd.plotly.v1+json"] !== undefined)).length === 2;
    });
    await p.reload({ waitUntil: "domcontentloaded" });
    await waitFor("the saved notebook to load", 60_000, () => p.evaluate(() => {
      const J = (window as unknown as { Jupyter?: { notebook?: { _fully_loaded?: boolean } } }).Jupyter;
      return J?.notebook?._fully_loaded === true;
    }));
    const drawnAgain = await waitFor("both saved figures to draw again after reopening", 60_000, () => p.evaluate(() => {
      const n = Array.from(document.querySelectorAll(".js-plotly-plot")).filter((e) => e.querySelector(".main-svg") !== null).length;
      return n === 2 ? n : null;
    }));
    expect(drawnAgain).toBe(2);
    expect(blocked, `requests to non-localhost hosts were attempted after reopening:\n${blocked.join("\n")}`).toEqual([]);
  }, 300_000);
});
