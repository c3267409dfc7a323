import { rng, getSeed, require_, requireInteger, requireFinite, ReplabError } from "../../core/index.js";
import type { Completion, Policy, SampleOptions } from "./policy.js";
import { checkSamplingOptions, sampleToken } from "./sampling.js";
import { Adam } from "../../models/index.js";
import { gruLogits, gruLossAndGrad, gruParams, gruStep, initGru, type GruSequence, type GruWeights } from "./gru.js";
import { gruLossAndGradTfjs } from "./gru-tfjs.js";

/** Characters the default char LM knows; token 0 is the start/end-of-text token. */
export const CHAR_LM_DEFAULT_ALPHABET = "0123456789+-*=\\boxed{} ";

/** Options for {@link CharLM.create}. */
export interface CharLMOptions {
  /** Characters of the vocabulary (the start/end token is added as id 0). */
  alphabet?: string;
  /** GRU hidden size (default 64). */
  hidden?: number;
  /** Initialisation seed. */
  seed?: number;
  name?: string;
}

/** A (prompt, completion) pair to learn or score. */
export interface CharLMExample {
  prompt: string;
  completion: string;
}

/** Options for {@link CharLM.train}. */
export interface CharLMTrainOptions {
  steps: number;
  /** Sequences per step (default 32). */
  batchSize?: number;
  /** Adam learning rate (default 0.01). */
  lr?: number;
  seed?: number;
  /** Called after each step with (step, loss). */
  onStep?: (step: number, loss: number) => void;
  /** "js" (default): hand-written BPTT; "tfjs": tfjs autodiff on the chosen backend (for GPU backends). */
  engine?: "js" | "tfjs";
}

/** Options for {@link CharLM.sample} beyond the shared {@link SampleOptions}. */
export interface CharLMSampleOptions extends SampleOptions {
  /** Carry the GRU state from step to step (default true). false recomputes the whole prefix at every step — the no-cache baseline. */
  useCache?: boolean;
}

/**
 * A small character-level language model: one-hot input → GRU (Cho et al. 2014, PyTorch's gate
 * layout r, z, n) → linear → softmax, trained with hand-written backpropagation through time and
 * Adam on Float32Arrays (checked against torch autograd in the tests). Trained in seconds on
 * generated arithmetic; samples n completions per prompt in a batch, carrying the recurrent state
 * from step to step — the recurrent analogue of a transformer's KV cache (`useCache: false`
 * recomputes the prefix instead). Implements {@link Policy}.
 *
 * Two engines compute the same gradients: hand-written loops ("js", the default: at this size each
 * tfjs op costs more in dispatch than in arithmetic — ≈0.5 s per training step on the wasm backend
 * here against tens of ms) and tfjs autodiff ("tfjs", for GPU backends). Tests check both against
 * torch autograd.
 */
export class CharLM implements Policy {
  readonly name: string;
  readonly alphabet: string;
  readonly weights: GruWeights;
  private readonly charIndex = new Map<string, number>();
  private optimizer: Adam | null = null;

  private constructor(alphabet: string, hidden: number, seed: number, name: string) {
    this.name = name;
    this.alphabet = alphabet;
    [...alphabet].forEach((c, i) => this.charIndex.set(c, i + 1));
    this.weights = initGru(alphabet.length + 1, hidden, rng(seed).fork("char-lm-init"));
  }

  /** Creates a model with seeded initial weights. */
  static async create(options: CharLMOptions = {}): Promise<CharLM> {
    const alphabet = options.alphabet ?? CHAR_LM_DEFAULT_ALPHABET, hidden = options.hidden ?? 64;
    requireInteger("CharLM.create", "hidden", hidden, 1);
    require_(new Set(alphabet).size === alphabet.length && alphabet.length > 0, "CharLM.create", "alphabet", alphabet, "is empty or repeats a character", "list each character once");
    return new CharLM(alphabet, hidden, options.seed ?? getSeed(), options.name ?? "char-gru");
  }

  /** Vocabulary size (alphabet + the start/end token). */
  get vocab(): number { return this.weights.V; }

  /** Number of trainable parameters. */
  get parameterCount(): number { return gruParams(this.weights).reduce((s, p) => s + p.length, 0); }

  /** A deep copy (e.g. a frozen reference before RL). */
  clone(name = this.name): CharLM {
    const c = new CharLM(this.alphabet, this.weights.H, 0, name);
    gruParams(c.weights).forEach((p, k) => p.set(gruParams(this.weights)[k]!));
    return c;
  }

