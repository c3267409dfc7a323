import { require_, requireFinite, requireInteger, requireFiniteArray } from "../core/index.js";
import { Adam } from "../models/index.js";
import { entropyOf } from "./policies/sampling.js";
import { groupAdvantages, fracRewardZeroStd } from "./group-advantages.js";
import type { TabularPolicy } from "./policies/tabular-policy.js";

/** Policy-gradient variants for {@link tabularPolicyUpdate}. */
export type PolicyUpdateMethod = "reinforce" | "grpo" | "psr" | "nsr" | "w-reinforce";

/** One prompt's sampled group: the answers drawn and their rewards. */
export interface TabularBatchItem {
  prompt: string;
  answers: readonly string[];
  rewards: readonly number[];
}

/** Options for {@link tabularPolicyUpdate}. */
export interface PolicyUpdateOptions {
  /**
   * Sample weights w_i in the gradient (1/N) Σ_i w_i ∇log π(y_i):
   * "reinforce": r_i − mean of the group's rewards (REINFORCE with a baseline), or r_i itself
   * with `baseline: "none"` (Williams 1992's plain REINFORCE);
   * "grpo": GRPO advantage (TRL, std-scaled) in the PPO clipped surrogate min(ρA, clip(ρ,1±ε)A);
   * "psr": 1 for correct samples (r > 0), 0 otherwise — positive sample reinforcement;
   * "nsr": −1 for wrong samples (r ≤ 0), 0 otherwise — negative sample reinforcement;
   * "w-reinforce": λ for correct, −1 for wrong (Zhu et al. 2025, "The Surprising Effectiveness of
   * Negative Reinforcement in LLM Reasoning", §4, λ = 0.1).
   */
  method: PolicyUpdateMethod;
  /**
   * The baseline "reinforce" subtracts: "group-mean" (default) or "none". Without one, a constant
   * added to every reward changes the update (it is the score function's zero-mean noise);
   * with one it does not.
   */
  baseline?: "group-mean" | "none";
  /** Step size on the logits (default 0.5). */
  lr?: number;
  /** Gradient steps on this batch (default 1); with "grpo" later steps see ratio ρ ≠ 1 and clip. */
  epochs?: number;
  /** PPO clip range ε (default 0.2). */
  clip?: number;
  /** λ of "w-reinforce" (default 0.1). */
  lambda?: number;
  /** KL penalty coefficient β (default 0: none); needs `reference`. */
  klCoef?: number;
  /** "reverse": KL(π ‖ π_ref) (mode-seeking, the RLHF default); "forward": KL(π_ref ‖ π) (mass-covering). */
  klDirection?: "reverse" | "forward";
  /** The reference policy for the KL penalty (same prompts). */
  reference?: TabularPolicy;
  /** Entropy bonus coefficient α (default 0). */
  entropyCoef?: number;
  /**
   * Which parameters move: "logits" (default: per-prompt and tied logits), "scale" (only the
   * shared log inverse temperature `logScale`), or "all".
   */
  learn?: "logits" | "scale" | "all";
  /** Step size for the shared scale (default: lr). */
  scaleLr?: number;
  /**
   * "sgd" (default): θ ← θ + lr·∇J. "adam": Adam (Kingma & Ba 2015; torch.optim.Adam with
   * maximize=True, betas 0.9/0.999, eps 1e-8) over all of the policy's parameters — every prompt's
   * logits form one tensor, so prompts outside the batch move on their momentum as in torch.
   * Adam's state lives with the policy (a clone starts fresh).
   */
  optimizer?: "sgd" | "adam";
}

/** What one update did, averaged over the batch's prompts. */
export interface PolicyUpdateStats {
  /** Share of groups whose rewards all agree (TRL's frac_reward_zero_std). */
  fracZeroStd: number;
  /** Mean exact KL to the reference in the chosen direction before the update (0 without one). */
  kl: number;
  /** Mean entropy (nats) of π over the batch's prompts before the update. */
  entropy: number;
  /** Share of samples whose gradient the PPO clip switched off (grpo, last epoch). */
  clipFraction: number;
}

/**
 * One policy-gradient update of a {@link TabularPolicy} on sampled groups, with exact gradients
 * with respect to the logits z of each prompt's softmax:
 * ∇_z log π(y) = e_y − π; the reverse-KL penalty's gradient ∇_z KL(π‖ρ) = π ⊙ (log(π/ρ) − KL);
 * the forward-KL one ∇_z KL(ρ‖π) = π − ρ; the entropy bonus's ∇_z H = −π ⊙ (log π + H).
 * The objective ascended is (1/N) Σ_i w_i log π(y_i) − β·KL + α·H (KL and H averaged over the
 * batch's prompts). With tied answers the same gradient also moves the shared logits; with
 * `learn: "scale" | "all"` it also moves the shared inverse temperature (∂u/∂s = u for u = e^s·z).
 * Mutates `policy`; returns batch statistics.
 */
