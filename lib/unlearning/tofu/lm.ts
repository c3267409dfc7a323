import { tf } from "../../core/backend.js";
import { require_, requireInteger, requireFinite } from "../../core/errors.js";
import { rng } from "../../core/rng.js";
import { type LabelledData, type Mlp, createMlp, softmaxCrossEntropyPerExample } from "../../models/index.js";
import { forgetQuality } from "../metrics/forget-quality.js";
import { modelUtility } from "../metrics/model-utility.js";
import { truthRatio, truthRatioScore } from "../metrics/truth-ratio.js";
import type { TofuFact } from "./toy.js";
import { trainEpochs, crossEntropyLoss } from "../train.js";

const words = (s: string): string[] => s.split(" ").filter((w) => w.length > 0);

/**
 * Word-level encoding for the toy TOFU language model: the next answer word is predicted from
 * the question's words (multi-hot) and the previous answer word (one-hot, with a start token) —
 * a question-conditioned bigram model with an MLP in between.
 */
export class TofuEncoder {
  readonly questionVocab: Map<string, number>;
  readonly answerVocab: Map<string, number>;
  constructor(facts: readonly TofuFact[]) {
    this.questionVocab = new Map();
    this.answerVocab = new Map();
    for (const f of facts) {
      for (const w of words(f.question)) if (!this.questionVocab.has(w)) this.questionVocab.set(w, this.questionVocab.size);
      for (const s of [f.answer, f.paraphrased, ...f.perturbed]) for (const w of words(s)) if (!this.answerVocab.has(w)) this.answerVocab.set(w, this.answerVocab.size);
    }
  }
  /** Input width: question words + previous word (incl. start). */
  get features(): number { return this.questionVocab.size + this.answerVocab.size + 1; }
  /** Output classes: answer words. */
  get classes(): number { return this.answerVocab.size; }

  /**
   * One example per answer word of each (question, answer) pair; `sequence[i]` is the pair the
   * i-th example belongs to.
   */
  encode(pairs: ReadonlyArray<{ question: string; answer: string }>): LabelledData & { sequence: Int32Array; sequences: number } {
    const rows: Array<{ q: number[]; prev: number; y: number; s: number }> = [];
    pairs.forEach((p, s) => {
      const q = words(p.question).map((w) => { const id = this.questionVocab.get(w); require_(id !== undefined, "TofuEncoder.encode", "question", p.question, `has the unknown word ${JSON.stringify(w)}`, "build the encoder from facts that include this question"); return id; });
      let prev = this.answerVocab.size; // start token
      words(p.answer).forEach((w) => {
        const y = this.answerVocab.get(w);
        require_(y !== undefined, "TofuEncoder.encode", "answer", p.answer, `has the unknown word ${JSON.stringify(w)}`, "build the encoder from facts that include this answer");
        rows.push({ q, prev, y, s });
        prev = y;
      });
    });
    const F = this.features, Q = this.questionVocab.size;
    const x = new Float32Array(rows.length * F);
    const y = new Int32Array(rows.length);
    const sequence = new Int32Array(rows.length);
    rows.forEach((r, i) => {
      for (const id of r.q) x[i * F + id] = 1;
      x[i * F + Q + r.prev] = 1;
      y[i] = r.y;
      sequence[i] = r.s;
    });
    return { x, y, n: rows.length, features: F, sequence, sequences: pairs.length };
  }
}

/** Trains the toy TOFU language model on the given facts' answers (seeded MLP from replab/models, SGD on word cross-entropy). */
export async function trainTofuLm(encoder: TofuEncoder, facts: readonly TofuFact[], options: { hidden?: number; epochs?: number; lr?: number; batchSize?: number; seed: number }): Promise<Mlp> {
  requireInteger("trainTofuLm", "seed", options.seed, 0);
  const data = encoder.encode(facts);
  const model = await createMlp({ sizes: [encoder.features, options.hidden ?? 64, encoder.classes], seed: options.seed });
  trainEpochs(model, data, crossEntropyLoss, { epochs: options.epochs ?? 40, lr: options.lr ?? 1.0, batchSize: options.batchSize ?? 64, seed: options.seed });
  return model;
}

