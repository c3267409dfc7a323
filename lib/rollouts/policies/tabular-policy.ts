import * as aq from "arquero";
import { require_, requireInteger, requireFinite, requireFiniteArray, rng, getSeed, ReplabError } from "../../core/index.js";
import type { Completion, Policy, SampleOptions } from "./policy.js";
import { checkSamplingOptions, entropyOf, samplingDistribution } from "./sampling.js";
import { passAtKFromProbability } from "../metrics/pass-at-k.js";
import { truthfulnessFromShares, type TruthOutcome, type TruthfulnessRates, type TruthfulnessWeights } from "../truthfulness.js";

/** One prompt of a tabular policy: a finite set of answers, each with a reward. */
export interface TabularPrompt {
  /** The prompt's id; also the prompt text the policy answers to. */
  id: string;
  /** The answers the policy can give. */
  answers: readonly string[];
  /** The reward of each answer (1 = correct, 0 = wrong, or any finite number). */
  rewards: readonly number[];
  /** Initial logits (default 0: uniform). */
  logits?: readonly number[];
  /**
   * The answer that abstains ("I don't know"), when the prompt offers one: neither right nor a
   * hallucination — TruthRL's "uncertain" outcome (see {@link TabularPolicy.outcome}). It must be
   * one of `answers`, with a reward that is not positive.
   */
  abstain?: string;
}

/** Options for {@link TabularPolicy}. */
export interface TabularPolicyOptions {
  name?: string;
  /**
   * Tie answers with the same text across prompts through one shared logit each
   * (logit = per-prompt logit + shared logit of the answer's text), so that learning on one prompt
   * moves others — the way a network's shared weights do. Default false (independent prompts).
   */
  tieAnswers?: boolean;
}

/**
 * A tabular softmax policy: for each prompt, π(a | prompt) = softmax(logits)[a] over a finite
 * answer set, with exact probabilities, exact pass@k = 1 − (1 − p_correct)^k, and sampling through
 * the shared {@link Policy} interface (one token per completion: the answer). The lab animal for
 * pass@k and PSR/NSR dynamics; update it with {@link tabularPolicyUpdate}.
 */
export class TabularPolicy implements Policy {
  readonly name: string;
  readonly prompts: readonly TabularPrompt[];
  /** Per-prompt logits (mutable: updates write here). */
  readonly logits: Float64Array[];
  /** Shared logits by answer text (only with tieAnswers). */
  readonly shared: Map<string, number> | null;
  /**
   * Shared log inverse temperature s: every prompt's logits are multiplied by e^s (default 0).
   * One parameter for all prompts, like a network's overall confidence; updates move it when
   * `tabularPolicyUpdate(…, { learn: "scale" | "all" })`.
   */
  logScale = 0;
  private readonly index = new Map<string, number>();

  constructor(prompts: readonly TabularPrompt[], options: TabularPolicyOptions = {}) {
    require_(Array.isArray(prompts) && prompts.length > 0, "TabularPolicy", "prompts", prompts, "is empty", "pass at least one prompt with its answers and rewards");
    this.name = options.name ?? "tabular";
    this.prompts = prompts;
    this.logits = prompts.map((p, i) => {
      require_(typeof p.id === "string", "TabularPolicy", `prompts[${i}].id`, p.id, "is not a string", "give every prompt a string id");
      require_(!this.index.has(p.id), "TabularPolicy", `prompts[${i}].id`, p.id, "is used twice", "give every prompt a distinct id");
      this.index.set(p.id, i);
      require_(p.answers.length > 0, "TabularPolicy", `prompts[${i}].answers`, p.answers, "is empty", "give every prompt at least one answer");
      require_(p.rewards.length === p.answers.length, "TabularPolicy", `prompts[${i}].rewards`, p.rewards, `has length ${p.rewards.length} but there are ${p.answers.length} answers`, "give one reward per answer");
      requireFiniteArray("TabularPolicy", `prompts[${i}].rewards`, p.rewards);
      if (p.logits) {
        require_(p.logits.length === p.answers.length, "TabularPolicy", `prompts[${i}].logits`, p.logits, `has length ${p.logits.length} but there are ${p.answers.length} answers`, "give one logit per answer");
        requireFiniteArray("TabularPolicy", `prompts[${i}].logits`, p.logits);
      }
      if (p.abstain !== undefined) {
        const a = p.answers.indexOf(p.abstain);
        require_(a >= 0, "TabularPolicy", `prompts[${i}].abstain`, p.abstain, "is not one of the prompt's answers", "add the abstaining answer (e.g. \"I don't know\") to answers, or leave abstain out");
        require_(!(p.rewards[a]! > 0), "TabularPolicy", `prompts[${i}].rewards[${a}]`, p.rewards[a], "is positive for the abstaining answer", "give the abstaining answer reward 0: an abstention is never a right answer");
      }
      return p.logits ? Float64Array.from(p.logits) : new Float64Array(p.answers.length);
    });
    this.shared = options.tieAnswers ? new Map() : null;
    if (this.shared) for (const p of prompts) for (const a of p.answers) this.shared.set(a, 0);
  }

