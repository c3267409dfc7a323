import type { Completion, Policy, SampleOptions } from "../../rollouts/index.js";
import { lenientJudgeReplier, type LenientJudgeOptions } from "./lenient-judge-model.js";

/**
 * The simulated lenient judge ({@link lenientJudgeReplier}) as a replab {@link Policy} named
 * "simulated-lenient-judge", so `replab serve` / `startPolicyServer` can expose it through the
 * OpenAI API and a judge can be measured over a real HTTP client. Every sample of a prompt is
 * the same reply (the simulation is deterministic).
 */
export function lenientJudgePolicy(options: LenientJudgeOptions = {}): Policy {
  const answer = lenientJudgeReplier(options, "lenientJudgeReply"); // checks the options now, not at the first request
  return {
    name: "simulated-lenient-judge",
    async sample(prompts: readonly string[], o: SampleOptions): Promise<Completion[][]> {
      return prompts.map((p) => {
        const text = answer(p);
        return Array.from({ length: o.n }, () => ({ text, tokens: [text], tokenLogprobs: [0], logprob: 0, finishReason: "stop" as const }));
      });
    },
  };
}
