import { require_, requireFinite, requireInteger, type Rng } from "../../core/index.js";

/** Decoding settings shared by every policy (the OpenAI API's names, plus top-k and min-p). */
export interface SamplingOptions {
  /** Softmax temperature (default 1); 0 means greedy decoding (argmax). */
  temperature?: number;
  /** Keep only the k most likely tokens (0 or undefined: no limit). */
  topK?: number;
  /** Nucleus sampling (Holtzman et al. 2020): the smallest set of most likely tokens whose mass reaches top_p (default 1). */
  topP?: number;
  /** Min-p sampling (Nguyen et al. 2024): drop tokens whose probability is below min_p × the top probability (default 0). */
  minP?: number;
}

/** Checks sampling options once, naming the calling function in errors. */
export function checkSamplingOptions(where: string, o: SamplingOptions): void {
  if (o.temperature !== undefined) { requireFinite(where, "temperature", o.temperature); require_(o.temperature >= 0, where, "temperature", o.temperature, "is negative", "use a temperature ≥ 0 (0 = greedy)"); }
  if (o.topK !== undefined) requireInteger(where, "topK", o.topK, 0);
  if (o.topP !== undefined) { requireFinite(where, "topP", o.topP); require_(o.topP > 0 && o.topP <= 1, where, "topP", o.topP, "is outside (0, 1]", "use 0 < topP ≤ 1"); }
  if (o.minP !== undefined) { requireFinite(where, "minP", o.minP); require_(o.minP >= 0 && o.minP <= 1, where, "minP", o.minP, "is outside [0, 1]", "use 0 ≤ minP ≤ 1"); }
}

/**
 * The distribution a token is drawn from, after the usual logits processors in vLLM's and Hugging
 * Face's order: temperature (softmax(logits / T); T = 0 puts all mass on the argmax), then top-k,
 * then top-p (keep the most likely tokens until their mass reaches p, always at least one), then
 * min-p (drop tokens below min_p · max prob), renormalised. Writes into `out` (length = logits).
 */
export function samplingDistribution(logits: ArrayLike<number>, options: SamplingOptions = {}, out: Float64Array = new Float64Array(logits.length)): Float64Array {
  const V = logits.length;
  const T = options.temperature ?? 1;
  let maxI = 0;
  for (let i = 1; i < V; i++) if (logits[i]! > logits[maxI]!) maxI = i;
  if (T === 0) { out.fill(0); out[maxI] = 1; return out; }
  const m = logits[maxI]!;
  let z = 0;
  for (let i = 0; i < V; i++) { const e = Math.exp((logits[i]! - m) / T); out[i] = e; z += e; }
  for (let i = 0; i < V; i++) out[i]! /= z;
  const topK = options.topK ?? 0, topP = options.topP ?? 1, minP = options.minP ?? 0;
  if ((topK > 0 && topK < V) || topP < 1) {
    const order = Array.from({ length: V }, (_, i) => i).sort((a, b) => out[b]! - out[a]! || a - b);
    const limit = topK > 0 ? Math.min(topK, V) : V;
    // top-p's mass is measured after top-k has renormalised (as HF applies the warpers in turn)
    let keptMass = 0;
    for (let r = 0; r < limit; r++) keptMass += out[order[r]!]!;
    const keep = new Uint8Array(V);
    let mass = 0;
    for (let r = 0; r < limit; r++) {
      const i = order[r]!;
      keep[i] = 1;
      mass += out[i]! / keptMass;
      if (mass >= topP) break;
    }
    for (let i = 0; i < V; i++) if (!keep[i]) out[i] = 0;
  }
  if (minP > 0) {
    let top = 0;
    for (let i = 0; i < V; i++) if (out[i]! > top) top = out[i]!;
    for (let i = 0; i < V; i++) if (out[i]! < minP * top) out[i] = 0;
  }
  let s = 0;
  for (let i = 0; i < V; i++) s += out[i]!;
  for (let i = 0; i < V; i++) out[i]! /= s;
  return out;
}

/** A drawn token: its index, log-probability under the sampling distribution and that distribution's entropy (nats). */
export interface SampledToken {
  index: number;
  logprob: number;
  entropy: number;
}

/** Shannon entropy (nats) of a probability vector; a value that is not a probability (null, NaN, ±Infinity, < 0, > 1) is a ReplabError naming its index. */
export function entropyOf(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (typeof v !== "number" || !(v >= 0 && v <= 1)) require_(false, "entropyOf", `p[${i}]`, v, "is not a probability", "pass probabilities in [0, 1] (e.g. from samplingDistribution)");
    if (v > 0) h -= v * Math.log(v);
  }
  return h;
}

/** Draws one token from `logits` after {@link samplingDistribution}, using the seeded `random`. */
export function sampleToken(logits: ArrayLike<number>, options: SamplingOptions, random: Rng, scratch?: Float64Array): SampledToken {
  const p = samplingDistribution(logits, options, scratch);
  const index = random.categorical(p);
  return { index, logprob: Math.log(p[index]!), entropy: entropyOf(p) };
}

/**
 * Batched sampling: `logits` holds `batch` rows of `vocab` logits (row-major); draws one token per
 * row with the same options and generator. Returns indices, logprobs and entropies per row.
 */
export function sampleTokens(logits: ArrayLike<number>, vocab: number, options: SamplingOptions, random: Rng): { index: Int32Array; logprob: Float64Array; entropy: Float64Array } {
  requireInteger("sampleTokens", "vocab", vocab, 1);
  require_(logits.length % vocab === 0, "sampleTokens", "logits", logits, `has length ${logits.length}, not a multiple of vocab=${vocab}`, "pass batch × vocab logits, row-major");
  checkSamplingOptions("sampleTokens", options);
  const B = logits.length / vocab;
  const index = new Int32Array(B), logprob = new Float64Array(B), entropy = new Float64Array(B);
  const scratch = new Float64Array(vocab);
  const row = new Float64Array(vocab);
  for (let b = 0; b < B; b++) {
    for (let v = 0; v < vocab; v++) row[v] = logits[b * vocab + v]!;
    const t = sampleToken(row, options, random, scratch);
    index[b] = t.index; logprob[b] = t.logprob; entropy[b] = t.entropy;
  }
  return { index, logprob, entropy };
}
