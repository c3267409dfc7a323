/**
 * JupyterLab's own parts, for real: Debian's Jupyter server (python3-jupyter-server) with the
 * replab kernelspec in a temporary JUPYTER_PATH; a page bundled here with esbuild from JupyterLab's
 * npm packages — @jupyterlab/services starts a replab session through the server's REST API and
 * websocket, @jupyterlab/outputarea holds each cell's outputs and @jupyterlab/rendermime renders
 * them with JupyterLab's standard renderers plus jupyterlab-plotly's renderer for Plotly figures
 * (tests/browser/jupyterlab/page.ts) — in headless Chromium (Debian's, through playwright-core).
 * Every code cell of the tour runs; the test fails when any output falls back to plain text while
 * it holds a richer MIME type, when one renders nothing, or when a Plotly figure is not drawn by
 * the Plotly renderer. Requests that would leave the machine are blocked and fail the test. The
 * screenshot and the per-output report go to test-artifacts/ (jupyterlab-tour.png / .json).
 */
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, freePort, isLocal, startServer, waitFor, type JupyterServer } from "./browser-helpers.js";

const root = path.resolve(import.meta.dirname, "../..");
const cli = path.join(root, "dist/kernel/cli.js");
const artifacts = path.join(root, "test-artifacts");
const pageDir = path.join(import.meta.dirname, "jupyterlab");

interface OutputReport { mimes: string[]; rendered: string | null; text: string; graphics: number; plotlyDrawn: boolean }

/** JupyterLab's packages as JupyterLab itself loads them: one copy of Lumino shared by every extension. */
async function bundlePage(outDir: string): Promise<void> {
  const lumino = (name: string) => path.join(root, "node_modules", "@lumino", name);
  await build({
    entryPoints: [path.join(pageDir, "page.ts")],
    bundle: true,
    outdir: outDir,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    loader: { ".svg": "text", ".woff": "dataurl", ".woff2": "dataurl", ".ttf": "dataurl", ".eot": "dataurl", ".png": "dataurl", ".gif": "dataurl" },
    define: { "process.env.NODE_ENV": '"production"', global: "window" },
    alias: { "@lumino/widgets": lumino("widgets"), "@lumino/messaging": lumino("messaging") },
    // webpack's `~package/...` in JupyterLab's CSS imports
    plugins: [{ name: "tilde", setup(b) { b.onResolve({ filter: /^~/ }, (a) => b.resolve(a.path.slice(1), { kind: a.kind, resolveDir: a.resolveDir })); } }],
    logLevel: "warning",
  });
  fs.copyFileSync(path.join(pageDir, "page.html"), path.join(outDir, "page.html"));
}

let tmp = "";
let server: JupyterServer | null = null;
let browser: Browser | null = null;

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await server?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
}, 60_000);

