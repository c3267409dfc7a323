import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ReplabError } from "../core/errors.js";
import type { LabelledData } from "../models/index.js";

/**
 * The 8×8 digits (datasets/optdigits-8x8.csv) as replab/models' labelled data: `x` is the
 * row-major n×64 pixel matrix (grey levels 0–16 divided by 16), `y` the digit labels 0–9,
 * n = 1,797 images, 64 features. The same type as `LabelledData`.
 */
export type Digits = LabelledData;

let cached: Digits | null = null;

/** Path of a file in the project's datasets/ folder. */
export function datasetPath(name: string): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Works from lib/frames (sources, under vitest) and dist/lib/frames (built).
  for (const up of ["../..", "../../.."]) {
    const p = path.resolve(here, up, "datasets", name);
    if (fs.existsSync(p)) return p;
  }
  throw new ReplabError(`datasetPath: name=${JSON.stringify(name)} is not in datasets/; check the file name (see datasets/README.md)`);
}

/**
 * Loads the UCI optical-recognition digits, 8×8 (Alpaydin & Kaynak 1998; scikit-learn's
 * `load_digits`), shipped in datasets/. Cached after the first call; callers must not mutate it.
 */
export function loadDigits(): Digits {
  if (cached) return cached;
  const lines = fs.readFileSync(datasetPath("optdigits-8x8.csv"), "utf8").trim().split("\n");
  const header = lines[0]!.split(",");
  const labelCol = header.indexOf("label");
  if (labelCol < 0 || header.length !== 65) throw new ReplabError("loadDigits: datasets/optdigits-8x8.csv has an unexpected header; restore the file from the repository");
  const n = lines.length - 1;
  const x = new Float32Array(n * 64);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const cells = lines[i + 1]!.split(",");
    let k = 0;
    for (let j = 0; j < cells.length; j++) {
      if (j === labelCol) y[i] = Number(cells[j]);
      else x[i * 64 + k++] = Number(cells[j]) / 16;
    }
  }
  cached = { x, y, n, features: 64 };
  return cached;
}
