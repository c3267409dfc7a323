import fs from "node:fs";
import { inspect } from "node:util";
import { DISPLAY_SYMBOL, formatValue, type MimeBundle } from "../../lib/display/index.js";
import { ReplabError, describeValue } from "../../lib/core/errors.js";
import { currentCell, type OutputSink } from "./cell-io.js";

/**
 * The API a cell sees besides replab's own `display`: Deno's Jupyter API (`Deno.jupyter`, as
 * denoland/deno `cli/js/40_jupyter.js` defines it) so notebooks written for Deno's kernel run
 * unchanged as far as display goes, and the input functions (`prompt`, `confirm` as in Deno,
 * and `await input()`), which ask the front end over the stdin channel.
 */

/** What a cell's last value shows as: its bundle, with `text/plain` as Node's util.inspect writes it (strings quoted, as Node's REPL, Deno and IPython show them). */
export function valueBundle(value: unknown): MimeBundle {
  return typeof value === "string" ? { "text/plain": inspect(value) } : formatValue(value);
}

/** An object that renders as the bundle it holds (what `html`…`, `md`…`, `svg`…` and `image()` return). */
export interface Displayable {
  [DISPLAY_SYMBOL](): MimeBundle;
}

/** Options of `Deno.jupyter.display`. */
export interface DenoDisplayOptions {
  /** The value is already a MIME bundle: send it as it is. */
  raw?: boolean;
  /** Replace the output shown under `display_id` (update_display_data). */
  update?: boolean;
  display_id?: string;
}

/** `Deno.jupyter`: display, broadcast, format, the tagged templates and image. */
export interface DenoJupyter {
  /** Shows a value (display_data), or with `{ raw: true }` a MIME bundle as it is. */
  display(value: unknown, options?: DenoDisplayOptions): Promise<void>;
  /** Publishes any IOPub message with this cell's request as parent. */
  broadcast(msgType: string, content: Record<string, unknown>, options?: { metadata?: Record<string, unknown>; buffers?: Uint8Array[] }): Promise<void>;
  /** The MIME bundle a value displays as. */
  format(value: unknown): Promise<MimeBundle>;
  /** `html`<b>${x}</b>``: an HTML output. */
  html(strings: TemplateStringsArray, ...values: unknown[]): Displayable;
  /** `md`# ${title}``: a Markdown output. */
  md(strings: TemplateStringsArray, ...values: unknown[]): Displayable;
  /** `svg`<svg …>…</svg>``: an SVG output. */
  svg(strings: TemplateStringsArray, ...values: unknown[]): Displayable;
  /** A PNG or JPEG image, from its bytes or a file path (relative to the notebook). */
  image(pathOrBytes: string | Uint8Array): Displayable;
  /** The display symbol (`Symbol.for("Jupyter.display")`). */
  readonly $display: typeof DISPLAY_SYMBOL;
}

/** What `Deno` is in a cell: just its Jupyter API (the rest of Deno's runtime is not Node's). */
export interface DenoNamespace {
  readonly jupyter: DenoJupyter;
}

/** A displayable for `bundle`; its util.inspect text (the plain-text fallback) is the source text. */
function displayable(bundle: MimeBundle, text: string): Displayable {
  return { [DISPLAY_SYMBOL]: () => bundle, [inspect.custom]: () => text } as Displayable;
}

function taggedTemplate(mime: string): (strings: TemplateStringsArray, ...values: unknown[]) => Displayable {
  return (strings, ...values) => {
    const text = strings.reduce((acc, s, i) => acc + s + (values[i] !== undefined ? String(values[i]) : ""), "");
    return displayable({ [mime]: text }, text);
  };
}

const PNG = [137, 80, 78, 71, 13, 10, 26, 10];

function imageMime(b: Uint8Array): string | null {
  if (b.length >= PNG.length && PNG.every((x, i) => b[i] === x)) return "image/png";
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[b.length - 2] === 0xff && b[b.length - 1] === 0xd9) return "image/jpeg";
  return null;
}

