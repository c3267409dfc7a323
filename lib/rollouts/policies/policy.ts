import type { SamplingOptions } from "./sampling.js";

/** One sampled completion with its per-token log-probabilities. */
export interface Completion {
  /** The completion's text (without the prompt). */
  text: string;
  /** Its tokens, as text. */
  tokens: string[];
  /** log-probability of each token under the distribution it was drawn from. */
  tokenLogprobs: number[];
  /** Entropy (nats) of each step's sampling distribution, when the policy knows it. */
  tokenEntropies?: number[];
  /** Sum of tokenLogprobs; NaN when a remote server returned no logprobs (OpenAIPolicy with logprobs: false). */
  logprob: number;
  /** "stop" (ended on its own) or "length" (hit maxTokens). */
  finishReason: "stop" | "length";
}

/** Options for {@link Policy.sample}. */
export interface SampleOptions extends SamplingOptions {
  /** Completions per prompt. */
  n: number;
  /** Most tokens per completion (policies have their own default). */
  maxTokens?: number;
  /** Seed for this call; the same seed gives the same completions. */
  seed?: number;
}

/**
 * The one interface every replab policy implements (tabular, small LM, a remote OpenAI-compatible
 * server): sample `n` completions per prompt, with per-token logprobs. Returns one array of n
 * completions per prompt, in prompt order.
 */
export interface Policy {
  readonly name: string;
  sample(prompts: readonly string[], options: SampleOptions): Promise<Completion[][]>;
}
