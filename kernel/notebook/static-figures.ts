import fs from "node:fs";
import { createHash } from "node:crypto";
import { ReplabError } from "../../lib/core/errors.js";
import { plotlySource } from "../../lib/display/index.js";
import type { Notebook } from "./nbformat.js";

/**
 * Static PNGs of Plotly figures, drawn by the plotly.js replab ships (`Plotly.toImage`) in
 * headless Chromium (Debian's, driven by playwright-core; every request off the page is refused,
 * so nothing is fetched). `replab report` writes them under docs/figures/; `replab run
 * --static-figures` adds them to each figure's output, so viewers that run no scripts (GitHub,
 * nbviewer, PDF exports) still show the figure.
 */

/** The MIME type of a Plotly figure in a notebook's outputs. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** Where Chromium is looked for when REPLAB_CHROMIUM does not name one (Debian's package `chromium`). */
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

/** Flags for headless Chromium: no GPU, no sandbox (containers, CI), no background traffic. */
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** A Plotly spec as stored in a notebook output or a claim record. */
export interface PlotlyFigureSpec {
  data: unknown[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/** Pixel size of a rendered figure. */
export interface FigureSize {
  width: number;
  height: number;
}

/** One Chromium page that turns Plotly specs into PNGs; close it when done. */
export interface FigureRenderer {
  /** The PNG of one figure at `size` (the spec's own layout width and height are overridden). */
  render(spec: PlotlyFigureSpec, size: FigureSize): Promise<Buffer>;
  close(): Promise<void>;
}

/** Options of {@link openFigureRenderer}. */
export interface FigureRendererOptions {
  /** Chromium's executable; default REPLAB_CHROMIUM, else /usr/bin/chromium. */
  chromium?: string;
}

/**
 * The Chromium to use: `explicit`, else the REPLAB_CHROMIUM environment variable, else
 * /usr/bin/chromium. Throws a ReplabError saying how to install it when the file is missing.
 */
export function chromiumExecutable(explicit?: string): string {
  const fromEnv = process.env.REPLAB_CHROMIUM;
  const file = explicit ?? (fromEnv !== undefined && fromEnv !== "" ? fromEnv : DEFAULT_CHROMIUM);
  if (!fs.existsSync(file)) {
    const named = explicit !== undefined ? "chromium" : fromEnv ? "REPLAB_CHROMIUM" : "the default Chromium";
    throw new ReplabError(`static figures: ${named}=${JSON.stringify(file)} does not exist; install Debian's Chromium with ` +
      "`sudo apt-get install chromium` (scripts/setup.sh does), or set REPLAB_CHROMIUM to a Chromium or Chrome executable");
  }
  return file;
}

type Playwright = typeof import("playwright-core");

async function loadPlaywright(): Promise<Playwright> {
  try {
    return await import("playwright-core");
  } catch (e) {
    throw new ReplabError(`static figures: the npm package playwright-core cannot be loaded (${(e as Error).message}); ` +
      "install it with `npm install playwright-core` (it drives the installed Chromium and downloads no browser)");
  }
}

/** True for URLs that name nothing off the page itself (data:, blob:, about:). */
export function isPageLocal(url: string): boolean {
  return /^(data|blob|about):/.test(url);
}

/**
 * Starts one headless Chromium with plotly.js loaded in an empty page, for all the figures of a
 * run. Requests to any URL other than data:, blob: and about: are aborted (no network, no CDN).
 * Throws a ReplabError when Chromium or playwright-core is missing.
 */
export async function openFigureRenderer(options: FigureRendererOptions = {}): Promise<FigureRenderer> {
  const executablePath = chromiumExecutable(options.chromium);
  const { chromium } = await loadPlaywright();
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext();
    await context.route("**/*", (route) => (isPageLocal(route.request().url()) ? route.continue() : route.abort("blockedbyclient")));
    const page = await context.newPage();
    await page.setContent("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body></body></html>");
    await page.addScriptTag({ content: plotlySource() });
    const loaded = await page.evaluate(() => typeof (globalThis as unknown as { Plotly?: unknown }).Plotly === "object");
    if (!loaded) throw new ReplabError("static figures: plotly.js (node_modules/plotly.js-dist-min) did not define window.Plotly in Chromium; reinstall the package");
    let count = 0;
    return {
      async render(spec, size) {
        count++;
        const figure = { data: spec.data, layout: { ...(spec.layout ?? {}), width: size.width, height: size.height }, config: { ...(spec.config ?? {}), staticPlot: true } };
        let url: string;
        try {
          url = await page.evaluate(async ({ figure, size }) => {
            const P = (globalThis as unknown as { Plotly: { toImage(f: unknown, o: unknown): Promise<string>; purge(el: unknown): void } }).Plotly;
            return P.toImage(figure, { format: "png", width: size.width, height: size.height, scale: 1 });
          }, { figure, size });
        } catch (e) {
          throw new ReplabError(`static figures: plotly.js could not draw figure ${count} (${(e as Error).message.split("\n")[0]}); check the figure's data and layout`);
        }
        const prefix = "data:image/png;base64,";
        if (!url.startsWith(prefix)) throw new ReplabError(`static figures: Plotly.toImage returned ${JSON.stringify(url.slice(0, 40))} for figure ${count}, not a PNG data URL`);
        return Buffer.from(url.slice(prefix.length), "base64");
      },
      async close() {
        await browser.close();
      },
    };
  } catch (e) {
    await browser.close().catch(() => undefined);
    throw e;
  }
}

/** A stable key for a figure spec (sha-256 of its JSON), so identical figures are drawn once. */
export function figureKey(spec: PlotlyFigureSpec): string {
  return createHash("sha256").update(JSON.stringify({ data: spec.data, layout: spec.layout ?? {}, config: spec.config ?? {} })).digest("hex");
}

/**
 * The figure's text/html (as plotlyHtml writes it) with the PNG inside its plot's `<div>`, shown
 * where scripts do not run (nbconvert, which nbviewer uses, prefers text/html to image/png);
 * plotlyHtml's own script removes it once plotly.js has drawn the interactive figure in its place.
 * HTML without replab's plot `<div>` is returned unchanged.
 */
export function htmlWithStaticFigure(html: string, pngBase64: string): string {
  const open = /<div class="replab-plotly" id="[A-Za-z0-9_-]+"[^>]*>/.exec(html);
  if (!open) return html;
  const at = open.index + open[0].length;
  const img = `<img class="replab-static-figure" alt="figure (static copy)" style="max-width:100%" src="data:image/png;base64,${pngBase64}">`;
  return html.slice(0, at) + img + html.slice(at);
}

/** The size a notebook figure is drawn at: its layout's width and height, else 700 × 420 (the notebook's default height). */
export function notebookFigureSize(spec: PlotlyFigureSpec): FigureSize {
  const w = spec.layout?.width, h = spec.layout?.height;
  return { width: typeof w === "number" && w > 0 ? w : 700, height: typeof h === "number" && h > 0 ? h : 420 };
}

/**
 * Adds a static PNG to every Plotly figure among a notebook's outputs (each output whose bundle
 * holds `application/vnd.plotly.v1+json`): `image/png` (base64) in the bundle, and the same image
 * inside its text/html (see {@link htmlWithStaticFigure}). Identical figures are drawn once.
 * Returns how many outputs got a PNG.
 */
export async function addStaticFigures(nb: Notebook, renderer: FigureRenderer): Promise<number> {
  const drawn = new Map<string, string>();
  let count = 0;
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code") continue;
    for (const o of cell.outputs ?? []) {
      if (o.output_type !== "display_data" && o.output_type !== "execute_result") continue;
      const spec = o.data[PLOTLY_MIME] as PlotlyFigureSpec | undefined;
      if (!spec || typeof spec !== "object" || !Array.isArray(spec.data)) continue;
      const key = figureKey(spec);
      let png = drawn.get(key);
      if (png === undefined) {
        png = (await renderer.render(spec, notebookFigureSize(spec))).toString("base64");
        drawn.set(key, png);
      }
      o.data["image/png"] = png;
      const html = o.data["text/html"];
      if (typeof html === "string") o.data["text/html"] = htmlWithStaticFigure(html, png);
      else if (Array.isArray(html)) o.data["text/html"] = htmlWithStaticFigure(html.join(""), png);
      count++;
    }
  }
  return count;
}
