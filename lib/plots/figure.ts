import { DISPLAY_SYMBOL, formatPlotly, type MimeBundle } from "../display/index.js";
import { ReplabError, describeValue } from "../core/errors.js";

/** A Plotly figure specification: traces, layout and config, as plotly.js takes them. */
export interface FigureSpec {
  data: Array<Record<string, unknown>>;
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/** A Plotly figure that renders itself in a notebook (see the display protocol in docs/ARCHITECTURE.md). */
export class Figure {
  constructor(readonly spec: FigureSpec) {}

  /**
   * The MIME bundle: `application/vnd.plotly.v1+json` (VS Code, JupyterLab), `text/html` drawn
   * by the plotly.js shipped in node_modules (inlined into the first figure of the process; no
   * CDN) and `text/plain`.
   */
  [DISPLAY_SYMBOL](): MimeBundle {
    return formatPlotly(this.spec);
  }

  /** The spec as JSON (what `application/vnd.plotly.v1+json` carries). */
  toJSON(): FigureSpec {
    return { data: this.spec.data, layout: this.spec.layout ?? {}, config: this.spec.config ?? {} };
  }
}

/** Wraps a Plotly `{ data, layout, config }` spec so that it renders inline, offline. */
export function figure(spec: FigureSpec): Figure {
  if (spec === null || typeof spec !== "object" || !Array.isArray(spec.data)) {
    throw new ReplabError(`figure: spec=${describeValue(spec)} has no data array; pass { data: [traces…], layout?: {…} }, e.g. figure({ data: [{ x: [1, 2], y: [3, 4], type: "scatter" }] })`);
  }
  for (const [k, v] of [["layout", spec.layout], ["config", spec.config]] as const) {
    if (v !== undefined && (v === null || typeof v !== "object" || Array.isArray(v))) {
      throw new ReplabError(`figure: spec.${k}=${describeValue(v)} is not an object; pass a plain object or leave it out`);
    }
  }
  return new Figure(spec);
}