describe("the tour through JupyterLab's services and renderers, in headless Chromium, offline", () => {
  it("renders every output with JupyterLab's renderers (Plotly through jupyterlab-plotly), none as a plain-text fallback or empty", async () => {
    if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: build first with \`npx tsc -p tsconfig.json\``);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "replab-jupyterlab-"));
    const staticDir = path.join(tmp, "static");
    const notebookDir = path.join(tmp, "notebooks");
    fs.mkdirSync(notebookDir);
    fs.copyFileSync(path.join(root, "notebooks/00-tour.ipynb"), path.join(notebookDir, "00-tour.ipynb"));
    await bundlePage(staticDir);
    const prefix = path.join(tmp, "prefix");
    const install = spawnSync(process.execPath, [cli, "install", "--prefix", prefix], { encoding: "utf8" });
    if (install.status !== 0) throw new Error(`replab install --prefix failed (${install.status}):\n${install.stdout}\n${install.stderr}`);
    const token = randomUUID();
    const port = await freePort();
    const env = {
      ...process.env,
      JUPYTER_PATH: path.join(prefix, "share", "jupyter"),
      JUPYTER_CONFIG_DIR: path.join(tmp, "config"),
      JUPYTER_DATA_DIR: path.join(tmp, "data"),
      JUPYTER_RUNTIME_DIR: path.join(tmp, "runtime"),
    };
    // The page is served by the Jupyter server itself (extra_static_paths), so it talks to it same-origin.
    server = startServer(["-m", "jupyter_server", "--no-browser", `--port=${port}`, "--port-retries=0", "--ip=127.0.0.1",
      `--ServerApp.token=${token}`, "--ServerApp.password=", `--ServerApp.root_dir=${notebookDir}`,
      `--ServerApp.extra_static_paths=${JSON.stringify([staticDir])}`], { cwd: notebookDir, env });
    const url = `http://127.0.0.1:${port}`;
    await waitFor("the Jupyter server to answer /api", 60_000, async () => (await fetch(`${url}/api?token=${token}`)).ok, server);
    const specs = (await (await fetch(`${url}/api/kernelspecs?token=${token}`)).json()) as { kernelspecs: Record<string, unknown> };
    expect(Object.keys(specs.kernelspecs)).toContain("replab");

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const blocked: string[] = [];
    const pageErrors: string[] = [];
    await context.route("**/*", (route) => {
      const u = route.request().url();
      if (isLocal(u)) return route.continue();
      blocked.push(u);
      return route.abort("blockedbyclient");
    });
    const page = await context.newPage();
    page.on("websocket", (ws) => { if (!isLocal(ws.url())) blocked.push(ws.url()); });
    page.on("pageerror", (e) => { pageErrors.push(e.message); });
    await page.goto(`${url}/static/page.html?token=${token}`, { waitUntil: "load" });
    await waitFor("the test page's script", 60_000, () => page.evaluate(() => (window as unknown as { pageReady?: boolean }).pageReady === true), server);

    const nb = JSON.parse(fs.readFileSync(path.join(notebookDir, "00-tour.ipynb"), "utf8")) as { cells: Array<{ cell_type: string; source: string | string[] }> };
    const cells = nb.cells.filter((c) => c.cell_type === "code").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source)).filter((s) => s.trim() !== "");
    const report = await page.evaluate(([c]) => (window as unknown as { runCells(cells: string[], p: string): Promise<{ kernel: string; cells: OutputReport[][] }> }).runCells(c, "00-tour.ipynb"), [cells] as const);

    fs.mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, "jupyterlab-tour.png"), fullPage: true });
    fs.writeFileSync(path.join(artifacts, "jupyterlab-tour.json"), JSON.stringify({ ...report, blocked, pageErrors }, null, 1));

    expect(blocked, `requests to non-localhost hosts were attempted:\n${blocked.join("\n")}`).toEqual([]);
    expect(report.kernel).toBe("replab");
    expect(report.cells).toHaveLength(cells.length);
    const plain = (m: string) => m === "text/plain" || m.startsWith("application/vnd.jupyter.std") || m === "application/vnd.jupyter.error";
    const problems: string[] = [];
    report.cells.forEach((outs, i) => outs.forEach((o, j) => {
      const where = `cell ${i + 1} output ${j + 1} (${o.mimes.join(", ")})`;
      if (o.rendered === null) problems.push(`${where}: no renderer drew it`);
      else if (o.rendered === "text/plain" && o.mimes.some((m) => !plain(m))) problems.push(`${where}: fell back to text/plain`);
      else if (o.text.trim() === "" && o.graphics === 0) problems.push(`${where}: rendered nothing`);
    }));
    expect(problems, `page errors: ${pageErrors.join(" | ")}`).toEqual([]);
    const figures = report.cells.flat().filter((o) => o.mimes.includes("application/vnd.plotly.v1+json"));
    expect(figures).toHaveLength(2);
    for (const f of figures) expect([f.rendered, f.plotlyDrawn]).toEqual(["application/vnd.plotly.v1+json", true]);
    const rendered = new Set(report.cells.flat().map((o) => o.rendered));
    for (const mime of ["text/html", "text/markdown", "application/vnd.jupyter.stderr"]) expect(rendered).toContain(mime);
    // the tour's two deliberate errors (a type error and a ReplabError) show as errors
    const errors = report.cells.flat().filter((o) => o.mimes.includes("application/vnd.jupyter.error"));
    expect(errors.map((e) => e.text.split("\n")[0])).toEqual([expect.stringMatching(/^TSError: .*Type 'string' is not assignable to type 'number'/), expect.stringMatching(/^ReplabError: asTable: x=42 is not a table/)]);
  }, 300_000);
});