export function tabularPolicyUpdate(policy: TabularPolicy, batch: readonly TabularBatchItem[], options: PolicyUpdateOptions): PolicyUpdateStats {
  const where = "tabularPolicyUpdate";
  const method = options.method;
  require_(["reinforce", "grpo", "psr", "nsr", "w-reinforce"].includes(method), where, "method", method, "is not a known method", `use "reinforce", "grpo", "psr", "nsr" or "w-reinforce"`);
  require_(batch.length > 0, where, "batch", batch, "is empty", "pass at least one prompt's sampled answers and rewards");
  const lr = options.lr ?? 0.5, epochs = options.epochs ?? 1, clip = options.clip ?? 0.2, lambda = options.lambda ?? 0.1;
  const learn = options.learn ?? "logits";
  const baseline = options.baseline ?? "group-mean";
  require_(baseline === "group-mean" || baseline === "none", where, "baseline", baseline, "is not a baseline", `use "group-mean" or "none"`);
  const optimizer = options.optimizer ?? "sgd";
  require_(optimizer === "sgd" || optimizer === "adam", where, "optimizer", optimizer, "is not an optimizer", `use "sgd" or "adam"`);
  require_(learn === "logits" || learn === "scale" || learn === "all", where, "learn", learn, "is not a parameter set", `use "logits", "scale" or "all"`);
  const klCoef = options.klCoef ?? 0, entropyCoef = options.entropyCoef ?? 0, direction = options.klDirection ?? "reverse";
  requireFinite(where, "lr", lr); requireInteger(where, "epochs", epochs, 1); requireFinite(where, "clip", clip);
  requireFinite(where, "lambda", lambda); requireFinite(where, "klCoef", klCoef); requireFinite(where, "entropyCoef", entropyCoef);
  require_(direction === "reverse" || direction === "forward", where, "klDirection", direction, "is not a direction", `use "reverse" or "forward"`);
  require_(klCoef === 0 || options.reference !== undefined, where, "reference", options.reference, `is missing while klCoef=${klCoef}`, "pass the reference policy (e.g. policy.clone() before training) or set klCoef to 0");

  const items = batch.map((b, j) => {
    const i = policy.promptIndex(b.prompt);
    require_(b.answers.length === b.rewards.length && b.answers.length > 0, where, `batch[${j}].rewards`, b.rewards, `has length ${b.rewards.length} but there are ${b.answers.length} answers`, "give one reward per sampled answer");
    requireFiniteArray(where, `batch[${j}].rewards`, b.rewards);
    const answers = policy.prompts[i]!.answers;
    const ys = b.answers.map((a, s) => {
      const y = answers.indexOf(a);
      require_(y >= 0, where, `batch[${j}].answers[${s}]`, a, `is not an answer of prompt ${JSON.stringify(b.prompt)}`, "pass answers the policy sampled");
      return y;
    });
    const ref = options.reference ? options.reference.probs(options.reference.promptIndex(b.prompt)) : null;
    return { i, ys, rewards: b.rewards, ref };
  });
  const N = items.reduce((s, it) => s + it.ys.length, 0);
  const B = items.length;

  // Sample weights (fixed across epochs) and old probabilities for the PPO ratio.
  const weights = items.map((it) => {
    const r = it.rewards;
    if (method === "grpo") return it.ys.length >= 2 ? Array.from(groupAdvantages(r, r.length)) : r.map(() => 0);
    if (method === "reinforce") { const m = baseline === "none" ? 0 : r.reduce((s, v) => s + v, 0) / r.length; return r.map((v) => v - m); }
    if (method === "psr") return r.map((v) => (v > 0 ? 1 : 0));
    if (method === "nsr") return r.map((v) => (v > 0 ? 0 : -1));
    return r.map((v) => (v > 0 ? lambda : -1));
  });
  const oldProbs = items.map((it) => policy.probs(it.i));
  let fracZero = 0, groupsWithStd = 0;
  for (const it of items) if (it.rewards.length >= 2) { fracZero += fracRewardZeroStd(it.rewards, it.rewards.length); groupsWithStd++; }
  fracZero = groupsWithStd ? fracZero / groupsWithStd : 0;

  let klBefore = 0, entropyBefore = 0, clipped = 0;
  for (let e = 0; e < epochs; e++) {
    clipped = 0;
    const grads = items.map((it, j) => {
      const p = policy.probs(it.i);
      const g = new Float64Array(p.length);
      for (let s = 0; s < it.ys.length; s++) {
        const y = it.ys[s]!;
        let w = weights[j]![s]!;
        if (method === "grpo") {
          const ratio = p[y]! / oldProbs[j]![y]!;
          if ((w > 0 && ratio > 1 + clip) || (w < 0 && ratio < 1 - clip)) { clipped++; w = 0; } else w *= ratio;
        }
        if (w === 0) continue;
        for (let a = 0; a < p.length; a++) g[a]! -= (w * p[a]!) / N;
        g[y]! += w / N;
      }
      const H = entropyOf(p);
      if (e === 0) entropyBefore += H / B;
      if (it.ref) {
        const q = it.ref;
        if (direction === "reverse") {
          let kl = 0;
          for (let a = 0; a < p.length; a++) if (p[a]! > 0) kl += p[a]! * Math.log(p[a]! / q[a]!);
          if (e === 0) klBefore += kl / B;
          if (klCoef) for (let a = 0; a < p.length; a++) g[a]! -= (klCoef * (p[a]! > 0 ? p[a]! * (Math.log(p[a]! / q[a]!) - kl) : 0)) / B;
        } else {
          let kl = 0;
          for (let a = 0; a < p.length; a++) if (q[a]! > 0) kl += q[a]! * Math.log(q[a]! / p[a]!);
          if (e === 0) klBefore += kl / B;
          if (klCoef) for (let a = 0; a < p.length; a++) g[a]! -= (klCoef * (p[a]! - q[a]!)) / B;
        }
      }
      if (entropyCoef) for (let a = 0; a < p.length; a++) if (p[a]! > 0) g[a]! += (entropyCoef * -p[a]! * (Math.log(p[a]!) + H)) / B;
      return g;
    });
    // chain rule through u = e^s·(z + shared): ∂u/∂z = e^s, ∂u/∂shared = e^s (summed over prompts), ∂u/∂s = u
    const c = Math.exp(policy.logScale);
    const gLocal = new Map<number, Float64Array>();
    const gShared = new Map<string, number>();
    let gScale = 0;
    items.forEach((it, j) => {
      const g = grads[j]!;
      if (learn !== "logits") { const u = policy.effectiveLogits(it.i); for (let a = 0; a < u.length; a++) gScale += g[a]! * u[a]!; }
      if (learn === "scale") return;
      let acc = gLocal.get(it.i);
      if (!acc) { acc = new Float64Array(g.length); gLocal.set(it.i, acc); }
      const answers = policy.prompts[it.i]!.answers;
      for (let a = 0; a < g.length; a++) {
        acc[a]! += c * g[a]!;
        if (policy.shared) gShared.set(answers[a]!, (gShared.get(answers[a]!) ?? 0) + c * g[a]!);
      }
    });
    if (optimizer === "adam") adamStep(policy, gLocal, gShared, gScale, learn, lr, options.scaleLr ?? lr);
    else {
      for (const [i, g] of gLocal) { const z = policy.logits[i]!; for (let a = 0; a < z.length; a++) z[a]! += lr * g[a]!; }
      if (policy.shared) for (const [k, g] of gShared) policy.shared.set(k, policy.shared.get(k)! + lr * g);
      if (learn !== "logits") policy.logScale += (options.scaleLr ?? lr) * gScale;
    }
  }
  return { fracZeroStd: fracZero, kl: klBefore, entropy: entropyBefore, clipFraction: method === "grpo" ? clipped / N : 0 };
}