/** Mean word negative log-likelihood of each answer given its question (TOFU's length-normalised loss). */
export function answerAvgLosses(model: Mlp, encoder: TofuEncoder, pairs: ReadonlyArray<{ question: string; answer: string }>): Float64Array {
  const data = encoder.encode(pairs);
  const losses = model.lossPerExample(data);
  const sum = new Float64Array(pairs.length), count = new Float64Array(pairs.length);
  for (let i = 0; i < data.n; i++) { sum[data.sequence[i]!]! += losses[i]!; count[data.sequence[i]!]!++; }
  return sum.map((s, i) => s / count[i]!);
}

/** TOFU truth ratios of the facts under `model` (paraphrased answer vs perturbed answers; see `truthRatio`). */
export function tofuTruthRatios(model: Mlp, encoder: TofuEncoder, facts: readonly TofuFact[]): Float64Array {
  const para = answerAvgLosses(model, encoder, facts.map((f) => ({ question: f.question, answer: f.paraphrased })));
  const k = facts[0]?.perturbed.length ?? 0;
  const pert = answerAvgLosses(model, encoder, facts.flatMap((f) => f.perturbed.map((a) => ({ question: f.question, answer: a }))));
  return truthRatio(para, facts.map((_, i) => pert.subarray(i * k, (i + 1) * k)));
}

/** TOFU's headline numbers for the toy set. */
export interface TofuEvaluation {
  /** Forget Quality: ks2samp p-value of forget truth ratios vs the retain-only model's. */
  forgetQuality: number;
  /** Model Utility: harmonic mean of retain answer probability and retain truth-ratio score. */
  modelUtility: number;
  /** Mean length-normalised probability exp(−mean loss) of the trained answers, forget set. */
  forgetProb: number;
  retainProb: number;
  /** mean(max(0, 1 − R)) on the retain set ("true is better"). */
  retainTruthScore: number;
  forgetTruthRatios: Float64Array;
}

/**
 * Evaluates a toy TOFU model (Maini et al. 2024, §2.5): forget quality against the retain-only
 * model's forget truth ratios (`retainModelForgetTruthRatios`), and model utility as the harmonic
 * mean of the retain set's answer probability and truth-ratio score (TOFU also averages in the
 * real-authors and world-facts sets and ROUGE, which the toy set does not have).
 */
export function tofuEvaluate(model: Mlp, encoder: TofuEncoder, facts: readonly TofuFact[], retainModelForgetTruthRatios: ArrayLike<number>): TofuEvaluation {
  const forget = facts.filter((f) => f.split === "forget");
  const retain = facts.filter((f) => f.split === "retain");
  require_(forget.length > 0 && retain.length > 0, "tofuEvaluate", "facts", facts, "has no forget or no retain facts", "pass the whole toy set (generateTofuToy / loadTofuToy)");
  const prob = (fs: readonly TofuFact[]) => { const l = answerAvgLosses(model, encoder, fs); let s = 0; for (const v of l) s += Math.exp(-v); return s / l.length; };
  const forgetTruthRatios = tofuTruthRatios(model, encoder, forget);
  const retainProb = prob(retain);
  const retainTruthScore = truthRatioScore(tofuTruthRatios(model, encoder, retain), "true_better");
  return {
    forgetQuality: forgetQuality(forgetTruthRatios, retainModelForgetTruthRatios),
    modelUtility: modelUtility([retainProb, retainTruthScore]),
    forgetProb: prob(forget), retainProb, retainTruthScore, forgetTruthRatios,
  };
}