  /** A copy with the same prompts and current logits (e.g. to keep a frozen reference). */
  clone(name = this.name): TabularPolicy {
    const copy = new TabularPolicy(this.prompts.map((p, i) => ({ ...p, logits: Array.from(this.logits[i]!) })), { name, tieAnswers: this.shared !== null });
    copy.logScale = this.logScale;
    if (this.shared && copy.shared) for (const [k, v] of this.shared) copy.shared.set(k, v);
    return copy;
  }

  /** Index of a prompt by id, with a clear error for unknown ids. */
  promptIndex(id: string): number {
    const i = this.index.get(id);
    if (i === undefined) throw new ReplabError(`TabularPolicy: prompt=${JSON.stringify(id)} is not one of this policy's ${this.prompts.length} prompts; pass a prompt id the policy was built with`);
    return i;
  }

  /** The effective logits of prompt i: e^logScale · (per-prompt + shared). */
  effectiveLogits(i: number): Float64Array {
    const z = Float64Array.from(this.logits[i]!);
    if (this.shared) { const ans = this.prompts[i]!.answers; for (let a = 0; a < z.length; a++) z[a]! += this.shared.get(ans[a]!)!; }
    if (this.logScale !== 0) { const c = Math.exp(this.logScale); for (let a = 0; a < z.length; a++) z[a]! *= c; }
    return z;
  }

  /** π(· | prompt i): softmax of the effective logits. */
  probs(i: number): Float64Array {
    return samplingDistribution(this.effectiveLogits(i), { temperature: 1 });
  }

  /** Expected reward of prompt i: Σ π(a) r(a) (for 0/1 rewards: the probability of a correct answer). */
  expectedReward(i: number): number {
    const p = this.probs(i), r = this.prompts[i]!.rewards;
    let s = 0;
    for (let a = 0; a < p.length; a++) s += p[a]! * r[a]!;
    return s;
  }

  /** Probability that one sample of prompt i is correct (reward > 0). */
  correctProbability(i: number): number {
    const p = this.probs(i), r = this.prompts[i]!.rewards;
    let s = 0;
    for (let a = 0; a < p.length; a++) if (r[a]! > 0) s += p[a]!;
    return Math.min(1, s);
  }

  /**
   * What `answer` to prompt `id` is, in TruthRL's terms (arXiv 2509.25760, §2.1): "abstain" for the
   * prompt's abstaining answer, "correct" for an answer with positive reward, "hallucination" for
   * any other answer (one outside the set included).
   */
  outcome(id: string, answer: string): TruthOutcome {
    const p = this.prompts[this.promptIndex(id)]!;
    if (p.abstain !== undefined && answer === p.abstain) return "abstain";
    const a = p.answers.indexOf(answer);
    return a >= 0 && p.rewards[a]! > 0 ? "correct" : "hallucination";
  }

