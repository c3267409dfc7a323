import { beforeAll, describe, expect, it, vi } from "vitest";
import fs from "node:fs";
import zlib from "node:zlib";
import * as aq from "arquero";
import { tfReady } from "../../lib/core/index.js";
import {
  formatValue, formatTensor, tensorStats, tensorHeatmapGrid, TENSOR_PREVIEW, resetPlotlyInlining, plotlyInlined,
} from "../../lib/display/index.js";
import { encodePngRgb } from "../../lib/display/formatters/heatmap-png.js";
import { figure } from "../../lib/plots/index.js";

type TF = Awaited<ReturnType<typeof tfReady>>;
let tf: TF;
beforeAll(async () => { tf = await tfReady(); });

const ref = JSON.parse(fs.readFileSync(new URL("./fixtures/tensor-stats.json", import.meta.url), "utf8"));
const num = (v: number | string) => (v === "NaN" ? NaN : v === "Infinity" ? Infinity : v === "-Infinity" ? -Infinity : (v as number));

/** The fixture's matrix, built by the same formula as make_tensor_stats.py. */
function fixtureMatrix(): Float32Array {
  const [R, C] = ref.shape as [number, number];
  const x = new Float32Array(R * C);
  for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) x[i * C + j] = Math.sin(0.37 * i) * Math.cos(0.11 * j) + 0.001 * i * j;
  x[3 * C + 5] = NaN; x[10 * C + 20] = Infinity; x[50 * C + 7] = -Infinity;
  return x;
}

