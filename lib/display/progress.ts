import { escapeHtml } from "../core/html.js";
import { ReplabError, describeValue } from "../core/errors.js";
import { display, type DisplayHandle } from "./display.js";
import { DISPLAY_SYMBOL, getDisplaySink, type MimeBundle } from "./mime.js";

/** Options for {@link progress}. */
export interface ProgressOptions {
  /** What is being counted, shown before the bar (e.g. "rollouts"). */
  label?: string;
  /** How many steps make 100%. Taken from an array's `length` or a Set/Map's `size` when omitted. */
  total?: number;
  /** Least time between two notebook updates, in ms (default 100: at most ~10 updates/s, plus the final one). */
  minIntervalMs?: number;
  /** Least time between two plain-text lines outside a notebook, in ms (default 2000). */
  textIntervalMs?: number;
  /** Where plain-text lines go outside a notebook (default `process.stderr`). */
  stream?: { write(text: string): unknown };
  /** Clock in ms (default `performance.now`); tests pass a fake one. */
  now?: () => number;
}

/** A snapshot of a progress bar's state, as rendered. */
export interface ProgressState {
  label: string;
  count: number;
  total: number | undefined;
  /** Fraction done in [0, 1], or undefined without a total. */
  fraction: number | undefined;
  /** Steps per second since the bar started (0 before any time passed). */
  rate: number;
  /** Seconds left at the current rate, or undefined when unknown. */
  etaSeconds: number | undefined;
  elapsedSeconds: number;
  finished: boolean;
}

/** Formats seconds as `m:ss` or `h:mm:ss`. */
function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

function rateText(rate: number): string {
  if (rate === 0) return "– it/s";
  if (rate >= 1) return `${rate >= 100 ? rate.toFixed(0) : rate.toFixed(1)} it/s`;
  return `${(1 / rate).toFixed(1)} s/it`;
}

/** One line of text: `label: 40/100 40% | 12.3 it/s | ETA 0:05`. */
export function progressText(s: ProgressState): string {
  const head = s.label ? `${s.label}: ` : "";
  const count = s.total !== undefined ? `${s.count}/${s.total}` : `${s.count}`;
  const pct = s.fraction !== undefined ? ` ${Math.floor(s.fraction * 100)}%` : "";
  const tail = s.finished
    ? ` | ${rateText(s.rate)} | ${s.total !== undefined && s.count < s.total ? "stopped" : "done"} in ${clock(s.elapsedSeconds)}`
    : ` | ${rateText(s.rate)} | ETA ${s.etaSeconds !== undefined ? clock(s.etaSeconds) : "?"}`;
  return `${head}${count}${pct}${tail}`;
}

/** The bar as HTML: a label, a filled bar and the text line. */
export function progressHtml(s: ProgressState): string {
  const pct = s.fraction !== undefined ? s.fraction * 100 : s.finished ? 100 : 0;
  const colour = s.finished && s.total !== undefined && s.count < s.total ? "#d9534f" : s.finished ? "#5cb85c" : "#337ab7";
  const label = s.label ? `<span style="min-width:6em">${escapeHtml(s.label)}</span>` : "";
  return (
    `<div class="replab-progress" style="display:flex;align-items:center;gap:0.6em;font-family:monospace;font-size:12px">` +
    label +
    `<div style="width:240px;height:12px;background:#e6e6e6;border-radius:3px;overflow:hidden">` +
    `<div style="width:${pct.toFixed(1)}%;height:100%;background:${colour}"></div></div>` +
    `<span>${escapeHtml(progressText({ ...s, label: "" }))}</span></div>`
  );
}

/**
 * A progress bar. In a notebook it is a display handle updated in place (update_display_data),
 * at most once per `minIntervalMs` plus the final update; outside one it writes a plain-text
 * line to stderr at most once per `textIntervalMs`, plus the final line.
 */
export class ProgressBar {
  readonly label: string;
  readonly total: number | undefined;
  private count = 0;
  private finished = false;
  private readonly start: number;
  private last = -Infinity;
  private handle: DisplayHandle | null = null;
  private readonly minInterval: number;
  private readonly textInterval: number;
  private readonly stream: { write(text: string): unknown };
  private readonly now: () => number;
  /** How many times the bar has been drawn (notebook updates or text lines). */
  renders = 0;

  constructor(options: ProgressOptions = {}) {
    const { label = "", total, minIntervalMs = 100, textIntervalMs = 2000 } = options;
    if (total !== undefined && !(typeof total === "number" && Number.isInteger(total) && total >= 0)) {
      throw new ReplabError(`progress: total=${describeValue(total)} is not a whole number ≥ 0; pass the number of steps, or leave total out`);
    }
    if (typeof label !== "string") throw new ReplabError(`progress: label=${describeValue(label)} is not a string; pass a short text such as "rollouts"`);
    for (const [name, v] of [["minIntervalMs", minIntervalMs], ["textIntervalMs", textIntervalMs]] as const) {
      if (!(typeof v === "number" && Number.isFinite(v) && v >= 0)) throw new ReplabError(`progress: ${name}=${describeValue(v)} is not a finite number ≥ 0; pass milliseconds, e.g. 100`);
    }
    this.label = label;
    this.total = total;
    this.minInterval = minIntervalMs;
    this.textInterval = textIntervalMs;
    this.stream = options.stream ?? process.stderr;
    this.now = options.now ?? (() => performance.now());
    this.start = this.now();
    if (getDisplaySink()) this.draw(this.start);
  }