function image(pathOrBytes: string | Uint8Array): Displayable {
  let bytes: Uint8Array | null = pathOrBytes instanceof Uint8Array ? pathOrBytes : null;
  if (typeof pathOrBytes === "string") {
    try {
      bytes = fs.readFileSync(pathOrBytes);
    } catch (e) {
      throw new ReplabError(`Deno.jupyter.image: path=${JSON.stringify(pathOrBytes)} cannot be read (${(e as Error).message}); pass the path of a PNG or JPEG file (relative to the notebook) or its bytes`);
    }
  }
  const mime = bytes ? imageMime(bytes) : null;
  if (!bytes || !mime) {
    throw new ReplabError(`Deno.jupyter.image: ${typeof pathOrBytes === "string" ? `path=${JSON.stringify(pathOrBytes)}` : `value=${describeValue(pathOrBytes)}`} is not a PNG or JPEG image; pass a PNG or JPEG file's path or bytes`);
  }
  return displayable({ [mime]: Buffer.from(bytes).toString("base64") }, `<${mime}, ${bytes.length} bytes>`);
}

function isMediaBundle(v: unknown): v is MimeBundle {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Delivers a broadcast to a sink: as it is when the sink talks to a front end, else as the display calls it stands for. */
export function broadcastTo(sink: OutputSink | null, msgType: string, content: Record<string, unknown>, metadata: Record<string, unknown> = {}, buffers: Uint8Array[] = []): void {
  if (!sink) return;
  if (sink.broadcast) { sink.broadcast(msgType, content, metadata, buffers); return; }
  const transient = (content.transient ?? {}) as { display_id?: string };
  if (msgType === "display_data" || msgType === "update_display_data") {
    sink.display((content.data ?? {}) as MimeBundle, (content.metadata ?? {}) as Record<string, unknown>, transient.display_id, msgType === "update_display_data");
  } else if (msgType === "stream") {
    sink.stream(content.name === "stderr" ? "stderr" : "stdout", String(content.text ?? ""));
  } else if (msgType === "clear_output") {
    sink.clear(content.wait === true);
  }
}

/** `Deno.jupyter` for replab's cells. */
export const denoJupyter: DenoJupyter = {
  async display(value, options = {}) {
    const bundle = options.raw && isMediaBundle(value) ? value : valueBundle(value);
    broadcastTo(currentCell.sink, options.update ? "update_display_data" : "display_data", { data: bundle, metadata: {}, transient: options.display_id ? { display_id: options.display_id } : {} });
  },
  async broadcast(msgType, content, options = {}) {
    broadcastTo(currentCell.sink, msgType, content, options.metadata ?? {}, options.buffers ?? []);
  },
  async format(value) {
    return valueBundle(value);
  },
  html: taggedTemplate("text/html"),
  md: taggedTemplate("text/markdown"),
  svg: taggedTemplate("image/svg+xml"),
  image,
  $display: DISPLAY_SYMBOL,
};

/** `Deno` as a cell sees it (a name of the cell's scope only: a global `Deno` would make libraries think they run on Deno). */
export const deno: DenoNamespace = Object.freeze({ jupyter: denoJupyter });

/**
 * Asks the front end for a line of text, as Deno's `prompt` does in a notebook: `[default]` is
 * shown after the message and returned for an empty answer. Blocks the cell until answered.
 */
export function prompt(message = "Prompt", defaultValue = "", options: { password?: boolean } = {}): string {
  const text = defaultValue !== "" ? `${message} [${defaultValue}]` : message;
  const answer = currentCell.stdin.readSync(text, options.password === true);
  return answer === "" ? defaultValue : answer;
}

/** Asks a yes/no question (`[y/N]`), as Deno's `confirm` does in a notebook; true for y or Y. */
export function confirm(message = "Confirm"): boolean {
  const answer = currentCell.stdin.readSync(`${message} [y/N] `, false);
  return answer === "y" || answer === "Y";
}

/** Options of {@link input}. */
export interface InputOptions {
  prompt?: string;
  /** Hide what is typed (input_request with `password: true`). */
  password?: boolean;
}

/**
 * Asks the front end for a line of text without blocking the event loop: `await input("Name? ")`,
 * or `await input({ prompt: "Token: ", password: true })` for text the front end hides.
 */
export function input(message: string | InputOptions = "", options: InputOptions = {}): Promise<string> {
  const o = typeof message === "string" ? { ...options, prompt: message } : message;
  return currentCell.stdin.read(o.prompt ?? "", o.password === true);
}
