import { afterEach, describe, expect, it } from "vitest";
import { progress, ProgressBar, setDisplaySink, type MimeBundle, type DisplayOptions } from "../../lib/display/index.js";
import { ReplabError } from "../../lib/core/index.js";

/** A display sink that records messages, as the kernel's would send them. */
function recordingSink() {
  const messages: Array<{ bundle: MimeBundle; options: DisplayOptions }> = [];
  setDisplaySink({ display: (bundle, options) => messages.push({ bundle, options }) });
  return messages;
}

/** A fake clock: tests move time by hand so throttling is checked without sleeping. */
function fakeClock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

afterEach(() => setDisplaySink(null));

describe("progress in a notebook (display sink installed)", () => {
  it("is one display handle updated in place, throttled to ~10 updates/s plus the final one", () => {
    const messages = recordingSink();
    const clock = fakeClock();
    const bar = progress({ total: 1000, label: "steps", now: clock.now });
    for (let i = 0; i < 1000; i++) { clock.advance(1); bar.tick(); } // 1000 ticks over 1 s
    bar.done();
    // first display + at most one update per 100 ms over 1 s + the final one
    expect(messages.length).toBeGreaterThanOrEqual(10);
    expect(messages.length).toBeLessThanOrEqual(12);
    const ids = new Set(messages.map((m) => m.options.displayId));
    expect(ids.size).toBe(1);
    expect(messages[0]!.options.update).toBe(false);
    expect(messages.slice(1).every((m) => m.options.update === true)).toBe(true);
    const last = messages.at(-1)!.bundle;
    expect(last["text/plain"]).toBe("steps: 1000/1000 100% | 1000 it/s | done in 0:01");
    expect(String(last["text/html"])).toContain('width:100.0%');
  });

  it("shows count/total, percent, rate and ETA while running", () => {
    const messages = recordingSink();
    const clock = fakeClock();
    const bar = progress({ total: 100, label: "rollouts", now: clock.now });
    clock.advance(2000);
    bar.tick(40); // 40 steps in 2 s = 20 it/s; 60 left → 3 s
    expect(messages.at(-1)!.bundle["text/plain"]).toBe("rollouts: 40/100 40% | 20.0 it/s | ETA 0:03");
    expect(String(messages.at(-1)!.bundle["text/html"])).toContain("width:40.0%");
  });

  it("escapes the label in HTML", () => {
    const messages = recordingSink();
    progress({ total: 1, label: "<script>alert(1)</script>" }).done();
    const html = String(messages.at(-1)!.bundle["text/html"]);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
  });

  it("marks a loop left early as stopped", () => {
    const messages = recordingSink();
    for (const x of progress([1, 2, 3, 4], { label: "early" })) if (x === 2) break;
    expect(messages.at(-1)!.bundle["text/plain"]).toMatch(/^early: 1\/4 25% \| .* \| stopped in/);
  });
});

describe("progress outside a notebook (plain text)", () => {
  it("writes a line now and then, not a flood, and always the last one", () => {
    const lines: string[] = [];
    const clock = fakeClock();
    const bar = new ProgressBar({ total: 10_000, label: "work", now: clock.now, stream: { write: (s: string) => lines.push(s) } });
    for (let i = 0; i < 10_000; i++) { clock.advance(1); bar.tick(); } // 10 s
    bar.done();
    // one line per 2 s default + the final line
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(lines.length).toBeLessThanOrEqual(7);
    expect(lines.at(-1)).toBe("work: 10000/10000 100% | 1000 it/s | done in 0:10\n");
  });

  it("wraps sync and async iterables and takes the total from length/size", async () => {
    const lines: string[] = [];
    const stream = { write: (s: string) => lines.push(s) };
    const seen: number[] = [];
    for (const x of progress(new Set([1, 2, 3]), { label: "set", stream })) seen.push(x);
    async function* gen() { for (let i = 0; i < 5; i++) yield i; }
    for await (const x of progress(gen(), { label: "async", total: 5, stream })) seen.push(x);
    expect(seen).toEqual([1, 2, 3, 0, 1, 2, 3, 4]);
    expect(lines.some((l) => l.startsWith("set: 3/3 100%"))).toBe(true);
    expect(lines.some((l) => l.startsWith("async: 5/5 100%"))).toBe(true);
  });

  it("counts without a total", () => {
    const lines: string[] = [];
    const bar = progress({ label: "n", stream: { write: (s: string) => lines.push(s) } });
    bar.tick(7).done();
    expect(lines.at(-1)).toMatch(/^n: 7 \| .* \| done in 0:00\n$/);
  });
});

describe("progress rejects bad input clearly", () => {
  it("names the argument, the value and the fix", () => {
    expect(() => progress({ total: -1 })).toThrow(ReplabError);
    expect(() => progress({ total: 2.5 })).toThrow(/progress: total=2.5 is not a whole number/);
    expect(() => progress(42 as never)).toThrow(/progress: items=42 is neither an iterable/);
    expect(() => progress({ total: 3, stream: { write: () => 0 } }).tick(Number.NaN)).toThrow(/progress.tick: n=NaN/);
  });
});