  /** Token ids of `text` (no start/end token); errors on characters outside the alphabet. */
  encode(text: string): number[] {
    return [...text].map((c, i) => {
      const id = this.charIndex.get(c);
      if (id === undefined) throw new ReplabError(`CharLM.encode: text=${JSON.stringify(text)} has ${JSON.stringify(c)} at ${i}, outside the alphabet ${JSON.stringify(this.alphabet)}; create the model with an alphabet that includes it`);
      return id;
    });
  }

  private sequence(e: CharLMExample, weight = 1, withEnd = true): GruSequence {
    const p = this.encode(e.prompt), c = this.encode(e.completion);
    return { ids: [0, ...p, ...c, ...(withEnd ? [0] : [])], from: p.length + 1, weight };
  }

  private async optimize(seqs: GruSequence[], lr: number, engine: "js" | "tfjs" = "js"): Promise<number> {
    if (!this.optimizer) this.optimizer = new Adam(gruParams(this.weights), lr);
    this.optimizer.lr = lr;
    const { loss, grads } = engine === "tfjs" ? await gruLossAndGradTfjs(this.weights, seqs) : gruLossAndGrad(this.weights, seqs);
    this.optimizer.step(gruParams(this.weights), grads);
    return loss;
  }

  /** Mean negative log-likelihood per completion token (end token included) and its gradients, without updating. */
  lossAndGradients(examples: ReadonlyArray<CharLMExample & { weight?: number }>): { loss: number; grads: Float32Array[] } {
    return gruLossAndGrad(this.weights, examples.map((e) => this.sequence(e, e.weight ?? 1)));
  }

  /** Supervised training (Adam) on prompt → completion pairs, sampled with replacement; returns the loss per step. */
  async train(examples: readonly CharLMExample[], options: CharLMTrainOptions): Promise<number[]> {
    requireInteger("CharLM.train", "steps", options.steps, 1);
    require_(examples.length > 0, "CharLM.train", "examples", examples, "is empty", "pass prompt/completion pairs, e.g. arithmeticProblems(…).map(p => ({prompt: p.prompt, completion: p.target}))");
    const B = options.batchSize ?? 32, lr = options.lr ?? 0.01, engine = options.engine ?? "js";
    require_(engine === "js" || engine === "tfjs", "CharLM.train", "engine", engine, "is not an engine", `use "js" or "tfjs"`);
    requireInteger("CharLM.train", "batchSize", B, 1);
    requireFinite("CharLM.train", "lr", lr);
    const r = rng(options.seed ?? getSeed()).fork("char-lm-train");
    const seqs = examples.map((e) => this.sequence(e));
    const losses: number[] = [];
    for (let s = 0; s < options.steps; s++) {
      const batch = Array.from({ length: B }, () => seqs[r.int(seqs.length)]!);
      const loss = await this.optimize(batch, lr, engine);
      losses.push(loss);
      options.onStep?.(s, loss);
      if (s % 25 === 24) await new Promise((res) => setImmediate(res)); // let progress output through
    }
    return losses;
  }

  /**
   * One policy-gradient step (Adam at `lr`, default 0.003): ascends
   * (1/T) Σ_i w_i Σ_t log π(y_i,t | prompt, y_i,<t) over the completions' tokens (the end token
   * included when the completion stopped). With w_i = group advantages this is REINFORCE / GRPO at
   * ratio 1. For later steps on the same samples, pass each item's `oldLogprob` (its
   * `sequenceLogprobs` when sampled) and `clip` = ε: the PPO clipped surrogate min(ρA, clip(ρ, 1±ε)A)
   * with a *sequence-level* ratio ρ = π(y)/π_old(y) (as GSPO; GRPO clips per token) — its gradient
   * is ρ·A·∇log π(y) inside the clip range and 0 where the clip binds. Rows with zero weight are skipped.
   * Returns the loss and the share of items the clip switched off.
   */
  async policyGradientStep(items: ReadonlyArray<CharLMExample & { weight: number; stopped?: boolean; oldLogprob?: number }>, options: { lr?: number; engine?: "js" | "tfjs"; clip?: number } = {}): Promise<{ loss: number; clipFraction: number }> {
    require_(items.length > 0, "CharLM.policyGradientStep", "items", items, "is empty", "pass completions with weights (advantages)");
    items.forEach((it, i) => requireFinite("CharLM.policyGradientStep", `items[${i}].weight`, it.weight));
    let weights = items.map((it) => it.weight);
    let clipped = 0;
    if (options.clip !== undefined) {
      const eps = options.clip;
      requireFinite("CharLM.policyGradientStep", "clip", eps);
      items.forEach((it, i) => requireFinite("CharLM.policyGradientStep", `items[${i}].oldLogprob`, it.oldLogprob));
      const now = this.sequenceLogprobs(items);
      weights = items.map((it, i) => {
        const ratio = Math.exp(now[i]! - it.oldLogprob!);
        if ((it.weight > 0 && ratio > 1 + eps) || (it.weight < 0 && ratio < 1 - eps)) { clipped++; return 0; }
        return it.weight * ratio;
      });
    }
    const seqs = items.map((it, i) => this.sequence(it, weights[i]!, it.stopped ?? true)).filter((s) => s.weight !== 0);
    if (seqs.length === 0) return { loss: 0, clipFraction: clipped / items.length };
    return { loss: await this.optimize(seqs, options.lr ?? 0.003, options.engine), clipFraction: clipped / items.length };
  }

