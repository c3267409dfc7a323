import { ReplabError, describeValue, require_, requireInteger, rng } from "../core/index.js";
import type { TabularPolicy } from "./policies/tabular-policy.js";
import { tabularPolicyUpdate, type PolicyUpdateOptions, type PolicyUpdateStats } from "./tabular-update.js";

/** Options for {@link trainTabularPolicy}. */
export interface TabularTrainingOptions {
  /** Policy-gradient steps. */
  steps: number;
  /** Answers sampled per prompt and step — GRPO's group size G (default 8). */
  groupSize?: number;
  /**
   * The prompts are dealt into this many interleaved batches (prompt i is in batch i mod `batches`);
   * step s trains batch (−s) mod `batches`, so every prompt is trained once every `batches` steps
   * (default 4; 1 trains every prompt at every step).
   */
  batches?: number;
  /** The reward of `answer` to prompt `prompt` (default: `policy.reward`, the prompt's own rewards). */
  reward?: (prompt: string, answer: string) => number;
  /** Seed of the sampling; step s samples with a seed forked from it (default 0). */
  seed?: number;
  /** How each step updates the policy (method, lr, optimizer, …), as {@link tabularPolicyUpdate} takes it. */
  update: PolicyUpdateOptions;
  /** Called after every step with the step's index (0-based) and its update statistics. */
  onStep?: (step: number, stats: PolicyUpdateStats) => void;
}

/**
 * Online RL on a {@link TabularPolicy}, the loop RLVR runs: at each step, sample `groupSize`
 * answers from the current policy for each prompt of the step's batch, score them with `reward`,
 * and take one {@link tabularPolicyUpdate} on those groups. Mutates `policy` (train a `clone()` to
 * keep the base) and returns each step's statistics. Seeded: the same policy, options and seed give
 * the same trained policy.
 */
export function trainTabularPolicy(policy: TabularPolicy, options: TabularTrainingOptions): PolicyUpdateStats[] {
  const where = "trainTabularPolicy";
  require_(options !== null && typeof options === "object", where, "options", options, "is not an object", "pass { steps, update: { method, … } }");
  requireInteger(where, "steps", options.steps, 0);
  const G = options.groupSize ?? 8, B = options.batches ?? 4, seed = options.seed ?? 0;
  requireInteger(where, "groupSize", G, 1);
  requireInteger(where, "batches", B, 1);
  requireInteger(where, "seed", seed, 0);
  require_(B <= policy.prompts.length, where, "batches", B, `exceeds the policy's ${policy.prompts.length} prompts`, "use at most one batch per prompt");
  require_(options.update !== null && typeof options.update === "object", where, "update", options.update, "is not an object", `pass the update's options, e.g. { method: "grpo", lr: 0.1, optimizer: "adam" }`);
  const reward = options.reward ?? ((id: string, answer: string) => policy.reward(id, answer));
  require_(typeof reward === "function", where, "reward", reward, "is not a function", "pass (prompt, answer) => number, or leave it out to use the prompts' rewards");
  const ids = policy.prompts.map((p) => p.id);
  const seeds = rng(seed).fork("train-tabular-policy");
  const out: PolicyUpdateStats[] = [];
  for (let s = 0; s < options.steps; s++) {
    const batch = ids.filter((_, i) => (i + s) % B === 0);
    const samples = policy.sampleSync(batch, { n: G, seed: seeds.uint32() });
    const stats = tabularPolicyUpdate(policy, batch.map((id, j) => {
      const answers = samples[j]!.map((c) => c.text);
      const rewards = answers.map((a) => {
        const r = reward(id, a);
        if (typeof r !== "number" || !Number.isFinite(r)) throw new ReplabError(`${where}: reward(${JSON.stringify(id)}, ${JSON.stringify(a)}) is ${describeValue(r)} at step ${s}; the reward function must return a finite number for every answer`);
        return r;
      });
      return { prompt: id, answers, rewards };
    }), options.update);
    out.push(stats);
    options.onStep?.(s, stats);
  }
  return out;
}
