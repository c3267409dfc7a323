import { DISPLAY_SYMBOL, type MimeBundle } from "../display/mime.js";

/** A Plotly figure specification: traces, layout and config, as plotly.js takes them. */
export interface FigureSpec {
  data: Array<Record<string, unknown>>;
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/** A Plotly figure that renders itself in a notebook (see DESIGN.md §4). */
export class Figure {
  constructor(readonly spec: FigureSpec) {}

  /** The MIME bundle: Plotly JSON for front ends that render it, and a text summary. */
  [DISPLAY_SYMBOL](): MimeBundle {
    const title = (this.spec.layout?.title as { text?: string } | string | undefined);
    const name = typeof title === "string" ? title : title?.text ?? "figure";
    return {
      "application/vnd.plotly.v1+json": { data: this.spec.data, layout: this.spec.layout ?? {}, config: this.spec.config ?? {} },
      "text/plain": `Plotly figure: ${name} (${this.spec.data.length} trace${this.spec.data.length === 1 ? "" : "s"})`,
    };
  }
}

/** Wraps a Plotly `{ data, layout }` spec so that it renders inline, offline. */
export function figure(spec: FigureSpec): Figure {
  return new Figure(spec);
}
