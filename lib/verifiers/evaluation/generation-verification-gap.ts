import { require_, requireFiniteArray } from "../../core/errors.js";

/** The generation–verification gap and its parts, averaged over prompts. */
export interface GenerationVerificationGap {
  /** Mean accuracy of a single sample (pass@1, averaged over the k samples). */
  generation: number;
  /** Accuracy when the verifier picks the sample (highest score; ties → first). */
  selected: number;
  /** Oracle selection: some sample is right (pass@k with all k). */
  oracle: number;
  /** oracle − selected: what a perfect verifier would still add (Weaver, Saad-Falcon et al. 2025). */
  gap: number;
  /** selected − generation: what verification adds over generation (Song et al. 2024, "Mind the Gap"). */
  verificationGain: number;
}

/**
 * Generation–verification gap over prompts with k scored samples each. `scores[p][j]` is the
 * verifier's score for sample j of prompt p; `labels[p][j]` whether it is right.
 */
export function generationVerificationGap(scores: ReadonlyArray<ArrayLike<number>>, labels: ReadonlyArray<ArrayLike<boolean | number>>): GenerationVerificationGap {
  const where = "generationVerificationGap";
  require_(scores.length === labels.length && scores.length > 0, where, "scores", scores, `has ${scores.length} prompts against ${labels.length} label rows`, "pass one row of labels per prompt, at least one");
  let gen = 0, sel = 0, ora = 0;
  scores.forEach((s, p) => {
    const y = labels[p]!;
    requireFiniteArray(where, `scores[${p}]`, s);
    require_(s.length === y.length && s.length > 0, where, `scores[${p}]`, s, `has ${s.length} samples but labels[${p}] has ${y.length}`, "score every sample");
    let best = 0, right = 0;
    for (let j = 0; j < s.length; j++) { if (s[j]! > s[best]!) best = j; if (y[j]) right++; }
    gen += right / s.length;
    sel += y[best] ? 1 : 0;
    ora += right > 0 ? 1 : 0;
  });
  const n = scores.length;
  return { generation: gen / n, selected: sel / n, oracle: ora / n, gap: (ora - sel) / n, verificationGain: (sel - gen) / n };
}