describe("tf.Tensor formatter", () => {
  it("copies only a bounded preview and a few scalars off the device for a 10^7-element tensor", () => {
    const big = tf.tidy(() => tf.range(0, 1e7, 1, "float32").reshape([1000, 10000]));
    const backend = tf.backend() as unknown as { readSync(id: object): ArrayLike<number>; read(id: object): Promise<ArrayLike<number>> };
    let elementsRead = 0, reads = 0;
    const realReadSync = backend.readSync.bind(backend);
    const readSync = vi.spyOn(backend, "readSync").mockImplementation((id: object) => {
      const out = realReadSync(id);
      reads++; elementsRead += out.length;
      return out;
    });
    const read = vi.spyOn(backend, "read");
    const spies = (["dataSync", "data", "arraySync", "array", "bufferSync", "buffer"] as const).map((m) => vi.spyOn(big, m));
    const before = tf.memory().numTensors;
    try {
      const bundle = formatValue(big);
      for (const s of spies) expect(s).not.toHaveBeenCalled();
      expect(read).not.toHaveBeenCalled();
      // preview corner 8×10 + heatmap grid ≤ 64×64 + a handful of scalars and gather indices
      expect(elementsRead).toBeGreaterThan(0);
      expect(elementsRead).toBeLessThanOrEqual(TENSOR_PREVIEW.rows * TENSOR_PREVIEW.cols + 64 * 64 + 64);
      expect(reads).toBeLessThan(16);
      expect(tf.memory().numTensors).toBe(before); // every intermediate disposed
      const text = String(bundle["text/plain"]);
      expect(text).toMatch(/^Tensor float32 \[1000, 10000\] on wasm \(cpu\) · 10,000,000 elements/);
      expect(String(bundle["text/html"])).toContain('class="replab-heatmap"');
      expect(String(bundle["text/html"])).toContain("heatmap of 16×157 block means");
    } finally {
      readSync.mockRestore(); read.mockRestore();
      for (const s of spies) s.mockRestore();
      big.dispose();
    }
  });

  it("a 1-D 10^7-element tensor: the same bound, nothing of the big tensor read whole", () => {
    const big = tf.range(0, 1e7, 1, "float32");
    const backend = tf.backend() as unknown as { readSync(id: object): ArrayLike<number> };
    const realReadSync = backend.readSync.bind(backend);
    let largest = 0;
    const readSync = vi.spyOn(backend, "readSync").mockImplementation((id: object) => {
      const out = realReadSync(id);
      largest = Math.max(largest, out.length);
      return out;
    });
    try {
      const text = String(formatValue(big)["text/plain"]);
      expect(largest).toBeLessThanOrEqual(TENSOR_PREVIEW.cols);
      expect(text.split("\n")[2]).toBe("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, …]");
    } finally { readSync.mockRestore(); big.dispose(); }
  });

  it("stats of 0..10^7−1 match the closed forms (mean (n−1)/2, std √((n²−1)/12))", () => {
    const n = 1e7;
    const big = tf.range(0, n, 1, "float32");
    try {
      const s = tensorStats(big);
      expect(s.min).toBe(0);
      expect(s.max).toBe(n - 1);
      // float32 accumulation on the device (two-level sums): within 1e-4 relative
      expect(Math.abs(s.mean - (n - 1) / 2) / ((n - 1) / 2)).toBeLessThan(1e-4);
      expect(Math.abs(s.std - Math.sqrt((n * n - 1) / 12)) / Math.sqrt((n * n - 1) / 12)).toBeLessThan(1e-4);
      expect(s.nonFinite).toBe(0);
    } finally { big.dispose(); }
  });

  it("stats leave out NaN/±Inf and match numpy's nanmin/nanmax/nanmean/nanstd (fixture)", () => {
    const x = tf.tensor2d(fixtureMatrix(), ref.shape);
    try {
      const s = tensorStats(x);
      expect(s.nonFinite).toBe(ref.nonFinite);
      expect(s.min).toBeCloseTo(ref.min, 6);
      expect(s.max).toBeCloseTo(ref.max, 6);
      expect(s.mean).toBeCloseTo(ref.mean, 5);
      expect(s.std).toBeCloseTo(ref.std, 5);
      const text = String(formatTensor(x)["text/plain"]);
      expect(text).toContain("3 non-finite (NaN/±Inf) left out of these stats");
    } finally { x.dispose(); }
  });

  it("the heatmap grid is the block means numpy computes (fixture)", () => {
    const x = tf.tensor2d(fixtureMatrix(), ref.shape);
    try {
      const g = tensorHeatmapGrid(x);
      expect([g.rows, g.cols, g.blockRows, g.blockCols]).toEqual([ref.grid.rows, ref.grid.cols, ref.grid.blockRows, ref.grid.blockCols]);
      const want = (ref.grid.values as Array<number | string>).map(num);
      expect(g.values.length).toBe(want.length);
      for (let k = 0; k < want.length; k++) {
        const w = want[k]!, got = g.values[k]!;
        if (Number.isFinite(w)) expect(Math.abs(got - w)).toBeLessThan(1e-5);
        else expect(Number.isFinite(got)).toBe(false);
      }
    } finally { x.dispose(); }
  });

  it("previews the corner (8×10) with … where the tensor goes on", () => {
    const x = tf.tensor2d(fixtureMatrix(), ref.shape);
    try {
      const text = String(formatValue(x)["text/plain"]);
      const lines = text.split("\n");
      const firstRow = lines[2]!.replace(/^\[\[/, "").replace(/\],?$/, "").split(", ");
      expect(firstRow).toHaveLength(11);
      expect(firstRow.at(-1)).toBe("…");
      const want = (ref.corner as Array<number | string>).slice(0, 10).map(num);
      firstRow.slice(0, 10).forEach((v, j) => expect(Number(v)).toBeCloseTo(want[j]!, 4));
      expect(lines.at(-1)).toMatch(/…\]$/);
    } finally { x.dispose(); }
  });

  it("renders 3-D, int32, bool, string, scalar and disposed tensors", () => {
    const t3 = tf.ones([3, 4, 5], "int32");
    const b = tf.tensor1d([true, false, true], "bool");
    const s = tf.tensor1d(["a", "<b>"], "string");
    const sc = tf.scalar(2.5);
    const gone = tf.zeros([2, 2]); gone.dispose();
    try {
      const h3 = formatValue(t3);
      expect(h3["text/plain"]).toMatch(/^Tensor int32 \[3, 4, 5\].*\nmin 1 · max 1 · mean 1 · std 0/);
      expect(String(h3["text/html"])).toContain("[1, :, :]");
      expect(String(h3["text/html"])).toContain("… more slices");
      expect(formatValue(b)["text/plain"]).toMatch(/Tensor bool \[3\][^]*mean 0.666667/);
      const hs = formatValue(s);
      expect(String(hs["text/html"])).toContain("&lt;b&gt;");
      expect(String(hs["text/html"])).not.toContain("<b>");
      expect(formatValue(sc)["text/plain"]).toMatch(/Tensor float32 \[\] [^]*\n2.5$/);
      expect(formatValue(gone)["text/plain"]).toBe("Tensor float32 [2, 2] (disposed)");
    } finally { for (const t of [t3, b, s, sc]) t.dispose(); }
  });

  it("the heatmap PNG is a valid PNG (CRCs checked with zlib.crc32, pixels inflate back)", () => {
    const rgb = new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]);
    const png = encodePngRgb(2, 2, rgb);
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    let off = 8; const types: string[] = []; let idat = Buffer.alloc(0);
    while (off < png.length) {
      const len = png.readUInt32BE(off); const type = png.toString("ascii", off + 4, off + 8);
      const body = png.subarray(off + 8, off + 8 + len);
      expect(png.readUInt32BE(off + 8 + len)).toBe(zlib.crc32(png.subarray(off + 4, off + 8 + len)));
      if (type === "IHDR") { expect(body.readUInt32BE(0)).toBe(2); expect(body.readUInt32BE(4)).toBe(2); }
      if (type === "IDAT") idat = Buffer.concat([idat, body]);
      types.push(type); off += 12 + len;
    }
    expect(types).toEqual(["IHDR", "IDAT", "IEND"]);
    expect([...zlib.inflateSync(idat)]).toEqual([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 10, 20, 30]);
  });
});