const adams = new WeakMap<TabularPolicy, Adam>();

/**
 * One Adam ascent step (replab/models' {@link Adam}, `maximize`) over every parameter of the
 * policy as one optimiser: each prompt's logits, the shared logits (in the map's order) and the
 * scale. Absent gradients count as zero, as in a dense torch tensor; parameters `learn` leaves
 * out keep their moments. The scale moves at `scaleLr`, the logits at `lr`.
 */
function adamStep(policy: TabularPolicy, gLocal: Map<number, Float64Array>, gShared: Map<string, number>, gScale: number, learn: string, lr: number, scaleLr: number): void {
  const shared = policy.shared ? Float64Array.from(policy.shared.values()) : new Float64Array(0);
  const scale = Float64Array.of(policy.logScale);
  const params = [...policy.logits, shared, scale];
  let adam = adams.get(policy);
  if (!adam) { adam = new Adam(params, lr); adams.set(policy, adam); }
  const moveLogits = learn !== "scale";
  const grads = [
    ...policy.logits.map((z, i) => (moveLogits ? gLocal.get(i) ?? new Float64Array(z.length) : null)),
    moveLogits && policy.shared ? Float64Array.from([...policy.shared.keys()], (k) => gShared.get(k) ?? 0) : null,
    learn !== "logits" ? Float64Array.of(gScale) : null,
  ];
  adam.step(params, grads, { maximize: true, lr: [...policy.logits.map(() => lr), lr, scaleLr] });
  if (policy.shared) { let j = 0; for (const k of policy.shared.keys()) policy.shared.set(k, shared[j++]!); }
  policy.logScale = scale[0]!;
}
