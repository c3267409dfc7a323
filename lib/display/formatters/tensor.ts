import { deviceKind } from "../../core/device-kind.js";
import { escapeHtml } from "../../core/html.js";
import type { MimeBundle } from "../mime.js";
import { cellText } from "./cell.js";
import { heatmapDataUrl } from "./heatmap-png.js";

/**
 * The part of a tf.Tensor the formatter uses. Duck-typed (no instanceof), so a tensor from any
 * copy of tfjs renders; every op is a chained method, so it runs in the tensor's own engine.
 */
interface TensorLike {
  shape: number[];
  dtype: string;
  size: number;
  rank: number;
  isDisposed: boolean;
  dataId: object;
  dataSync(): ArrayLike<number | string | Uint8Array>;
  dispose(): void;
  cast(dtype: string): TensorLike;
  min(): TensorLike;
  max(): TensorLike;
  mean(axis?: number[]): TensorLike;
  sum(axis?: number): TensorLike;
  sqrt(): TensorLike;
  add(x: TensorLike | number): TensorLike;
  squaredDifference(x: TensorLike | number): TensorLike;
  isFinite(): TensorLike;
  zerosLike(): TensorLike;
  where(condition: TensorLike, other: TensorLike): TensorLike;
  slice(begin: number[], size: number[]): TensorLike;
  gather(indices: number[], axis: number): TensorLike;
  pad(paddings: Array<[number, number]>, constantValue?: number): TensorLike;
  avgPool(filterSize: [number, number], strides: [number, number], pad: "valid"): TensorLike;
  reshape(shape: number[]): TensorLike;
}

/** True for a tf.Tensor from any copy of tfjs: shape, dtype, dataId, dataSync and chained ops. */
export function isTensor(value: unknown): boolean {
  const v = value as Record<string, unknown> | null;
  return v !== null && typeof v === "object" && Array.isArray(v.shape) && typeof v.dtype === "string" && typeof v.dataId === "object" &&
    typeof v.dataSync === "function" && typeof v.slice === "function" && typeof v.min === "function" && typeof v.size === "number";
}

/** Bounds on what leaves the device when a tensor is shown. */
export const TENSOR_PREVIEW = {
  /** Elements shown along the last axis. */
  cols: 10,
  /** Elements shown along the second-to-last axis. */
  rows: 8,
  /** Entries shown along each leading axis (at most two leading axes; deeper ones show entry 0). */
  leading: 2,
  /** Largest side of the on-device-downsampled heatmap of a 2-D tensor. */
  heatmap: 64,
} as const;

/** Summary statistics, each computed on the device and read back as one scalar. */
export interface TensorStats {
  min: number;
  max: number;
  mean: number;
  /** Population standard deviation (ddof = 0, as numpy.std). */
  std: number;
  /** Elements that are NaN or ±Infinity; the other statistics are over the finite elements. */
  nonFinite: number;
}

/** Runs `fn` with a tracker; every tensor passed to `keep` is disposed at the end (tf.tidy for any copy of tfjs). */
function withTracked<R>(fn: (keep: (t: TensorLike) => TensorLike) => R): R {
  const made: TensorLike[] = [];
  try {
    return fn((t) => { made.push(t); return t; });
  } finally {
    for (const t of made) if (!t.isDisposed) t.dispose();
  }
}

function scalar(t: TensorLike): number {
  return Number(t.dataSync()[0]);
}

/**
 * Sum of all elements, reduced on the device in two levels (rows of ⌈√n⌉ zero-padded, then
 * the row sums) so float32 accumulation error grows with √n rather than n; one scalar is read.
 * (Ops are chosen to stay on the device: tfjs-wasm's `slice` copies its whole input to JS.)
 */
function deviceSum(x: TensorLike, keep: (t: TensorLike) => TensorLike): number {
  const n = x.size;
  const c = Math.max(1, Math.ceil(Math.sqrt(n)));
  const q = Math.ceil(n / c);
  let flat = keep(x.reshape([n]));
  if (q * c > n) flat = keep(flat.pad([[0, q * c - n]], 0));
  return scalar(keep(keep(keep(flat.reshape([q, c])).sum(1)).sum()));
}

/** The first `k` entries along `axis`, by an on-device gather (tfjs-wasm's `slice` would copy the whole input off the heap). */
function head(t: TensorLike, axis: number, k: number, keep: (t: TensorLike) => TensorLike): TensorLike {
  if (k >= t.shape[axis]!) return t;
  return keep(t.gather(Array.from({ length: k }, (_, i) => i), axis));
}

/**
 * min, max, mean and std (ddof = 0, two-pass: mean, then mean squared deviation) of a numeric
 * tensor, reduced on the device; only a few scalars are read back. Non-finite elements are counted and left out of the statistics.
 */
