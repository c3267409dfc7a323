/** The symbol an object implements to render itself: `[Symbol.for("Jupyter.display")]()` returns a MIME bundle (as in Deno's kernel). */
export const DISPLAY_SYMBOL: unique symbol = Symbol.for("Jupyter.display") as never;

/** A MIME bundle: MIME type → data. `text/plain` is always present in what replab produces. */
export type MimeBundle = { "text/plain"?: string; [mime: string]: unknown };

/** Options for one display message. */
export interface DisplayOptions {
  /** A display id: later `update` calls replace this output in place. */
  displayId?: string;
  /** True to replace the output that has `displayId` (update_display_data). */
  update?: boolean;
  /** Per-MIME metadata sent with the bundle. */
  metadata?: Record<string, unknown>;
}

/**
 * Where display output goes. The kernel (and `replab run`) installs one per process; without
 * one, display output is printed as text to stdout, so the same code runs in plain Node.
 */
export interface DisplaySink {
  display(bundle: MimeBundle, options: DisplayOptions): void;
  /** Clears the current cell's output (`clear_output`), optionally waiting for the next output. */
  clear?(wait: boolean): void;
}

const SINK_KEY = Symbol.for("replab.display.sink");

/** Installs the process-wide display sink (called by the kernel and by `replab run`). */
export function setDisplaySink(sink: DisplaySink | null): void {
  (globalThis as Record<symbol, unknown>)[SINK_KEY] = sink;
}

/** The installed display sink, or null when running outside a notebook. */
export function getDisplaySink(): DisplaySink | null {
  return ((globalThis as Record<symbol, unknown>)[SINK_KEY] as DisplaySink | undefined) ?? null;
}