describe("table formatters escape cells and truncate", () => {
  const evil = "<script>alert('x')</script>";

  it("arquero: escaped HTML table, counts, '… N more rows', text/plain", () => {
    const t = aq.table({ id: Array.from({ length: 50 }, (_, i) => i), [evil]: Array.from({ length: 50 }, (_, i) => (i === 0 ? evil : `r${i}`)) });
    const b = formatValue(t);
    const html = String(b["text/html"]);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    expect(html).toContain("arquero table: 50 rows × 2 columns");
    expect(html).toContain("… 30 more rows");
    expect((html.match(/<tr>/g) ?? []).length).toBe(1 + 20);
    const text = String(b["text/plain"]);
    expect(text.split("\n")[0]).toBe("arquero table: 50 rows × 2 columns");
    expect(text.split("\n").at(-1)).toBe("… 30 more rows");
  });

  it("arquero: filtered rows only, and the grouping named", () => {
    const t = aq.table({ phase: ["a", "b", "a", "b"], v: [1, 2, 3, 4] }).filter((d: { v: number }) => d.v > 1).groupby("phase");
    const text = String(formatValue(t)["text/plain"]);
    expect(text.split("\n")[0]).toBe("arquero table: 3 rows × 2 columns (grouped by phase)");
    expect(text).not.toMatch(/\n\s*a\s+1$/m);
  });

  it("danfo DataFrame and Series: escaped, with index and dtypes", async () => {
    const dfd = await import("danfojs-node");
    const df = new dfd.DataFrame({ a: [1.5, 2, 3], b: [evil, "y", "z"] });
    const html = String(formatValue(df)["text/html"]);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("danfo DataFrame: 3 rows × 2 columns");
    expect(html).toContain("float32");
    const series = new dfd.Series([evil, "ok"]);
    const sh = formatValue(series);
    expect(String(sh["text/html"])).not.toContain("<script>");
    expect(String(sh["text/plain"])).toMatch(/^danfo Series: 2 rows × 1 column/);
    const long = new dfd.DataFrame({ v: Array.from({ length: 100 }, (_, i) => i) });
    expect(String(formatValue(long)["text/plain"]).split("\n").at(-1)).toBe("… 80 more rows");
  }, 60_000);
});

describe("Plotly figures", () => {
  const spec = { data: [{ x: [1, 2, 3], y: [2, 1, 3], type: "scatter" }], layout: { title: { text: "a </script><script>alert(1)</script> title" } } };

  it("carry plotly JSON, text/plain and text/html with no http(s) script source", () => {
    resetPlotlyInlining();
    const b = formatValue(figure(spec));
    expect(Object.keys(b).sort()).toEqual(["application/vnd.plotly.v1+json", "text/html", "text/plain"]);
    expect(b["application/vnd.plotly.v1+json"]).toEqual({ data: spec.data, layout: spec.layout, config: {} });
    expect(b["text/plain"]).toBe("Plotly figure: a </script><script>alert(1)</script> title (1 trace)");
    const html = String(b["text/html"]);
    expect(html).not.toMatch(/<script[^>]*\bsrc\s*=/i);
    expect(html).not.toMatch(/<link[^>]*https?:/i);
    // the spec's "</script>" cannot close the drawing script early
    const draw = html.slice(html.lastIndexOf("<script"));
    expect(draw.match(/<\/script>/g)).toHaveLength(1);
  });

  it("inline plotly.js once per process; later figures wait for window.Plotly; reset re-inlines", () => {
    const lib = fs.readFileSync(new URL("../../node_modules/plotly.js-dist-min/plotly.min.js", import.meta.url), "utf8");
    resetPlotlyInlining();
    const first = String(formatValue(figure(spec))["text/html"]);
    const second = String(formatValue(figure(spec))["text/html"]);
    expect(plotlyInlined()).toBe(true);
    expect(first).toContain(lib);
    expect(first.length).toBeGreaterThan(4_000_000);
    expect(second).not.toContain("plotly.js v");
    expect(second.length).toBeLessThan(5_000);
    expect(second).toContain("window.Plotly");
    expect(second).toContain("replab:plotly-ready");
    resetPlotlyInlining();
    expect(String(formatValue(figure(spec))["text/html"])).toContain(lib);
  });

  it("figure() rejects a spec without a data array, naming the fix", () => {
    expect(() => figure({} as never)).toThrow(/figure: spec=.* has no data array; pass \{ data: \[traces…\]/);
    expect(() => figure({ data: [], layout: [] as never })).toThrow(/figure: spec.layout=array of length 0 is not an object/);
  });
});

describe("formatter registry", () => {
  it("a user formatter overrides a built-in one, and a failing formatter falls back to text saying why", async () => {
    const { registerFormatter } = await import("../../lib/display/index.js");
    const t = aq.table({ a: [1] });
    const undo = registerFormatter((v) => v === t, () => ({ "text/html": "<b>mine</b>" }), "mine");
    try { expect(formatValue(t)["text/html"]).toBe("<b>mine</b>"); } finally { undo(); }
    expect(String(formatValue(t)["text/html"])).toContain("arquero table");
    const undo2 = registerFormatter((v) => v === t, () => { throw new Error("boom"); }, "broken");
    try {
      const b = formatValue(t);
      expect(b["text/html"]).toBeUndefined();
      expect(b["text/plain"]).toMatch(/\(the broken formatter failed: boom\)$/);
    } finally { undo2(); }
  });
});