export function tensorStats(tensor: unknown): TensorStats {
  const t = tensor as TensorLike;
  return withTracked((keep) => {
    const f = t.dtype === "float32" ? t : keep(t.cast("float32"));
    const finiteMask = keep(f.isFinite());
    const finite = deviceSum(keep(finiteMask.cast("float32")), keep);
    const nonFinite = t.size - finite;
    if (finite === 0) return { min: Number.NaN, max: Number.NaN, mean: Number.NaN, std: Number.NaN, nonFinite };
    let x = f, lo = f, hi = f;
    if (nonFinite > 0) {
      const zeros = keep(f.zerosLike());
      x = keep(f.where(finiteMask, zeros));
      lo = keep(f.where(finiteMask, keep(zeros.add(Number.POSITIVE_INFINITY))));
      hi = keep(f.where(finiteMask, keep(zeros.add(Number.NEGATIVE_INFINITY))));
    }
    const min = scalar(keep(lo.min()));
    const max = scalar(keep(hi.max()));
    const mean = deviceSum(x, keep) / finite;
    let sq = keep(x.squaredDifference(mean));
    if (nonFinite > 0) sq = keep(sq.where(finiteMask, keep(f.zerosLike())));
    const std = Math.sqrt(deviceSum(sq, keep) / finite);
    return { min, max, mean, std, nonFinite };
  });
}

/** The shape of the corner that the preview shows. */
export function previewShape(shape: readonly number[]): number[] {
  const r = shape.length;
  return shape.map((d, i) => Math.min(d, i === r - 1 ? TENSOR_PREVIEW.cols : i === r - 2 ? TENSOR_PREVIEW.rows : i < 2 ? TENSOR_PREVIEW.leading : 1));
}

/** Reads the preview corner of a tensor: a slice made on the device, so only its elements are copied off. */
export function tensorPreview(tensor: unknown): { shape: number[]; values: ArrayLike<number | string | Uint8Array> } {
  const t = tensor as TensorLike;
  const shape = previewShape(t.shape);
  if (t.rank === 0) return { shape: [], values: t.dataSync() };
  return withTracked((keep) => {
    if (t.dtype === "string") return { shape, values: Array.from(keep(t.slice(shape.map(() => 0), shape)).dataSync()) };
    let c = t;
    shape.forEach((k, axis) => { c = head(c, axis, k, keep); });
    return { shape, values: Array.from(c.dataSync()) };
  });
}

/**
 * A downsampled view of a 2-D tensor for its heatmap: block means over blocks of ⌈rows/64⌉ ×
 * ⌈cols/64⌉ (an on-device average pool, "valid" padding: rows and columns past the last whole
 * block are left out). Only the ≤ 64×64 grid is read back.
 */
export function tensorHeatmapGrid(tensor: unknown): { rows: number; cols: number; blockRows: number; blockCols: number; values: ArrayLike<number> } {
  const t = tensor as TensorLike;
  const [R, C] = t.shape as [number, number];
  const br = Math.ceil(R / TENSOR_PREVIEW.heatmap), bc = Math.ceil(C / TENSOR_PREVIEW.heatmap);
  const rows = Math.floor(R / br), cols = Math.floor(C / bc);
  return withTracked((keep) => {
    const f = t.dtype === "float32" ? t : keep(t.cast("float32"));
    const grid = br === 1 && bc === 1 ? f : keep(keep(f.reshape([1, R, C, 1])).avgPool([br, bc], [br, bc], "valid"));
    return { rows, cols, blockRows: br, blockCols: bc, values: Float32Array.from(grid.dataSync() as ArrayLike<number>) };
  });
}

function backendName(): { backend: string; device: string } {
  const engine = (globalThis as { _tfengine?: { backendName?: string } })._tfengine;
  const backend = engine?.backendName ?? "unknown";
  return { backend, device: deviceKind(backend) };
}

/** Nested text of a preview corner, with "…" where the tensor goes on. */
function previewText(full: readonly number[], shape: readonly number[], values: ArrayLike<unknown>): string {
  if (shape.length === 0) return cellText(values[0]);
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const rec = (axis: number, offset: number, indent: string): string => {
    const parts: string[] = [];
    for (let i = 0; i < shape[axis]!; i++) {
      parts.push(axis === shape.length - 1 ? cellText(values[offset + i]) : rec(axis + 1, offset + i * strides[axis]!, indent + " "));
    }
    if (full[axis]! > shape[axis]!) parts.push("…");
    return "[" + parts.join(axis === shape.length - 1 ? ", " : ",\n" + indent + " ") + "]";
  };
  return rec(0, 0, "");
}

