import type { Completion, Policy, SampleOptions } from "../../rollouts/index.js";
import { lenientJudgeReply, type LenientJudgeOptions } from "./lenient-judge-model.js";

/**
 * The lenient judge model as a replab {@link Policy}, so `replab serve` / `startPolicyServer`
 * can expose it through the OpenAI API and a judge can be tested over a real HTTP client.
 * Every sample of a prompt is the same reply (the model is deterministic).
 */
export function lenientJudgePolicy(options: LenientJudgeOptions = {}): Policy {
  const leniency = options.leniency ?? 0.9;
  const seed = options.seed ?? 0;
  return {
    name: "lenient-judge",
    async sample(prompts: readonly string[], o: SampleOptions): Promise<Completion[][]> {
      return prompts.map((p) => {
        const text = lenientJudgeReply(p, leniency, seed);
        return Array.from({ length: o.n }, () => ({ text, tokens: [text], tokenLogprobs: [0], logprob: 0, finishReason: "stop" as const }));
      });
    },
  };
}
