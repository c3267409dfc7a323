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
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Plain-text reading of an HTML fragment: tags dropped, common and numeric entities decoded. */
export function htmlToText(markup: string): string {
  return markup
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === "#") {
        const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

function html(markup: string, options: DisplayCallOptions = {}): DisplayHandle | void {
  return displayValue({ [Symbol.for("Jupyter.display")]: () => ({ "text/html": markup, "text/plain": htmlToText(markup) }) }, options);
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
