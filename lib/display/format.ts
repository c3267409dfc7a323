import { inspect } from "node:util";
import { DISPLAY_SYMBOL, type MimeBundle } from "./mime.js";

/** A formatter for a third-party type: `test` says whether it applies, `format` makes the bundle. */
export interface Formatter {
  name: string;
  test: (value: unknown) => boolean;
  format: (value: unknown) => MimeBundle;
}

const formatters: Formatter[] = [];

/**
 * Registers a formatter for values that don't render themselves. Later registrations are tried
 * first, so a user's formatter overrides a built-in one. Returns a function that unregisters it.
 */
export function registerFormatter(test: (value: unknown) => boolean, format: (value: unknown) => MimeBundle, name = "custom"): () => void {
  const entry: Formatter = { name, test, format };
  formatters.unshift(entry);
  return () => {
    const i = formatters.indexOf(entry);
    if (i >= 0) formatters.splice(i, 1);
  };
}

/** Plain-text rendering as Node's REPL shows values. */
export function plainText(value: unknown): string {
  return typeof value === "string" ? value : inspect(value, { depth: 4, colors: false, maxArrayLength: 50, maxStringLength: 2000, breakLength: 100 });
}

/** The bundle with `text/plain` added when it has none (inspecting the value only then). */
function withText(bundle: MimeBundle, value: unknown): MimeBundle {
  return typeof bundle["text/plain"] === "string" ? bundle : { ...bundle, "text/plain": plainText(value) };
}

/**
 * Turns any value into a MIME bundle, trying in a fixed order (as Deno's kernel does): the
 * value's own `[Symbol.for("Jupyter.display")]()`, then registered formatters, then plain text.
 * The bundle always has `text/plain`.
 */
export function formatValue(value: unknown): MimeBundle {
  if (value !== null && (typeof value === "object" || typeof value === "function")) {
    const own = (value as { [DISPLAY_SYMBOL]?: () => MimeBundle })[DISPLAY_SYMBOL];
    if (typeof own === "function") {
      const bundle = own.call(value);
      return withText(bundle, value);
    }
  }
  for (const f of formatters) {
    let applies = false;
    try { applies = f.test(value); } catch { applies = false; }
    if (applies) {
      try {
        return withText(f.format(value), value);
      } catch (e) {
        // a broken formatter must not lose the output: show the value as text and say why
        return { "text/plain": `${plainText(value)}\n(the ${f.name} formatter failed: ${(e as Error)?.message ?? String(e)})` };
      }
    }
  }
  return { "text/plain": plainText(value) };
}
