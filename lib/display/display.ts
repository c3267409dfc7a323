import { randomUUID } from "node:crypto";
import { formatValue } from "./format.js";
import { getDisplaySink, type MimeBundle } from "./mime.js";

/** A live output: `update` replaces what it shows in place (update_display_data). */
export interface DisplayHandle {
  readonly id: string;
  update(value: unknown): void;
}

function emit(bundle: MimeBundle, displayId?: string, update = false): void {
  const sink = getDisplaySink();
  if (sink) sink.display(bundle, { displayId, update });
  else process.stdout.write(String(bundle["text/plain"] ?? "") + "\n");
}

/** Options for {@link display}. */
export interface DisplayCallOptions {
  /** `true` for a fresh id, or a string id, to get a handle whose `update` replaces the output. */
  id?: boolean | string;
}

function displayValue(value: unknown): void;
function displayValue(value: unknown, options: DisplayCallOptions & { id: true | string }): DisplayHandle;
function displayValue(value: unknown, options?: DisplayCallOptions): DisplayHandle | void;
function displayValue(value: unknown, options: DisplayCallOptions = {}): DisplayHandle | void {
  if (options.id === undefined || options.id === false) {
    emit(formatValue(value));
    return;
  }
  const id = options.id === true ? randomUUID() : options.id;
  emit(formatValue(value), id);
  return { id, update: (next: unknown) => emit(formatValue(next), id, true) };
}

/** Shows raw HTML as an output. */
function html(markup: string, options: DisplayCallOptions = {}): DisplayHandle | void {
  return displayValue({ [Symbol.for("Jupyter.display")]: () => ({ "text/html": markup, "text/plain": markup.replace(/<[^>]*>/g, "") }) }, options);
}

/** Shows Markdown as an output (rendered by the notebook front end). */
function markdown(text: string, options: DisplayCallOptions = {}): DisplayHandle | void {
  return displayValue({ [Symbol.for("Jupyter.display")]: () => ({ "text/markdown": text, "text/plain": text }) }, options);
}

/** Clears the current cell's output; with `wait`, only when the next output arrives. */
function clear(wait = false): void {
  getDisplaySink()?.clear?.(wait);
}

/**
 * Displays a value as a cell output (display_data), formatted by {@link formatValue}. With
 * `{ id: true }` it returns a handle: `h.update(v2)` replaces the output in place. Also:
 * `display.html(s)`, `display.markdown(s)`, `display.clear()`. Outside a notebook it prints text.
 */
export const display = Object.assign(displayValue, { html, markdown, clear });