  /** Exact probabilities of the three outcomes of one sample of prompt i (they sum to 1). */
  outcomeProbabilities(i: number): Record<TruthOutcome, number> {
    const probs = this.probs(i), p = this.prompts[i]!;
    const abstain = p.abstain === undefined ? -1 : p.answers.indexOf(p.abstain);
    let correct = 0, abstained = 0;
    for (let a = 0; a < probs.length; a++) {
      if (a === abstain) abstained += probs[a]!;
      else if (p.rewards[a]! > 0) correct += probs[a]!;
    }
    correct = Math.min(1, correct);
    return { correct, abstain: abstained, hallucination: Math.max(0, 1 - correct - abstained) };
  }

  /**
   * Exact TruthRL rates of one sample per prompt, averaged over prompts (or over `ids`):
   * Acc, Unc, Hall and T = w1·Acc + w2·Unc − w3·Hall (default Acc − Hall), as
   * {@link truthfulnessFromShares} computes them.
   */
  truthfulness(options: { ids?: readonly string[]; weights?: TruthfulnessWeights } = {}): TruthfulnessRates {
    const idx = options.ids ? options.ids.map((id) => this.promptIndex(id)) : this.prompts.map((_, i) => i);
    require_(idx.length > 0, "TabularPolicy.truthfulness", "ids", options.ids, "is empty", "pass at least one prompt id, or leave ids out for all prompts");
    let c = 0, u = 0;
    for (const i of idx) { const o = this.outcomeProbabilities(i); c += o.correct; u += o.abstain; }
    c /= idx.length; u /= idx.length;
    return truthfulnessFromShares(c, u, Math.max(0, 1 - c - u), options.weights);
  }

  /** Exact pass@k averaged over prompts: mean_i 1 − (1 − p_i)^k. */
  passAtK(k: number): number {
    requireInteger("TabularPolicy.passAtK", "k", k, 1);
    let s = 0;
    for (let i = 0; i < this.prompts.length; i++) s += passAtKFromProbability(this.correctProbability(i), k);
    return s / this.prompts.length;
  }

  /** Exact pass@k curve as an arquero table (k, pass_at_k, policy). */
  passAtKCurve(ks: readonly number[]): aq.ColumnTable {
    return aq.table({ k: ks.slice(), pass_at_k: ks.map((k) => this.passAtK(k)), policy: ks.map(() => this.name) });
  }

  /** Mean entropy (nats) of π(· | prompt) over prompts. */
  meanEntropy(): number {
    let s = 0;
    for (let i = 0; i < this.prompts.length; i++) s += entropyOf(this.probs(i));
    return s / this.prompts.length;
  }

  /** The reward of `answer` on prompt `id` (0 for an answer outside the set). */
  reward(id: string, answer: string): number {
    const p = this.prompts[this.promptIndex(id)]!;
    const a = p.answers.indexOf(answer);
    return a < 0 ? 0 : p.rewards[a]!;
  }

  /** Samples n answers per prompt id; each completion is one token (the answer) with its logprob. */
  async sample(prompts: readonly string[], options: SampleOptions): Promise<Completion[][]> {
    return this.sampleSync(prompts, options);
  }

  /** Synchronous {@link sample}. */
  sampleSync(prompts: readonly string[], options: SampleOptions): Completion[][] {
    requireInteger("TabularPolicy.sample", "n", options.n, 1);
    checkSamplingOptions("TabularPolicy.sample", options);
    const random = rng(options.seed ?? getSeed());
    return prompts.map((id) => {
      const i = this.promptIndex(id);
      const p = samplingDistribution(this.effectiveLogits(i), options);
      const h = entropyOf(p);
      const answers = this.prompts[i]!.answers;
      const out: Completion[] = [];
      for (let s = 0; s < options.n; s++) {
        const a = random.categorical(p);
        const lp = Math.log(p[a]!);
        out.push({ text: answers[a]!, tokens: [answers[a]!], tokenLogprobs: [lp], tokenEntropies: [h], logprob: lp, finishReason: "stop" });
      }
      return out;
    });
  }
}

