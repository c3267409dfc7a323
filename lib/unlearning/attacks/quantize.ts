import { requireFiniteArray, requireInteger, require_ } from "../../core/errors.js";
import type { Mlp } from "../../models/index.js";
import { roundHalfEven } from "../../stats/index.js";

/**
 * Symmetric round-to-nearest (RTN) quantization of a weight matrix, one scale per output unit:
 * for column j of the row-major [rows × cols] matrix W (y = x·W + b), Δ_j = max_i |W_ij| / (2^{b−1} − 1)
 * and W_ij ← Δ_j · clamp(round(W_ij / Δ_j), −(2^{b−1} − 1), 2^{b−1} − 1), ties to even as torch.round —
 * the integer grid of a b-bit signed type, dequantized back to floats. A column of zeros stays zero.
 */
export function quantizeMatrix(W: ArrayLike<number>, rows: number, cols: number, bits: number): Float32Array {
  requireInteger("quantizeMatrix", "bits", bits, 2);
  require_(bits <= 16, "quantizeMatrix", "bits", bits, "is above 16", "quantize to 2…16 bits (int8: 8, int4: 4)");
  requireInteger("quantizeMatrix", "rows", rows, 1);
  requireInteger("quantizeMatrix", "cols", cols, 1);
  require_(W.length === rows * cols, "quantizeMatrix", "W", W, `has ${W.length} entries, not rows·cols = ${rows * cols}`, "pass a row-major matrix");
  requireFiniteArray("quantizeMatrix", "W", W);
  const qmax = 2 ** (bits - 1) - 1;
  const out = new Float32Array(W.length);
  for (let j = 0; j < cols; j++) {
    let m = 0;
    for (let i = 0; i < rows; i++) m = Math.max(m, Math.abs(W[i * cols + j]!));
    if (m === 0) continue;
    const step = m / qmax;
    for (let i = 0; i < rows; i++) out[i * cols + j] = step * Math.min(qmax, Math.max(-qmax, roundHalfEven(W[i * cols + j]! / step)));
  }
  return out;
}

/**
 * A copy of `model` with every weight matrix quantized to `bits` bits by {@link quantizeMatrix}
 * (biases kept in float, as int8/int4 inference keeps them). The quantization probe of Zhang et
 * al. (ICLR 2025, "Catastrophic Failure of LLM Unlearning via Quantization", arXiv 2410.16454):
 * unlearning that moves weights by less than half a quantization step is undone by rounding,
 * and the "forgotten" knowledge returns in the quantized model. They quantize LLMs with RTN,
 * GPTQ and AWQ; replab's probe is the RTN one. Dispose the copy when done.
 */
export function quantizeModel(model: Mlp, bits: number): Mlp {
  requireInteger("quantizeModel", "bits", bits, 2);
  const q = model.clone();
  const weights = q.getWeights();
  for (let l = 0; l + 1 < model.sizes.length; l++) weights[2 * l] = quantizeMatrix(weights[2 * l]!, model.sizes[l]!, model.sizes[l + 1]!, bits);
  q.setWeights(weights);
  return q;
}