function matrixHtml(full: readonly number[], shape: readonly number[], values: ArrayLike<unknown>, offset: number): string {
  const r = shape.length;
  const nr = r >= 2 ? shape[r - 2]! : 1, nc = shape[r - 1]!;
  const moreCols = full[r - 1]! > nc, moreRows = r >= 2 && full[r - 2]! > nr;
  const td = 'style="text-align:right;padding:1px 6px;font-family:monospace"';
  let out = '<table style="border-collapse:collapse">';
  for (let i = 0; i < nr; i++) {
    out += "<tr>";
    for (let j = 0; j < nc; j++) out += `<td ${td}>${escapeHtml(cellText(values[offset + i * nc + j]))}</td>`;
    if (moreCols) out += `<td ${td}>…</td>`;
    out += "</tr>";
  }
  if (moreRows) out += `<tr><td ${td}>⋮</td></tr>`;
  return out + "</table>";
}

function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/**
 * MIME bundle for a tf.Tensor: shape, dtype, backend/device, summary statistics computed on the
 * device, a bounded corner preview, and for 2-D numeric tensors a heatmap of an on-device
 * downsampled view. At most the preview corner (≤ 4·8·10 elements), the heatmap grid (≤ 64×64)
 * and a few scalars are copied off the device; every intermediate tensor is disposed.
 */
export function formatTensor(tensor: unknown): MimeBundle {
  const t = tensor as TensorLike;
  if (t.isDisposed) {
    const text = `Tensor ${t.dtype} ${fmtShape(t.shape)} (disposed)`;
    return { "text/plain": text, "text/html": `<div class="replab-tensor"><code>${escapeHtml(text)}</code></div>` };
  }
  const { backend, device } = backendName();
  const numeric = t.dtype !== "string" && t.dtype !== "complex64";
  const head = `Tensor ${t.dtype} ${fmtShape(t.shape)} on ${backend} (${device}) · ${t.size.toLocaleString("en-US")} element${t.size === 1 ? "" : "s"}`;
  let statsLine = "";
  if (numeric && t.size > 0) {
    const s = tensorStats(t);
    statsLine = `min ${cellText(s.min)} · max ${cellText(s.max)} · mean ${cellText(s.mean)} · std ${cellText(s.std)}` +
      (s.nonFinite > 0 ? ` · ${s.nonFinite} non-finite (NaN/±Inf) left out of these stats` : "");
  }
  let preview: { shape: number[]; values: ArrayLike<unknown> } | null = null;
  if (t.size > 0 && t.dtype !== "complex64") {
    try { preview = tensorPreview(t); } catch { preview = null; }
  }
  const text = [head, statsLine, preview ? previewText(t.shape, preview.shape, preview.values) : ""].filter((s) => s !== "").join("\n");

  let body = "";
  if (preview) {
    const ps = preview.shape;
    if (ps.length <= 2) body = matrixHtml(t.shape, ps.length === 0 ? [1] : ps, preview.values, 0);
    else {
      const lead = ps.slice(0, -2);
      const block = ps.at(-1)! * ps.at(-2)!;
      const count = lead.reduce((a, b) => a * b, 1);
      for (let k = 0; k < count; k++) {
        const idx: number[] = [];
        let rem = k;
        for (let a = lead.length - 1; a >= 0; a--) { idx.unshift(rem % lead[a]!); rem = Math.floor(rem / lead[a]!); }
        body += `<div style="color:#666;font-size:90%">[${idx.join(", ")}, :, :]</div>` + matrixHtml(t.shape, ps, preview.values, k * block);
      }
      if (t.shape.slice(0, -2).some((d, i) => d > lead[i]!)) body += '<div style="color:#666">… more slices</div>';
    }
  }
  let heat = "";
  if (numeric && t.rank === 2 && t.shape[0]! >= 2 && t.shape[1]! >= 2) {
    const g = tensorHeatmapGrid(t);
    const png = heatmapDataUrl(g.values, g.rows, g.cols);
    const scale = Math.max(1, Math.floor(256 / Math.max(g.rows, g.cols)));
    const note = g.blockRows > 1 || g.blockCols > 1 ? `heatmap of ${g.blockRows}×${g.blockCols} block means` : "heatmap";
    heat = `<div style="margin-left:1em"><img class="replab-heatmap" alt="${escapeHtml(note)}" src="${png.url}" width="${g.cols * scale}" height="${g.rows * scale}" style="image-rendering:pixelated;border:1px solid #ccc"/>` +
      `<div style="color:#666;font-size:85%">${escapeHtml(note)}; viridis ${escapeHtml(cellText(png.min))} → ${escapeHtml(cellText(png.max))}</div></div>`;
  }
  const html = `<div class="replab-tensor"><div><code>${escapeHtml(head)}</code></div>` +
    (statsLine ? `<div style="color:#444;font-size:90%">${escapeHtml(statsLine)}</div>` : "") +
    `<div style="display:flex;align-items:flex-start">${body}${heat}</div></div>`;
  return { "text/plain": text, "text/html": html };
}
