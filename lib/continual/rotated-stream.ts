import { require_, requireFinite, requireInteger } from "../core/errors.js";
import { type LabelledData, checkLabelledData, splitTrainTest } from "../models/index.js";
import { type Task, type TaskStream, makeTaskStream } from "./task-stream.js";

/**
 * Rotates one square image (row-major, `side`×`side`) by `degrees` counter-clockwise about its
 * centre, by bilinear resampling: output pixel (r, c) takes the input at the inverse-rotated
 * position, interpolated from its four neighbours; positions outside the image read as 0
 * (scipy.ndimage.rotate(img, degrees, reshape=False, order=1, mode="grid-constant")).
 */
export function rotateImage(pixels: ArrayLike<number>, side: number, degrees: number, out = new Float32Array(side * side)): Float32Array {
  const theta = (degrees * Math.PI) / 180;
  const cos = Math.cos(theta), sin = Math.sin(theta);
  const centre = (side - 1) / 2;
  const at = (r: number, c: number) => (r < 0 || c < 0 || r >= side || c >= side ? 0 : pixels[r * side + c]!);
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      // Inverse map: rotate the output position by −θ (rows point down, so the sign of sin flips).
      const dy = r - centre, dx = c - centre;
      const sr = cos * dy + sin * dx + centre;
      const sc = -sin * dy + cos * dx + centre;
      const r0 = Math.floor(sr), c0 = Math.floor(sc);
      const fr = sr - r0, fc = sc - c0;
      out[r * side + c] = (1 - fr) * ((1 - fc) * at(r0, c0) + fc * at(r0, c0 + 1)) + fr * ((1 - fc) * at(r0 + 1, c0) + fc * at(r0 + 1, c0 + 1));
    }
  }
  return out;
}

/** Every image of a square-image dataset rotated by `degrees` (see {@link rotateImage}). */
export function rotateData(data: LabelledData, degrees: number): LabelledData {
  const side = Math.round(Math.sqrt(data.features));
  require_(side * side === data.features, "rotateData", "data.features", data.features, "is not a square number", "rotate square images (e.g. 64 = 8×8 pixels)");
  requireFinite("rotateData", "degrees", degrees);
  const x = new Float32Array(data.x.length);
  const f = data.features;
  for (let i = 0; i < data.n; i++) rotateImage(data.x.subarray(i * f, (i + 1) * f), side, degrees, x.subarray(i * f, (i + 1) * f));
  return { x, y: data.y, n: data.n, features: f };
}

/**
 * Rotated stream (Lopez-Paz & Ranzato 2017 "rotated MNIST"; De Lange et al. 2023 use it to vary
 * task dissimilarity), domain-incremental: task t is every image rotated by `angles[t]` degrees.
 * The angle between consecutive tasks is the dissimilarity knob. One seeded train/test split
 * is shared by all tasks.
 */
export function rotatedTaskStream(data: LabelledData, options: { angles: number[]; testFraction?: number; seed: number }): TaskStream {
  checkLabelledData("rotatedTaskStream", "data", data);
  require_(Array.isArray(options?.angles) && options.angles.length > 0, "rotatedTaskStream", "angles", options?.angles, "is not a non-empty list", "pass angles in degrees, e.g. [0, 45, 90]");
  options.angles.forEach((a, i) => requireFinite("rotatedTaskStream", `angles[${i}]`, a));
  requireInteger("rotatedTaskStream", "seed", options.seed, 0);
  const { train, test } = splitTrainTest(data, { testFraction: options.testFraction, seed: options.seed });
  let maxLabel = 0;
  for (let i = 0; i < data.n; i++) maxLabel = Math.max(maxLabel, data.y[i]!);
  const classes = Array.from({ length: maxLabel + 1 }, (_, c) => c);
  const tasks: Task[] = options.angles.map((a, index) => ({ index, name: `rotated ${a}°`, train: rotateData(train, a), test: rotateData(test, a), classes, heads: null }));
  return makeTaskStream("domain-incremental", tasks, classes.length, { kind: "rotated", angles: options.angles.slice(), testFraction: options.testFraction ?? 0.25, seed: options.seed });
}
