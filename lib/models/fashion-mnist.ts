import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { ReplabError, require_ } from "../core/errors.js";
import type { LabelledData } from "./labelled-data.js";

/** Where Debian's package `dataset-fashion-mnist` puts the four idx files. */
export const FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";

/** The ten Fashion-MNIST classes, by label. */
export const FASHION_MNIST_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"] as const;

/** Options of {@link loadFashionMnist}. */
export interface FashionMnistOptions {
  /** `"train"` (60,000 images), `"test"` (10,000) — default "train". */
  split?: "train" | "test";
  /** Folder holding `{train,t10k}-{images-idx3,labels-idx1}-ubyte(.gz)`; default Debian's {@link FASHION_MNIST_DIR}, or `$REPLAB_FASHION_MNIST`. */
  dir?: string;
  /** Average-pool p×p blocks (1, 2 or 4): 28×28 → 14×14 (196 features) or 7×7 (49) for fast runs; default 1. */
  pool?: 1 | 2 | 4;
  /** Keep only the first `perClass` images of each class (in file order); default all. */
  perClass?: number;
}

const cache = new Map<string, LabelledData>();

function readIdx(file: string, magic: number): Buffer {
  const candidates = [file, `${file}.gz`];
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) {
    throw new ReplabError(
      `loadFashionMnist: ${path.basename(file)}(.gz) is not in ${path.dirname(file)}; install Debian's package with ` +
      "`sudo apt-get install dataset-fashion-mnist` (it puts the files in /usr/share/datasets/fashion-mnist), or download the four " +
      "idx files from https://github.com/zalandoresearch/fashion-mnist and pass their folder as `dir` (or set REPLAB_FASHION_MNIST)",
    );
  }
  const raw = fs.readFileSync(found);
  const buf = found.endsWith(".gz") ? zlib.gunzipSync(raw) : raw;
  if (buf.readUInt32BE(0) !== magic) throw new ReplabError(`loadFashionMnist: ${found} is not an idx file (magic ${buf.readUInt32BE(0).toString(16)}, expected ${magic.toString(16)}); restore it from the package or the original download`);
  return buf;
}

/**
 * Fashion-MNIST (Xiao, Rasul & Vollgraf 2017, arXiv 1708.07747; zalandoresearch/fashion-mnist):
 * 70,000 28×28 grey images of ten clothing classes, read from the idx files of Debian's
 * `dataset-fashion-mnist` as replab/models' {@link LabelledData}: `x` row-major n×784 grey levels
 * divided by 255 (average-pooled when `pool` > 1), `y` the labels 0–9 (see
 * {@link FASHION_MNIST_CLASSES}). Cached per option set; callers must not mutate the result.
 * The 60,000/10,000 split is the dataset's own; use `splitTrainTest` for other splits.
 */
export function loadFashionMnist(options: FashionMnistOptions = {}): LabelledData {
  const split = options.split ?? "train";
  require_(split === "train" || split === "test", "loadFashionMnist", "split", split, 'is not "train" or "test"', 'pass split: "train" (60,000 images) or "test" (10,000)');
  const pool = options.pool ?? 1;
  require_(pool === 1 || pool === 2 || pool === 4, "loadFashionMnist", "pool", pool, "is not 1, 2 or 4", "pool 2×2 blocks (pool: 2, 196 features) or 4×4 (pool: 4, 49 features), or leave it out");
  const perClass = options.perClass;
  require_(perClass === undefined || (Number.isInteger(perClass) && perClass >= 1), "loadFashionMnist", "perClass", perClass, "is not a whole number ≥ 1", "pass how many images of each class to keep, or leave it out for all");
  const dir = options.dir ?? process.env.REPLAB_FASHION_MNIST ?? FASHION_MNIST_DIR;
  const key = JSON.stringify([dir, split, pool, perClass ?? null]);
  const hit = cache.get(key);
  if (hit) return hit;

  const prefix = split === "train" ? "train" : "t10k";
  const images = readIdx(path.join(dir, `${prefix}-images-idx3-ubyte`), 0x803);
  const labels = readIdx(path.join(dir, `${prefix}-labels-idx1-ubyte`), 0x801);
  const total = images.readUInt32BE(4), rows = images.readUInt32BE(8), cols = images.readUInt32BE(12);
  if (labels.readUInt32BE(4) !== total || rows !== 28 || cols !== 28) throw new ReplabError(`loadFashionMnist: ${dir} holds ${total} images of ${rows}×${cols} and ${labels.readUInt32BE(4)} labels; expected 28×28 images with one label each`);

  const keep: number[] = [];
  const seen = new Int32Array(10);
  for (let i = 0; i < total; i++) {
    const c = labels[8 + i]!;
    if (perClass === undefined || seen[c]! < perClass) { keep.push(i); seen[c]!++; }
  }
  const side = 28 / pool, features = side * side, scale = 1 / (255 * pool * pool);
  const x = new Float32Array(keep.length * features);
  const y = new Int32Array(keep.length);
  keep.forEach((i, r) => {
    y[r] = labels[8 + i]!;
    const img = 16 + i * 784, out = r * features;
    for (let a = 0; a < side; a++) {
      for (let b = 0; b < side; b++) {
        let s = 0;
        for (let u = 0; u < pool; u++) for (let v = 0; v < pool; v++) s += images[img + (a * pool + u) * 28 + b * pool + v]!;
        x[out + a * side + b] = s * scale;
      }
    }
  });
  const data: LabelledData = { x, y, n: keep.length, features };
  cache.set(key, data);
  return data;
}