  /**
   * log π(completion | prompt) for each example under the model (temperature 1), the end token
   * included when `stopped` is not false — the same quantity a sampled completion's `logprob`
   * reports plus its end token. Use it with a frozen `clone()` as the reference in a KL penalty.
   */
  sequenceLogprobs(examples: ReadonlyArray<CharLMExample & { stopped?: boolean }>): number[] {
    const w = this.weights, H = w.H, V = w.V;
    const gh = new Float32Array(3 * H), logits = new Float64Array(V);
    return examples.map((e) => {
      const seq = this.sequence(e, 1, e.stopped ?? true);
      let h = new Float32Array(H), next = new Float32Array(H), total = 0;
      for (let t = 0; t < seq.ids.length - 1; t++) {
        gruStep(w, seq.ids[t]!, h, next, gh);
        [h, next] = [next, h];
        if (t + 1 < seq.from) continue;
        gruLogits(w, h, logits);
        let m = -Infinity;
        for (let v = 0; v < V; v++) if (logits[v]! > m) m = logits[v]!;
        let z = 0;
        for (let v = 0; v < V; v++) z += Math.exp(logits[v]! - m);
        total += logits[seq.ids[t + 1]!]! - m - Math.log(z);
      }
      return total;
    });
  }

  /** Samples n completions per prompt (the n rows step together), stopping at the end token or maxTokens (default 12). */
  async sample(prompts: readonly string[], options: CharLMSampleOptions): Promise<Completion[][]> {
    requireInteger("CharLM.sample", "n", options.n, 1);
    checkSamplingOptions("CharLM.sample", options);
    const maxTokens = options.maxTokens ?? 12;
    requireInteger("CharLM.sample", "maxTokens", maxTokens, 1);
    const useCache = options.useCache ?? true;
    const random = rng(options.seed ?? getSeed());
    const w = this.weights, H = w.H, V = w.V;
    const gh = new Float32Array(3 * H), logits = new Float64Array(V), scratch = new Float64Array(V);
    return prompts.map((prompt) => {
      const n = options.n;
      const promptIds = [0, ...this.encode(prompt)];
      const run = (ids: readonly number[]): Float32Array => {
        let h = new Float32Array(H), next = new Float32Array(H);
        for (const id of ids) { gruStep(w, id, h, next, gh); [h, next] = [next, h]; }
        return h;
      };
      const h0 = run(promptIds);
      const hs = Array.from({ length: n }, () => Float32Array.from(h0));
      const tmp = new Float32Array(H);
      const generated: number[][] = Array.from({ length: n }, () => []);
      const lps: number[][] = Array.from({ length: n }, () => []);
      const ents: number[][] = Array.from({ length: n }, () => []);
      const done = new Uint8Array(n);
      for (let b = 0; b < n; b++) {
        for (let t = 0; t < maxTokens; t++) {
          const h = useCache ? hs[b]! : run([...promptIds, ...generated[b]!]);
          gruLogits(w, h, logits);
          const tok = sampleToken(logits, options, random, scratch);
          if (tok.index === 0) { done[b] = 1; break; }
          generated[b]!.push(tok.index); lps[b]!.push(tok.logprob); ents[b]!.push(tok.entropy);
          if (useCache) { gruStep(w, tok.index, h, tmp, gh); h.set(tmp); }
        }
      }
      return generated.map((g, b) => {
        const tokens = g.map((id) => this.alphabet[id - 1]!);
        return { text: tokens.join(""), tokens, tokenLogprobs: lps[b]!, tokenEntropies: ents[b]!, logprob: lps[b]!.reduce((s, v) => s + v, 0), finishReason: done[b] ? "stop" as const : "length" as const };
      });
    });
  }
}
