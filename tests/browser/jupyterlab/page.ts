/**
 * The test page (bundled by esbuild in tests/browser/jupyterlab.test.ts): JupyterLab's own client
 * (@jupyterlab/services) starts a replab session on the Jupyter server that serves this page and
 * runs the cells it is given; each cell's outputs go to a JupyterLab OutputArea, rendered by
 * @jupyterlab/rendermime's standard renderers plus jupyterlab-plotly's renderer for
 * application/vnd.plotly.v1+json, as JupyterLab shows them. It reports what each output rendered as.
 */
import { KernelManager, ServerConnection, SessionManager } from "@jupyterlab/services";
import { RenderMimeRegistry, standardRendererFactories } from "@jupyterlab/rendermime";
import { OutputArea, OutputAreaModel } from "@jupyterlab/outputarea";
import { Widget } from "@lumino/widgets";
import plotlyExtensions from "jupyterlab-plotly/lib/plotly-renderer";
import "@jupyterlab/rendermime/style/index.css";
import "@jupyterlab/outputarea/style/index.css";

export interface OutputReport {
  /** The MIME types the output's bundle holds. */
  mimes: string[];
  /** The MIME type its renderer drew (null when nothing was rendered). */
  rendered: string | null;
  text: string;
  /** svg, img and canvas elements in the rendered output. */
  graphics: number;
  /** A Plotly figure drawn (its main SVG exists). */
  plotlyDrawn: boolean;
}

async function runCells(cells: string[], notebookPath: string): Promise<{ kernel: string; cells: OutputReport[][] }> {
  const token = new URLSearchParams(window.location.search).get("token") ?? "";
  const base = window.location.origin + "/";
  const serverSettings = ServerConnection.makeSettings({ baseUrl: base, wsUrl: base.replace(/^http/, "ws"), token });
  const kernelManager = new KernelManager({ serverSettings });
  const sessions = new SessionManager({ serverSettings, kernelManager });
  await sessions.ready;
  const session = await sessions.startNew({ path: notebookPath, type: "notebook", name: notebookPath, kernel: { name: "replab" } });
  const kernel = session.kernel!;
  await kernel.info;
  const rendermime = new RenderMimeRegistry({ initialFactories: standardRendererFactories });
  for (const ext of plotlyExtensions) rendermime.addFactory(ext.rendererFactory, ext.rank);
  const root = document.getElementById("cells")!;
  const areas: OutputArea[] = [];
  for (const code of cells) {
    const box = document.createElement("div");
    box.className = "cell";
    const source = document.createElement("pre");
    source.className = "source";
    source.textContent = code;
    box.appendChild(source);
    root.appendChild(box);
    const area = new OutputArea({ model: new OutputAreaModel({ trusted: true }), rendermime });
    Widget.attach(area, box);
    areas.push(area);
    const future = kernel.requestExecute({ code, stop_on_error: false });
    area.future = future;
    await future.done.catch(() => undefined);
  }
  // Plotly draws asynchronously: wait until every figure has its SVG (or give up after 20 s).
  const figures = () => Array.from(document.querySelectorAll(".jp-RenderedPlotly"));
  for (let i = 0; i < 80 && !figures().every((f) => f.querySelector(".main-svg")); i++) await new Promise((r) => setTimeout(r, 250));
  const report = areas.map((area) => {
    const nodes = Array.from(area.node.querySelectorAll<HTMLElement>(".jp-OutputArea-output"));
    const out: OutputReport[] = [];
    for (let i = 0; i < area.model.length; i++) {
      const node = nodes[i];
      out.push({
        mimes: Object.keys(area.model.get(i).data),
        rendered: !node ? null : node.classList.contains("jp-RenderedPlotly") ? "application/vnd.plotly.v1+json" : node.getAttribute("data-mime-type"),
        text: (node?.innerText ?? "").slice(0, 300),
        graphics: node ? node.querySelectorAll("svg, img, canvas").length : 0,
        plotlyDrawn: node ? node.querySelector(".main-svg") !== null : false,
      });
    }
    return out;
  });
  await session.shutdown();
  return { kernel: kernel.name, cells: report };
}

Object.assign(window, { runCells, pageReady: true });