/** Options for {@link randomTabularPrompts}. */
export interface RandomTabularPromptsOptions {
  /** Answers per prompt (default 16), the abstaining answer not counted. */
  answers?: number;
  /** How many of them are right (default 1). */
  correct?: number;
  /** Standard deviation of the base logits (default 2). */
  spread?: number;
  seed?: number;
  /** Draw answer texts from a vocabulary of this size shared by all prompts (default 0: distinct answers per prompt). */
  sharedVocabulary?: number;
  /**
   * Add this abstaining answer (e.g. "I don't know") to every prompt, with reward 0 and a base
   * logit drawn N(0, spread²) like the others (from its own stream, so the other answers' logits
   * are those drawn without it). Set as each prompt's `abstain`.
   */
  abstain?: string;
  /**
   * Share of prompts beyond the policy's knowledge (default 0): round(unknownShare · count) prompts,
   * chosen by the seed, have no right answer among those the policy can give — only wrong answers
   * (and the abstaining one). No amount of sampling solves them; the rest have `correct` right answers.
   */
  unknownShare?: number;
}

/**
 * A family of tabular prompts for experiments: each prompt has `answers` answers of which `correct`
 * are right, with base logits drawn N(0, spread²) from `seed`; optionally an abstaining answer on
 * every prompt and a share of prompts whose right answer lies outside what the policy can say
 * (TruthRL's "out-of-knowledge" questions, arXiv 2509.25760 §3.1).
 */
export function randomTabularPrompts(count: number, options: RandomTabularPromptsOptions = {}): TabularPrompt[] {
  const where = "randomTabularPrompts";
  requireInteger(where, "count", count, 1);
  const A = options.answers ?? 16, C = options.correct ?? 1, spread = options.spread ?? 2;
  requireInteger(where, "answers", A, 1);
  requireInteger(where, "correct", C, 0);
  require_(C <= A, where, "correct", C, `exceeds answers=${A}`, "use correct ≤ answers");
  const vocab = options.sharedVocabulary ?? 0;
  requireInteger(where, "sharedVocabulary", vocab, 0);
  require_(vocab === 0 || vocab >= A, where, "sharedVocabulary", vocab, `is smaller than answers=${A}`, "use 0 (distinct answers per prompt) or a vocabulary ≥ answers");
  const share = options.unknownShare ?? 0;
  requireFinite(where, "unknownShare", share);
  require_(share >= 0 && share <= 1, where, "unknownShare", share, "is not a share in [0, 1]", "pass the share of prompts the policy cannot answer, e.g. 0.4");
  const abstain = options.abstain;
  require_(abstain === undefined || (typeof abstain === "string" && abstain !== ""), where, "abstain", abstain, "is not a non-empty string", "pass the abstaining answer's text, e.g. \"I don't know\"");
  const r = rng(options.seed ?? 0);
  const unknown = new Set(share > 0 ? r.fork("unknown").shuffle(Array.from({ length: count }, (_, i) => i)).slice(0, Math.round(share * count)) : []);
  const abstainLogits = r.fork("abstain");
  const vocabulary = Array.from({ length: vocab }, (_, v) => `a${v}`);
  return Array.from({ length: count }, (_, i) => {
    const answers = vocab > 0 ? r.shuffle(vocabulary).slice(0, A) : Array.from({ length: A }, (_, a) => `p${i}-a${a}`);
    const right = unknown.has(i) ? 0 : C;
    const rewards = answers.map((_, a) => (a < right ? 1 : 0));
    const logits = answers.map(() => r.normal(0, spread));
    if (abstain === undefined) return { id: `p${i}`, answers, rewards, logits };
    require_(!answers.includes(abstain), where, "abstain", abstain, "is also one of the drawn answers", "use an abstaining text that is not an answer (a0, a1, … and p0-a0, … are taken)");
    return { id: `p${i}`, answers: [...answers, abstain], rewards: [...rewards, 0], logits: [...logits, abstainLogits.normal(0, spread)], abstain };
  });
}
