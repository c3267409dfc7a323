import { ReplabError, require_, requireFinite } from "../core/index.js";

/**
 * What an answer to a question is, as TruthRL scores it (Wei et al. 2025, "TruthRL: Incentivizing
 * Truthful LLMs via Reinforcement Learning", arXiv 2509.25760, §2.1): right, an abstention
 * ("I don't know"), or a hallucination (an answer given that is wrong).
 */
export type TruthOutcome = "correct" | "abstain" | "hallucination";

/**
 * Reward schemes for outcomes ({@link truthReward}):
 * "ternary": TruthRL's reward, +1 right, 0 abstain, −1 hallucination (§3.2);
 * "binary": +1 right, 0 otherwise — the RLVR verifier reward, which scores an abstention as a wrong answer;
 * "binary-signed": +1 right, −1 otherwise — the paper's binary baseline (TruthRL_Binary).
 * Under GRPO's std-scaled group advantages the two binary schemes train alike (one is an
 * increasing affine map of the other); under REINFORCE with a mean baseline "binary-signed" is
 * "binary" with twice the step.
 */
export type TruthRewardScheme = "ternary" | "binary" | "binary-signed";

const REWARDS: Record<TruthRewardScheme, Record<TruthOutcome, number>> = {
  ternary: { correct: 1, abstain: 0, hallucination: -1 },
  binary: { correct: 1, abstain: 0, hallucination: 0 },
  "binary-signed": { correct: 1, abstain: -1, hallucination: -1 },
};

/** The reward of one outcome under a scheme (see {@link TruthRewardScheme}). */
export function truthReward(outcome: TruthOutcome, scheme: TruthRewardScheme = "ternary"): number {
  const table = REWARDS[scheme];
  if (!table) throw new ReplabError(`truthReward: scheme=${JSON.stringify(scheme)} is not a reward scheme; use "ternary", "binary" or "binary-signed"`);
  const r = table[outcome];
  if (r === undefined) throw new ReplabError(`truthReward: outcome=${JSON.stringify(outcome)} is not an outcome; use "correct", "abstain" or "hallucination"`);
  return r;
}

/** Weights of the truthfulness score w1·Acc + w2·Unc − w3·Hall. */
export interface TruthfulnessWeights {
  /** w1 (default 1). */
  accuracy?: number;
  /** w2 (default 0, as TruthRL reports it). */
  uncertainty?: number;
  /** w3 (default 1). */
  hallucination?: number;
}

/** Accuracy, uncertainty (abstention) and hallucination rates, and the truthfulness score. */
export interface TruthfulnessRates {
  /** Acc: share of answers that are right. */
  accuracy: number;
  /** Unc: share of abstentions. */
  uncertainty: number;
  /** Hall: share of answers given that are wrong. */
  hallucination: number;
  /** w1·Acc + w2·Unc − w3·Hall (default Acc − Hall). */
  truthfulness: number;
}

/**
 * TruthRL's rates from the shares of the three outcomes (they must be non-negative and sum to 1):
 * Acc, Unc, Hall, and the truthfulness score T = w1·Acc + w2·Unc − w3·Hall, with TruthRL's
 * reporting weights w1 = 1, w2 = 0, w3 = 1 (T = Acc − Hall) by default (arXiv 2509.25760, §2.1, §4.1).
 */
export function truthfulnessFromShares(correct: number, abstain: number, hallucination: number, weights: TruthfulnessWeights = {}): TruthfulnessRates {
  const where = "truthfulnessFromShares";
  for (const [name, v] of [["correct", correct], ["abstain", abstain], ["hallucination", hallucination]] as const) {
    requireFinite(where, name, v);
    require_(v >= -1e-12 && v <= 1 + 1e-12, where, name, v, "is not a share in [0, 1]", "pass the share of answers with that outcome");
  }
  const total = correct + abstain + hallucination;
  require_(Math.abs(total - 1) < 1e-9, where, "correct + abstain + hallucination", total, "does not sum to 1", "pass the shares of all three outcomes");
  const w1 = weights.accuracy ?? 1, w2 = weights.uncertainty ?? 0, w3 = weights.hallucination ?? 1;
  requireFinite(where, "weights.accuracy", w1); requireFinite(where, "weights.uncertainty", w2); requireFinite(where, "weights.hallucination", w3);
  return { accuracy: correct, uncertainty: abstain, hallucination, truthfulness: w1 * correct + w2 * abstain - w3 * hallucination };
}

/**
 * TruthRL's rates over a list of judged answers (one outcome per question, or per sample):
 * the shares of "correct", "abstain" and "hallucination", and T = w1·Acc + w2·Unc − w3·Hall
 * (default Acc − Hall). An entry that is not one of the three outcomes is an error naming it.
 */
export function truthfulnessRates(outcomes: ArrayLike<TruthOutcome>, weights: TruthfulnessWeights = {}): TruthfulnessRates {
  const where = "truthfulnessRates";
  require_(outcomes !== null && outcomes !== undefined && typeof outcomes.length === "number" && outcomes.length > 0, where, "outcomes", outcomes, "is not a non-empty list", `pass one outcome ("correct", "abstain" or "hallucination") per judged answer`);
  const counts = { correct: 0, abstain: 0, hallucination: 0 };
  for (let i = 0; i < outcomes.length; i++) {
    const o = outcomes[i]!;
    if (o !== "correct" && o !== "abstain" && o !== "hallucination") throw new ReplabError(`${where}: outcomes[${i}]=${JSON.stringify(o)} is not an outcome; use "correct", "abstain" or "hallucination"`);
    counts[o]++;
  }
  const n = outcomes.length;
  return truthfulnessFromShares(counts.correct / n, counts.abstain / n, counts.hallucination / n, weights);
}
