import { tfReady, tf, rng, getSeed, require_, requireInteger, requireFinite, ReplabError } from "../../core/index.js";
import type { Completion, Policy } from "./policy.js";
import { checkSamplingOptions, sampleToken } from "./sampling.js";
import type { CharLMExample, CharLMSampleOptions } from "./char-lm.js";
import { CHAR_LM_DEFAULT_ALPHABET } from "./char-lm.js";

/** Options for {@link TinyTransformerLM.create}. */
export interface TinyTransformerOptions {
  alphabet?: string;
  /** Model width (default 32). */
  dModel?: number;
  /** Layers (default 2). */
  layers?: number;
  /** Longest sequence, prompt + completion + start/end (default 32). */
  context?: number;
  seed?: number;
  name?: string;
}

interface Layer { Wq: Float32Array; Wk: Float32Array; Wv: Float32Array; Wo: Float32Array; W1: Float32Array; b1: Float32Array; W2: Float32Array; b2: Float32Array }

/**
 * A tiny decoder-only transformer over characters (single-head causal self-attention, pre-RMSNorm
 * without gains, ReLU MLP of width 4·d, learned positions), trained with tfjs autodiff and Adam, and
 * sampled in plain loops with a **KV cache**: each new token attends to the keys and values cached
 * for earlier positions instead of recomputing the prefix (`useCache: false` recomputes it — the
 * baseline the benchmark compares). Implements {@link Policy}.
 */
export class TinyTransformerLM implements Policy {
  readonly name: string;
  readonly alphabet: string;
  readonly V: number; readonly D: number; readonly T: number;
  readonly E: Float32Array; readonly P: Float32Array; readonly layers: Layer[]; readonly Wout: Float32Array; readonly bout: Float32Array;
  private readonly charIndex = new Map<string, number>();
  private optimizer: tf.Optimizer | null = null;

  private constructor(alphabet: string, D: number, L: number, T: number, seed: number, name: string) {
    this.name = name; this.alphabet = alphabet; this.V = alphabet.length + 1; this.D = D; this.T = T;
    [...alphabet].forEach((c, i) => this.charIndex.set(c, i + 1));
    const r = rng(seed).fork("tiny-transformer-init");
    const mat = (n: number, fanIn: number) => Float32Array.from({ length: n }, () => r.normal(0, 1 / Math.sqrt(fanIn)));
    this.E = mat(this.V * D, 1); this.P = mat(T * D, 4);
    this.layers = Array.from({ length: L }, () => ({ Wq: mat(D * D, D), Wk: mat(D * D, D), Wv: mat(D * D, D), Wo: mat(D * D, D * L), W1: mat(D * 4 * D, D), b1: new Float32Array(4 * D), W2: mat(4 * D * D, 4 * D * L), b2: new Float32Array(D) }));
    this.Wout = mat(D * this.V, D); this.bout = new Float32Array(this.V);
  }

  /** Creates a model with seeded weights (after choosing the tfjs backend, which training uses). */
  static async create(options: TinyTransformerOptions = {}): Promise<TinyTransformerLM> {
    await tfReady();
    const D = options.dModel ?? 32, L = options.layers ?? 2, T = options.context ?? 32;
    requireInteger("TinyTransformerLM.create", "dModel", D, 1);
    requireInteger("TinyTransformerLM.create", "layers", L, 1);
    requireInteger("TinyTransformerLM.create", "context", T, 2);
    return new TinyTransformerLM(options.alphabet ?? CHAR_LM_DEFAULT_ALPHABET, D, L, T, options.seed ?? getSeed(), options.name ?? "char-transformer");
  }

  /** All weight arrays, in a fixed order. */
  params(): Float32Array[] {
    return [this.E, this.P, ...this.layers.flatMap((l) => [l.Wq, l.Wk, l.Wv, l.Wo, l.W1, l.b1, l.W2, l.b2]), this.Wout, this.bout];
  }

  private shapes(): number[][] {
    const D = this.D;
    return [[this.V, D], [this.T, D], ...this.layers.flatMap(() => [[D, D], [D, D], [D, D], [D, D], [D, 4 * D], [4 * D], [4 * D, D], [D]]), [D, this.V], [this.V]];
  }

