import fs from "node:fs";
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import type { MimeBundle } from "../mime.js";

const require = createRequire(import.meta.url);

/** A Plotly spec as plotly.js takes it. */
export interface PlotlySpec {
  data: Array<Record<string, unknown>>;
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

const INLINED_KEY = Symbol.for("replab.display.plotlyInlined");
let source: string | null = null;

/** The plotly.js bundle shipped in node_modules/plotly.js-dist-min (read once, cached). */
export function plotlySource(): string {
  source ??= fs.readFileSync(require.resolve("plotly.js-dist-min"), "utf8");
  return source;
}

/** True once a figure's HTML has carried plotly.js in this process. */
export function plotlyInlined(): boolean {
  return (globalThis as Record<symbol, unknown>)[INLINED_KEY] === true;
}

/**
 * Makes the next figure's HTML carry plotly.js again. The kernel calls it on restart and
 * `replab run` at the start of each notebook: plotly.js (4.6 MB) is inlined only into the first
 * figure of a process, and later figures wait for `window.Plotly`. If that first output is
 * cleared (re-running its cell, "Clear output"), later figures have no plotly.js until this is
 * called (or the kernel restarts) and the next figure is drawn.
 */
export function resetPlotlyInlining(): void {
  (globalThis as Record<symbol, unknown>)[INLINED_KEY] = false;
}

/** JSON safe inside a <script> element (no `</script>`, no `<!--`, no U+2028/2029). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/**
 * HTML that draws a Plotly figure offline. The first call in a process inlines plotly.js (from
 * the package, never a CDN), hiding any AMD `define`/CommonJS `module` of the page so it sets
 * `window.Plotly`; every figure's script waits for `window.Plotly` (polling, and the
 * `replab:plotly-ready` event) before drawing, so a notebook with several figures draws them all.
 * Once drawn, it removes the static PNG (`img.replab-static-figure`) that `replab run
 * --static-figures` puts inside the figure's `<div>` for viewers that run no scripts.
 */
export function plotlyHtml(spec: PlotlySpec, options: { height?: number } = {}): string {
  const id = `replab-plot-${randomUUID()}`;
  const height = options.height ?? (typeof spec.layout?.height === "number" ? (spec.layout.height as number) : 420);
  let lib = "";
  if (!plotlyInlined()) {
    (globalThis as Record<symbol, unknown>)[INLINED_KEY] = true;
    lib = `<script type="text/javascript">(function(define, module, exports){\n${plotlySource()}\n}).call(window);` +
      `window.dispatchEvent(new Event("replab:plotly-ready"));</script>`;
  }
  const config = { responsive: true, displaylogo: false, ...(spec.config ?? {}) };
  const draw = `<script type="text/javascript">(function(){` +
    `var spec=${scriptJson({ data: spec.data, layout: spec.layout ?? {}, config })};` +
    `var done=false;function draw(){if(done||!window.Plotly)return;done=true;` +
    `var el=document.getElementById(${JSON.stringify(id)});if(el)window.Plotly.newPlot(el,spec.data,spec.layout,spec.config).then(function(){` +
    `var i=el.querySelector("img.replab-static-figure");if(i)i.remove();});}` +
    `if(window.Plotly){draw();return;}` +
    `window.addEventListener("replab:plotly-ready",draw);` +
    `var tries=0;var timer=setInterval(function(){tries++;if(window.Plotly){clearInterval(timer);draw();}` +
    `else if(tries>1200){clearInterval(timer);var el=document.getElementById(${JSON.stringify(id)});` +
    `if(el)el.textContent="plotly.js was not loaded: re-run the notebook's first figure, or call resetPlotlyInlining() and redraw";}},100);` +
    `})();</script>`;
  return `<div class="replab-plotly" id="${id}" style="width:100%;height:${height}px"></div>${lib}${draw}`;
}

/**
 * MIME bundle for a Plotly figure: `application/vnd.plotly.v1+json` (VS Code, JupyterLab's plotly
 * renderer), `text/html` drawn with the shipped plotly.js (see {@link plotlyHtml}) and `text/plain`.
 */
export function formatPlotly(spec: PlotlySpec, title?: string): MimeBundle {
  const t = spec.layout?.title as { text?: unknown } | string | undefined;
  const name = title ?? (typeof t === "string" ? t : typeof t?.text === "string" ? t.text : "figure");
  const n = spec.data.length;
  return {
    "application/vnd.plotly.v1+json": { data: spec.data, layout: spec.layout ?? {}, config: spec.config ?? {} },
    "text/html": plotlyHtml(spec),
    "text/plain": `Plotly figure: ${name} (${n} trace${n === 1 ? "" : "s"})`,
  };
}
