import { require_ } from "../../core/errors.js";
import type { MathVerdict } from "../verify-math.js";
import { judgePrompt, JUDGE_PROMPT_TEMPLATE } from "./judge-prompt.js";
import { parseJudgeVerdict } from "./parse-judge-verdict.js";

/** A chat function: messages in, the assistant's reply text out. */
export type ChatFn = (messages: Array<{ role: string; content: string }>) => Promise<string>;

/** One judge decision. */
export interface JudgeVerification {
  verdict: MathVerdict;
  /** The judge's raw reply. */
  raw: string;
  reason: string;
}

/** A judge verifier: (question, gold, response) → verdict. */
export type JudgeVerifier = (question: string, gold: string, response: string) => Promise<JudgeVerification>;

/** Something with the OpenAI client's `chat(messages, { n })` (replab/rollouts' OpenAIPolicy). */
export interface ChatClient {
  chat(messages: ReadonlyArray<{ role: string; content: string }>, options: { n: number; temperature?: number; maxTokens?: number; seed?: number }): Promise<Array<{ text: string }>>;
}

/** Turns an OpenAI-compatible client (`new OpenAIPolicy({ baseURL, model, endpoint: "chat" })`) into a {@link ChatFn}: greedy, one reply. */
export function chatFromClient(client: ChatClient, options: { maxTokens?: number; seed?: number } = {}): ChatFn {
  require_(client && typeof client.chat === "function", "chatFromClient", "client", client, "has no chat(messages, options)", "pass an OpenAIPolicy from replab/rollouts");
  return async (messages) => (await client.chat(messages, { n: 1, temperature: 0, maxTokens: options.maxTokens ?? 16, seed: options.seed ?? 0 }))[0]!.text;
}

/**
 * LLM-as-judge: fills the CompassVerifier-style prompt ({@link JUDGE_PROMPT_TEMPLATE}), asks the
 * chat function, and parses the reply (A correct, B incorrect, C invalid; unparseable → invalid).
 * Chat failures propagate (a judge that cannot be reached is not a verdict).
 */
export function llmJudge(chat: ChatFn, options: { template?: string; system?: string } = {}): JudgeVerifier {
  require_(typeof chat === "function", "llmJudge", "chat", chat, "is not a function", "pass (messages) => Promise<reply text>, e.g. chatFromClient(new OpenAIPolicy({ ..., endpoint: \"chat\" }))");
  const template = options.template ?? JUDGE_PROMPT_TEMPLATE;
  for (const slot of ["{question}", "{gold}", "{response}"]) require_(template.includes(slot), "llmJudge", "options.template", template, `lacks the ${slot} slot`, "keep {question}, {gold} and {response} in the template");
  return async (question, gold, response) => {
    const messages = [...(options.system ? [{ role: "system", content: options.system }] : []), { role: "user", content: judgePrompt(question, gold, response, template) }];
    const raw = await chat(messages);
    const { verdict, parsed } = parseJudgeVerdict(raw);
    return { verdict, raw, reason: parsed ? `judge replied ${JSON.stringify(raw.trim().slice(0, 40))}` : `unparseable judge reply ${JSON.stringify(raw.trim().slice(0, 40))}` };
  };
}