  /** Token ids of `text`; errors on characters outside the alphabet. */
  encode(text: string): number[] {
    return [...text].map((c, i) => {
      const id = this.charIndex.get(c);
      if (id === undefined) throw new ReplabError(`TinyTransformerLM.encode: text=${JSON.stringify(text)} has ${JSON.stringify(c)} at ${i}, outside the alphabet ${JSON.stringify(this.alphabet)}; create the model with an alphabet that includes it`);
      return id;
    });
  }

  /** Logits for every position of `ids` (teacher forcing) in tfjs: [L, V] per row of a [B, L] batch. */
  private tfLogits(vars: tf.Tensor[], ids: tf.Tensor2D): tf.Tensor3D {
    const [B, L] = ids.shape; const D = this.D;
    const rms = (x: tf.Tensor) => tf.div(x, tf.sqrt(tf.add(tf.mean(tf.square(x), -1, true), 1e-5)));
    let k = 2;
    let x: tf.Tensor = tf.add(tf.reshape(tf.matMul(tf.reshape(tf.oneHot(ids, this.V).toFloat(), [B * L, this.V]), vars[0]!), [B, L, D]), tf.slice(vars[1]!, [0, 0], [L, D]));
    const mask = tf.mul(tf.sub(1, tf.linalg.bandPart(tf.ones([L, L]), -1, 0)), -1e9);
    for (let l = 0; l < this.layers.length; l++) {
      const [Wq, Wk, Wv, Wo, W1, b1, W2, b2] = vars.slice(k, k + 8) as tf.Tensor2D[]; k += 8;
      const h = tf.reshape(rms(x), [B * L, D]);
      const q = tf.reshape(tf.matMul(h, Wq), [B, L, D]), kk = tf.reshape(tf.matMul(h, Wk), [B, L, D]), v = tf.reshape(tf.matMul(h, Wv), [B, L, D]);
      const att = tf.softmax(tf.add(tf.div(tf.matMul(q, kk, false, true), Math.sqrt(D)), mask));
      x = tf.add(x, tf.reshape(tf.matMul(tf.reshape(tf.matMul(att, v), [B * L, D]), Wo), [B, L, D]));
      const h2 = tf.reshape(rms(x), [B * L, D]);
      x = tf.add(x, tf.reshape(tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(h2, W1), b1!)), W2), b2!), [B, L, D]));
    }
    return tf.reshape(tf.add(tf.matMul(tf.reshape(rms(x), [B * L, D]), vars[k]!), vars[k + 1]!), [B, L, this.V]) as tf.Tensor3D;
  }

  private toSequence(where: string, e: CharLMExample, weight: number, withEnd: boolean): { ids: number[]; from: number; weight: number } {
    const p = this.encode(e.prompt), c = this.encode(e.completion);
    const ids = [0, ...p, ...c, ...(withEnd ? [0] : [])];
    require_(ids.length <= this.T, where, "examples", e.prompt + e.completion, `needs ${ids.length} positions but the context is ${this.T}`, "create the model with a longer context");
    return { ids, from: p.length + 1, weight };
  }

  /** One Adam step on −(1/T) Σ_seq w Σ_{completion tokens} log π, in tfjs; returns the loss. */
  private async tfStep(vars: tf.Variable[], batch: ReadonlyArray<{ ids: number[]; from: number; weight: number }>, lr: number): Promise<number> {
    if (!this.optimizer) this.optimizer = tf.train.adam(lr);
    const B = batch.length, L = Math.max(...batch.map((b) => b.ids.length));
    const inp = new Int32Array(B * (L - 1)), tgt = new Int32Array(B * (L - 1)), m = new Float32Array(B * (L - 1));
    let count = 0;
    batch.forEach((b, i) => { for (let t = 0; t < L - 1; t++) { inp[i * (L - 1) + t] = b.ids[t] ?? 0; tgt[i * (L - 1) + t] = b.ids[t + 1] ?? 0; if (t + 1 < b.ids.length && t + 1 >= b.from) { m[i * (L - 1) + t] = b.weight; count++; } } });
    const ids = tf.tensor2d(inp, [B, L - 1], "int32"), targets = tf.oneHot(tf.tensor1d(tgt, "int32"), this.V).toFloat(), mask = tf.tensor1d(m);
    const cost = this.optimizer.minimize(() => {
      const lp = tf.logSoftmax(tf.reshape(this.tfLogits(vars, ids), [B * (L - 1), this.V]));
      return tf.neg(tf.div(tf.sum(tf.mul(tf.sum(tf.mul(lp, targets), 1), mask)), Math.max(1, count))) as tf.Scalar;
    }, true, vars)!;
    const loss = cost.dataSync()[0]!;
    tf.dispose([cost, ids, targets, mask]);
    return loss;
  }

  private async withVariables<T>(fn: (vars: tf.Variable[]) => Promise<T>): Promise<T> {
    await tfReady();
    const vars = this.params().map((p, i) => tf.variable(tf.tensor(p, this.shapes()[i]!)));
    try {
      const out = await fn(vars);
      vars.forEach((v, i) => this.params()[i]!.set(v.dataSync() as Float32Array));
      return out;
    } finally {
      tf.dispose(vars);
    }
  }

  /** Supervised training with tfjs autodiff and Adam on prompt → completion pairs; returns the loss per step. */
  async train(examples: readonly CharLMExample[], options: { steps: number; batchSize?: number; lr?: number; seed?: number; onStep?: (step: number, loss: number) => void }): Promise<number[]> {
    requireInteger("TinyTransformerLM.train", "steps", options.steps, 1);
    require_(examples.length > 0, "TinyTransformerLM.train", "examples", examples, "is empty", "pass prompt/completion pairs");
    const B = options.batchSize ?? 32, lr = options.lr ?? 0.003;
    requireFinite("TinyTransformerLM.train", "lr", lr);
    const r = rng(options.seed ?? getSeed()).fork("tiny-transformer-train");
    const seqs = examples.map((e) => this.toSequence("TinyTransformerLM.train", e, 1, true));
    return this.withVariables(async (vars) => {
      const losses: number[] = [];
      for (let s = 0; s < options.steps; s++) {
        const loss = await this.tfStep(vars, Array.from({ length: B }, () => seqs[r.int(seqs.length)]!), lr);
        losses.push(loss);
        options.onStep?.(s, loss);
      }
      return losses;
    });
  }

  /**
   * One on-policy policy-gradient step (Adam, tfjs): ascends (1/T) Σ_i w_i Σ_t log π(y_i,t | …)
   * over the completions' tokens (end token included when `stopped`); with w_i = group advantages
   * this is REINFORCE / GRPO at ratio 1. Rows with zero weight are skipped; returns the loss.
   */
  async policyGradientStep(items: ReadonlyArray<CharLMExample & { weight: number; stopped?: boolean }>, options: { lr?: number } = {}): Promise<number> {
    require_(items.length > 0, "TinyTransformerLM.policyGradientStep", "items", items, "is empty", "pass completions with weights (advantages)");
    items.forEach((it, i) => requireFinite("TinyTransformerLM.policyGradientStep", `items[${i}].weight`, it.weight));
    const seqs = items.filter((it) => it.weight !== 0).map((it) => this.toSequence("TinyTransformerLM.policyGradientStep", it, it.weight, it.stopped ?? true));
    if (seqs.length === 0) return 0;
    return this.withVariables((vars) => this.tfStep(vars, seqs, options.lr ?? 0.001));
  }

  /** Logits of the next token after each position, computed in plain loops (for checking the tfjs path). */
  logitsFor(ids: readonly number[]): Float64Array[] {
    const cache = this.newCache();
    return ids.map((id, t) => this.stepCached(id, t, cache));
  }

  private newCache(): { k: Float32Array[][]; v: Float32Array[][] } {
    return { k: this.layers.map(() => []), v: this.layers.map(() => []) };
  }

  /** One position through the network, attending to (and extending) the KV cache; returns next-token logits. */
  private stepCached(id: number, t: number, cache: { k: Float32Array[][]; v: Float32Array[][] }): Float64Array {
    const D = this.D;
    if (t >= this.T) throw new ReplabError(`TinyTransformerLM: position ${t} is beyond the context of ${this.T}; lower maxTokens or create the model with a longer context`);
    const x = new Float32Array(D);
    for (let j = 0; j < D; j++) x[j] = this.E[id * D + j]! + this.P[t * D + j]!;
    const rms = (a: Float32Array) => { let s = 0; for (let j = 0; j < D; j++) s += a[j]! * a[j]!; const c = 1 / Math.sqrt(s / D + 1e-5); return a.map((v) => v * c); };
    const matvec = (a: Float32Array, W: Float32Array, n: number, out = new Float32Array(n)) => { for (let i = 0; i < a.length; i++) { const ai = a[i]!; if (ai === 0) continue; const base = i * n; for (let j = 0; j < n; j++) out[j] = out[j]! + ai * W[base + j]!; } return out; };
    this.layers.forEach((l, li) => {
      const h = rms(x);
      const q = matvec(h, l.Wq, D), k = matvec(h, l.Wk, D), v = matvec(h, l.Wv, D);
      cache.k[li]!.push(k); cache.v[li]!.push(v);
      const keys = cache.k[li]!, vals = cache.v[li]!;
      const scores = new Float64Array(keys.length);
      let m = -Infinity;
      for (let s = 0; s < keys.length; s++) { let d = 0; const ks = keys[s]!; for (let j = 0; j < D; j++) d += q[j]! * ks[j]!; scores[s] = d / Math.sqrt(D); if (scores[s]! > m) m = scores[s]!; }
      let z = 0;
      for (let s = 0; s < keys.length; s++) { scores[s] = Math.exp(scores[s]! - m); z += scores[s]!; }
      const att = new Float32Array(D);
      for (let s = 0; s < keys.length; s++) { const w = scores[s]! / z, vs = vals[s]!; for (let j = 0; j < D; j++) att[j] = att[j]! + w * vs[j]!; }
      const o = matvec(att, l.Wo, D);
      for (let j = 0; j < D; j++) x[j] = x[j]! + o[j]!;
      const h2 = rms(x);
      const a1 = matvec(h2, l.W1, 4 * D, Float32Array.from(l.b1));
      for (let j = 0; j < 4 * D; j++) if (a1[j]! < 0) a1[j] = 0;
      const a2 = matvec(a1, l.W2, D, Float32Array.from(l.b2));
      for (let j = 0; j < D; j++) x[j] = x[j]! + a2[j]!;
    });
    const hf = rms(x);
    const logits = new Float64Array(this.V);
    for (let v = 0; v < this.V; v++) logits[v] = this.bout[v]!;
    for (let i = 0; i < D; i++) { const hi = hf[i]!; for (let v = 0; v < this.V; v++) logits[v]! += hi * this.Wout[i * this.V + v]!; }
    return logits;
  }

  /** Samples n completions per prompt with the KV cache (default) or by recomputing the prefix (useCache: false). */
  async sample(prompts: readonly string[], options: CharLMSampleOptions): Promise<Completion[][]> {
    requireInteger("TinyTransformerLM.sample", "n", options.n, 1);
    checkSamplingOptions("TinyTransformerLM.sample", options);
    const maxTokens = options.maxTokens ?? 12, useCache = options.useCache ?? true;
    const random = rng(options.seed ?? getSeed());
    return prompts.map((prompt) => {
      const promptIds = [0, ...this.encode(prompt)];
      return Array.from({ length: options.n }, () => {
        const ids = promptIds.slice();
        let cache = this.newCache();
        let logits: Float64Array = new Float64Array(0);
        for (let t = 0; t < ids.length; t++) logits = this.stepCached(ids[t]!, t, cache);
        const tokens: string[] = [], lps: number[] = [], ents: number[] = [];
        let finish: "stop" | "length" = "length";
        for (let s = 0; s < maxTokens; s++) {
          const tok = sampleToken(logits, options, random);
          if (tok.index === 0) { finish = "stop"; break; }
          tokens.push(this.alphabet[tok.index - 1]!); lps.push(tok.logprob); ents.push(tok.entropy);
          ids.push(tok.index);
          if (s === maxTokens - 1) break;
          if (useCache) logits = this.stepCached(tok.index, ids.length - 1, cache);
          else { cache = this.newCache(); for (let t = 0; t < ids.length; t++) logits = this.stepCached(ids[t]!, t, cache); }
        }
        return { text: tokens.join(""), tokens, tokenLogprobs: lps, tokenEntropies: ents, logprob: lps.reduce((a, b) => a + b, 0), finishReason: finish };
      });
    });
  }

  /** Next-token logits for every position of `ids`, computed by the tfjs training graph (for checks). */
  async tfjsLogitsFor(ids: readonly number[]): Promise<Float64Array[]> {
    await tfReady();
    const logits = tf.tidy(() => {
      const vars = this.params().map((p, i) => tf.tensor(p, this.shapes()[i]!));
      return this.tfLogits(vars, tf.tensor2d(Int32Array.from(ids), [1, ids.length], "int32"));
    });
    const out = logits.dataSync();
    logits.dispose();
    return ids.map((_, t) => Float64Array.from(out.slice(t * this.V, (t + 1) * this.V)));
  }
}
