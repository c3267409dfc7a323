import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { ReplabError } from "../../lib/core/errors.js";
import { formatPlotly, resetPlotlyInlining } from "../../lib/display/index.js";
import type { Notebook } from "../../kernel/notebook/nbformat.js";
import {
  CHROMIUM_ARGS, DEFAULT_CHROMIUM, PLOTLY_MIME, addStaticFigures, chromiumExecutable, htmlWithStaticFigure, openFigureRenderer,
  type FigureRenderer, type PlotlyFigureSpec,
} from "../../kernel/notebook/static-figures.js";

// The renderer in real headless Chromium (Debian's, through playwright-core). Its PNGs are decoded
// by a second, independent Chromium page (the browser's image decoder and a canvas), not by the
// code that wrote them.

const LINE: PlotlyFigureSpec = {
  data: [
    { type: "scatter", mode: "lines+markers", name: "a", x: [1, 2, 3, 4], y: [0.2, 0.5, 0.4, 0.9] },
    { type: "bar", name: "b", x: [1, 2, 3, 4], y: [0.1, 0.3, 0.2, 0.6] },
  ],
  layout: { title: { text: "two traces" } },
};
const EMPTY: PlotlyFigureSpec = { data: [], layout: { xaxis: { visible: false }, yaxis: { visible: false } } };

interface Pixels { width: number; height: number; nonWhite: number; blueish: number }

let renderer: FigureRenderer;
let browser: Browser;
let page: Page;

/** Decodes a PNG in Chromium and counts its non-white pixels and those near Plotly's first colour (#1f77b4). */
function pixels(png: Buffer): Promise<Pixels> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext("2d")!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let nonWhite = 0, blueish = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i]! < 245 || d[i + 1]! < 245 || d[i + 2]! < 245) nonWhite++;
      if (Math.abs(d[i]! - 0x1f) < 30 && Math.abs(d[i + 1]! - 0x77) < 30 && Math.abs(d[i + 2]! - 0xb4) < 30) blueish++;
    }
    return { width: canvas.width, height: canvas.height, nonWhite, blueish };
  }, png.toString("base64"));
}

beforeAll(async () => {
  renderer = await openFigureRenderer();
  browser = await chromium.launch({ executablePath: DEFAULT_CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext();
  await context.route("**/*", (route) => (/^(data|blob|about):/.test(route.request().url()) ? route.continue() : route.abort()));
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await renderer?.close();
  await browser?.close();
});

describe("static figures", () => {
  it("renders a Plotly spec to a PNG of the asked size that is not blank", async () => {
    const png = await renderer.render(LINE, { width: 600, height: 360 });
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a"); // the PNG signature
    expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([600, 360]);
    const p = await pixels(png);
    expect([p.width, p.height]).toEqual([600, 360]);
    const area = 600 * 360;
    expect(p.nonWhite / area).toBeGreaterThan(0.03);
    expect(p.nonWhite / area).toBeLessThan(0.6);
    expect(p.blueish).toBeGreaterThan(200); // the first trace's colour is drawn
    const empty = await pixels(await renderer.render(EMPTY, { width: 600, height: 360 }));
    expect(empty.nonWhite).toBeLessThan(p.nonWhite / 10);
  }, 60_000);

  it("adds image/png to every figure output, drawing identical figures once, and puts the PNG inside the figure's HTML", async () => {
    resetPlotlyInlining();
    const a = formatPlotly(LINE), b = formatPlotly(LINE), c = formatPlotly({ data: [{ type: "bar", x: ["x", "y"], y: [3, 1] }] });
    const nb: Notebook = {
      nbformat: 4, nbformat_minor: 5, metadata: {},
      cells: [
        { cell_type: "markdown", metadata: {}, source: "# figures" },
        { cell_type: "code", metadata: {}, source: "", outputs: [{ output_type: "display_data", data: a, metadata: {} }, { output_type: "stream", name: "stdout", text: "x\n" }] },
        { cell_type: "code", metadata: {}, source: "", outputs: [{ output_type: "execute_result", data: b, metadata: {}, execution_count: 2 }] },
        { cell_type: "code", metadata: {}, source: "", outputs: [{ output_type: "display_data", data: c, metadata: {} }, { output_type: "display_data", data: { "text/plain": "no figure" }, metadata: {} }] },
      ],
    };
    const sizes: Array<{ width: number; height: number }> = [];
    const counting: FigureRenderer = { render: (spec, size) => { sizes.push(size); return renderer.render(spec, size); }, close: async () => undefined };
    expect(await addStaticFigures(nb, counting)).toBe(3);
    expect(sizes).toEqual([{ width: 700, height: 420 }, { width: 700, height: 420 }]); // a and b are one figure
    const bundles = nb.cells.flatMap((cell) => (cell.outputs ?? []).flatMap((o) => ("data" in o ? [o.data] : [])));
    const [ba, bb, bc, plain] = bundles;
    for (const bundle of [ba, bb, bc]) {
      expect(bundle![PLOTLY_MIME]).toBeDefined();
      expect(Buffer.from(bundle!["image/png"] as string, "base64").subarray(1, 4).toString("ascii")).toBe("PNG");
      expect(bundle!["text/html"]).toMatch(/<div class="replab-plotly" id="replab-plot-[0-9a-f-]+" [^>]*><img class="replab-static-figure" [^>]*src="data:image\/png;base64,/);
    }
    expect(ba!["image/png"]).toBe(bb!["image/png"]);
    expect(bc!["image/png"]).not.toBe(ba!["image/png"]);
    expect(plain).toEqual({ "text/plain": "no figure" });

    // In a page without scripts (as GitHub and nbviewer show a notebook) the PNG shows; with
    // scripts, plotly.js draws the figure and the PNG goes.
    const html = `<!DOCTYPE html><html><body>${ba!["text/html"] as string}</body></html>`;
    const still = await browser.newContext({ javaScriptEnabled: false });
    const sp = await still.newPage();
    await sp.setContent(html);
    expect(await sp.evaluate(() => Array.from(document.querySelectorAll("img.replab-static-figure")).map((i) => (i as HTMLImageElement).naturalWidth))).toEqual([700]);
    await still.close();
    await page.setContent(html);
    await page.waitForSelector(".replab-plotly .main-svg", { timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector("img.replab-static-figure") === null, undefined, { timeout: 30_000 });
  }, 120_000);

  it("leaves HTML without replab's figure div as it is", () => {
    expect(htmlWithStaticFigure("<div>other</div>", "AAAA")).toBe("<div>other</div>");
  });

  it("says how to install Chromium when it is missing", () => {
    expect(() => chromiumExecutable("/nonexistent/chromium")).toThrow(ReplabError);
    expect(() => chromiumExecutable("/nonexistent/chromium")).toThrow('static figures: chromium="/nonexistent/chromium" does not exist; install Debian\'s Chromium with `sudo apt-get install chromium`');
    const saved = process.env.REPLAB_CHROMIUM;
    process.env.REPLAB_CHROMIUM = "/nonexistent/chrome";
    try {
      expect(() => chromiumExecutable()).toThrow(/REPLAB_CHROMIUM="\/nonexistent\/chrome" does not exist; .* or set REPLAB_CHROMIUM to a Chromium or Chrome executable/);
    } finally {
      if (saved === undefined) delete process.env.REPLAB_CHROMIUM; else process.env.REPLAB_CHROMIUM = saved;
    }
    expect(chromiumExecutable()).toBe(saved ?? DEFAULT_CHROMIUM);
  });
});
