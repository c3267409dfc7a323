import * as aq from "arquero";
import { isArqueroTable, require_, requireInteger, rng, getSeed } from "../core/index.js";
import { openRunLog } from "../frames/index.js";
import type { Completion, Policy, SampleOptions } from "./policies/policy.js";
import { checkSamplingOptions } from "./policies/sampling.js";
import { extractBoxedAnswer } from "./extract-boxed.js";

/** A prompt to roll out: its id, its text, and any fields the reward needs (e.g. `reference`). */
export interface RolloutPrompt {
  prompt_id: string;
  prompt: string;
  [field: string]: unknown;
}

/** One row of a rollout table. */
export interface RolloutRow {
  prompt_id: string;
  sample: number;
  prompt: string;
  text: string;
  /** The extracted final answer (null when none). */
  answer: string | null;
  /** Number of tokens. */
  tokens: number;
  /** Sum of token logprobs. */
  logprob: number;
  /** Mean per-token entropy of the sampling distribution (nats; null when the policy does not report it). */
  entropy: number | null;
  /** The reward (null without a reward function). */
  reward: number | null;
  finish_reason: string;
  /** The seed this prompt's samples were drawn with. */
  seed: number;
}

/** Options for {@link sampleRollouts}. */
export interface SampleRolloutsOptions extends Omit<SampleOptions, "seed"> {
  /** Run seed (default: the session seed); each prompt's samples use a seed derived from it and the prompt id. */
  seed?: number;
  /** Scores a completion (e.g. a verifier); may be async. */
  reward?: (completion: Completion, prompt: RolloutPrompt) => number | Promise<number>;
  /** Pulls the final answer out of a completion's text (default: last \boxed{…}, else the trimmed text). */
  extractAnswer?: (text: string) => string | null;
  /** JSONL file that rows are appended to as they are made; rerunning with the same file resumes. */
  log?: string;
  /** Prompts sampled concurrently (default 4). */
  concurrency?: number;
  /** Called after each prompt with (prompts done, prompts in all). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Samples `n` completions for every prompt from `policy`, scores them, and returns the rollout
 * table, an arquero table with one row per prompt × sample (prompt_id, sample, prompt, text,
 * answer, tokens, logprob, entropy, reward, finish_reason, seed). The prompts are a table (one
 * row per prompt: prompt_id, prompt, and any column the reward reads, e.g. reference) or an
 * array of such objects. With `log`, each prompt's rows are
 * appended to a JSONL run log (keyed by prompt_id + sample) as soon as they exist; a rerun after a
 * crash reads them back, samples only what is missing (with the same per-prompt seeds, so the
 * result equals an uninterrupted run) and never writes a row twice.
 */
export async function sampleRollouts(policy: Policy, promptsIn: readonly RolloutPrompt[] | aq.ColumnTable, options: SampleRolloutsOptions): Promise<aq.ColumnTable> {
  const where = "sampleRollouts";
  // a prompt table (one row per prompt: prompt_id, prompt, and any fields the reward reads) or prompt objects
  const prompts = (isArqueroTable(promptsIn) ? promptsIn.objects() : promptsIn) as readonly RolloutPrompt[];
  require_(policy && typeof policy.sample === "function", where, "policy", policy, "is not a Policy", "pass a TabularPolicy, CharLM policy or OpenAIPolicy");
  require_(Array.isArray(prompts) && prompts.length > 0, where, "prompts", prompts, "is empty", "pass at least one {prompt_id, prompt}");
  requireInteger(where, "n", options.n, 1);
  checkSamplingOptions(where, options);
  const ids = new Set<string>();
  prompts.forEach((p, i) => {
    require_(typeof p.prompt_id === "string" && typeof p.prompt === "string", where, `prompts[${i}]`, p, "lacks a string prompt_id or prompt", "pass {prompt_id: string, prompt: string}");
    require_(!ids.has(p.prompt_id), where, `prompts[${i}].prompt_id`, p.prompt_id, "is used twice", "give each prompt a distinct id");
    ids.add(p.prompt_id);
  });
  const seed = options.seed ?? getSeed();
  const concurrency = options.concurrency ?? 4;
  requireInteger(where, "concurrency", concurrency, 1);
  const extract = options.extractAnswer ?? ((t: string) => extractBoxedAnswer(t) ?? (t.trim() === "" ? null : t.trim()));
  const log = options.log ? openRunLog<RolloutRow>(options.log, { key: (r) => `${r.prompt_id}\u0000${r.sample}` }) : null;
  const base = rng(seed);
  const { reward, log: _l, concurrency: _c, onProgress, extractAnswer: _e, ...sampling } = options;

  const todo = prompts.filter((p) => !log || !Array.from({ length: options.n }, (_, s) => log.has(`${p.prompt_id}\u0000${s}`)).every(Boolean));
  let done = prompts.length - todo.length;
  const fresh: RolloutRow[] = [];
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const p = todo[next++]!;
      const promptSeed = base.fork(p.prompt_id).uint32();
      const [completions] = await policy.sample([p.prompt], { ...sampling, n: options.n, seed: promptSeed });
      require_(completions && completions.length === options.n, where, "policy", policy.name, `returned ${completions?.length} completions for n=${options.n}`, "fix the policy's sample()");
      const rows: RolloutRow[] = [];
      for (let s = 0; s < completions.length; s++) {
        const c = completions[s]!;
        const ent = c.tokenEntropies && c.tokenEntropies.length ? c.tokenEntropies.reduce((a, b) => a + b, 0) / c.tokenEntropies.length : null;
        rows.push({
          prompt_id: p.prompt_id, sample: s, prompt: p.prompt, text: c.text, answer: extract(c.text), tokens: c.tokens.length,
          logprob: c.logprob, entropy: ent, reward: reward ? await reward(c, p) : null, finish_reason: c.finishReason, seed: promptSeed,
        });
      }
      if (log) log.append(rows); else fresh.push(...rows);
      done++;
      onProgress?.(done, prompts.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
  const all = log ? log.rows() : fresh;
  const order = new Map(prompts.map((p, i) => [p.prompt_id, i]));
  const rows = all.filter((r) => order.has(r.prompt_id) && r.sample < options.n).sort((a, b) => order.get(a.prompt_id)! - order.get(b.prompt_id)! || a.sample - b.sample);
  return aq.from(rows);
}