/**
 * Unlearns the toy TOFU model's forget facts in place with full-batch steps on the forget answers:
 * - "GA": minimise −CE(forget words);
 * - "GradDiff": −CE(forget) + CE(a seeded retain batch of as many answers);
 * - "NPO": (2/β)·mean_seq softplus(β(log π_θ(a|q) − log π_ref(a|q))) over whole answers (sequence
 *   log-probabilities, Zhang et al. 2024), β = 0.1, π_ref = `reference` (the model before unlearning).
 * Calls `onStep(step)` after every step so callers can evaluate along the way.
 */
export function unlearnTofu(model: Mlp, encoder: TofuEncoder, facts: readonly TofuFact[], options: {
  method: "GA" | "GradDiff" | "NPO"; steps: number; lr: number; seed: number; beta?: number; reference?: Mlp; onStep?: (step: number) => void;
}): void {
  const where = "unlearnTofu";
  require_(["GA", "GradDiff", "NPO"].includes(options.method), where, "method", options.method, "is not a method", 'pass "GA", "GradDiff" or "NPO"');
  requireInteger(where, "steps", options.steps, 0);
  requireFinite(where, "lr", options.lr);
  const forgetFacts = facts.filter((f) => f.split === "forget");
  const retainFacts = facts.filter((f) => f.split === "retain");
  const forget = encoder.encode(forgetFacts);
  const beta = options.beta ?? 0.1;
  let refSeq: Float32Array | null = null;
  if (options.method === "NPO") {
    require_(options.reference !== undefined, where, "reference", options.reference, "is missing", "pass the model before unlearning as reference");
    const l = answerAvgLosses(options.reference!, encoder, forgetFacts);
    const counts = new Float64Array(forget.sequences);
    for (let i = 0; i < forget.n; i++) counts[forget.sequence[i]!]!++;
    refSeq = Float32Array.from(l, (v, s) => -v * counts[s]!);
  }
  const r = rng(options.seed).fork("tofu-unlearn");
  const xf = tf.tensor2d(forget.x, [forget.n, forget.features]);
  const yf = tf.tensor1d(forget.y, "int32");
  // Segment-sum matrix: sequence s ← its words.
  const segment = tf.tidy(() => tf.transpose(tf.oneHot(tf.tensor1d(forget.sequence, "int32"), forget.sequences)));
  const ref = refSeq ? tf.tensor1d(refSeq) : null;
  try {
    for (let step = 1; step <= options.steps; step++) {
      if (options.method === "GradDiff") {
        const batch = Array.from({ length: forgetFacts.length }, () => retainFacts[r.int(retainFacts.length)]!);
        const retain = encoder.encode(batch);
        const x = tf.tensor2d(Float32Array.from([...forget.x, ...retain.x]), [forget.n + retain.n, forget.features]);
        const y = tf.tensor1d(Int32Array.from([...forget.y, ...retain.y]), "int32");
        try {
          model.step(x, (z) => tf.tidy(() => {
            const ce = softmaxCrossEntropyPerExample(z, y);
            return tf.sub(tf.mean(ce.slice(forget.n)), tf.mean(ce.slice(0, forget.n))) as tf.Scalar;
          }), { lr: options.lr });
        } finally { x.dispose(); y.dispose(); }
      } else if (options.method === "GA") {
        model.step(xf, (z) => tf.neg(crossEntropyLoss(z, { y: yf, rows: new Int32Array(0) })), { lr: options.lr });
      } else {
        model.step(xf, (z) => tf.tidy(() => {
          const logp = tf.neg(softmaxCrossEntropyPerExample(z, yf));
          const seq = tf.squeeze(tf.matMul(segment, tf.expandDims(logp, 1)), [1]);
          return tf.mul(tf.mean(tf.softplus(tf.mul(tf.sub(seq, ref!), beta))), 2 / beta) as tf.Scalar;
        }), { lr: options.lr });
      }
      options.onStep?.(step);
    }
  } finally { xf.dispose(); yf.dispose(); segment.dispose(); ref?.dispose(); }
}