  /** The current state (count, total, fraction, rate, ETA). */
  state(): ProgressState {
    const elapsed = Math.max(0, (this.now() - this.start) / 1000);
    const rate = elapsed > 0 ? this.count / elapsed : 0;
    const fraction = this.total !== undefined ? (this.total === 0 ? 1 : Math.min(1, this.count / this.total)) : undefined;
    const etaSeconds = this.total !== undefined && rate > 0 ? Math.max(0, this.total - this.count) / rate : undefined;
    return { label: this.label, count: this.count, total: this.total, fraction, rate, etaSeconds, elapsedSeconds: elapsed, finished: this.finished };
  }

  /** Advances by `n` steps (default 1); redraws if enough time has passed. */
  tick(n = 1): this {
    if (!(typeof n === "number" && Number.isFinite(n) && n >= 0)) throw new ReplabError(`progress.tick: n=${describeValue(n)} is not a finite number ≥ 0; pass how many steps were done`);
    if (this.finished) return this;
    this.count += n;
    const t = this.now();
    const interval = getDisplaySink() ? this.minInterval : this.textInterval;
    if (t - this.last >= interval) this.draw(t);
    return this;
  }

  /** Marks the bar finished and draws it one last time (always). Calling it again does nothing. */
  done(): this {
    if (this.finished) return this;
    this.finished = true;
    this.draw(this.now());
    return this;
  }

  [DISPLAY_SYMBOL](): MimeBundle {
    const s = this.state();
    return { "text/html": progressHtml(s), "text/plain": progressText(s) };
  }

  private draw(t: number): void {
    this.last = t;
    this.renders++;
    if (getDisplaySink()) {
      const snapshot = this.state();
      const view = { [DISPLAY_SYMBOL]: (): MimeBundle => ({ "text/html": progressHtml(snapshot), "text/plain": progressText(snapshot) }) };
      if (this.handle) this.handle.update(view);
      else this.handle = display(view, { id: true });
    } else {
      this.stream.write(progressText(this.state()) + "\n");
    }
  }
}

function sizeOf(x: unknown): number | undefined {
  if (Array.isArray(x) || ArrayBuffer.isView(x)) return (x as ArrayLike<unknown>).length;
  const size = (x as { size?: unknown }).size;
  if (typeof size === "number" && Number.isInteger(size) && size >= 0) return size;
  const length = (x as { length?: unknown }).length;
  if (typeof length === "number" && Number.isInteger(length) && length >= 0) return length;
  return undefined;
}

function* wrapSync<T>(items: Iterable<T>, bar: ProgressBar): Generator<T> {
  try {
    for (const x of items) {
      yield x;
      bar.tick();
    }
  } finally {
    bar.done();
  }
}

async function* wrapAsync<T>(items: AsyncIterable<T>, bar: ProgressBar): AsyncGenerator<T> {
  try {
    for await (const x of items) {
      yield x;
      bar.tick();
    }
  } finally {
    bar.done();
  }
}

/**
 * A progress bar (label, count/total, percent, rate, ETA), in the spirit of tqdm.
 *
 * - `for (const x of progress(items, { label }))` — wraps an iterable; total from its length/size.
 * - `for await (const x of progress(asyncItems, { label, total }))` — wraps an async iterable.
 * - `const bar = progress({ total, label }); bar.tick(n); bar.done()` — drives it by hand.
 *
 * In a notebook it is a display handle updated in place, throttled to ~10 updates/s plus the
 * final one; outside a notebook it writes an occasional plain-text line to stderr.
 */
export function progress(options?: ProgressOptions): ProgressBar;
export function progress<T>(items: Iterable<T>, options?: ProgressOptions): Generator<T>;
export function progress<T>(items: AsyncIterable<T>, options?: ProgressOptions): AsyncGenerator<T>;
export function progress<T>(itemsOrOptions?: Iterable<T> | AsyncIterable<T> | ProgressOptions, options: ProgressOptions = {}): ProgressBar | Generator<T> | AsyncGenerator<T> {
  if (itemsOrOptions === undefined) return new ProgressBar(options);
  if (itemsOrOptions === null || typeof itemsOrOptions !== "object") {
    throw new ReplabError(`progress: items=${describeValue(itemsOrOptions)} is neither an iterable nor an options object; pass an array/iterable, or { total, label }`);
  }
  if (Symbol.iterator in itemsOrOptions) {
    const items = itemsOrOptions as Iterable<T>;
    return wrapSync(items, new ProgressBar({ ...options, total: options.total ?? sizeOf(items) }));
  }
  if (Symbol.asyncIterator in itemsOrOptions) {
    const items = itemsOrOptions as AsyncIterable<T>;
    return wrapAsync(items, new ProgressBar({ ...options, total: options.total ?? sizeOf(items) }));
  }
  return new ProgressBar(itemsOrOptions as ProgressOptions);
}
