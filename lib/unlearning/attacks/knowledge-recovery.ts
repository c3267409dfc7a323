import { requireFinite, require_ } from "../../core/errors.js";

/**
 * Knowledge recovery (RESTOR, Rezaei et al. 2024, "RESTOR: Knowledge Recovery through Machine
 * Unlearning"): a clean model is corrupted by training on wrong facts, then the corruption is
 * unlearned; recovery = (Acc_unlearned − Acc_corrupted) / (Acc_clean − Acc_corrupted) on the facts
 * the clean model knew. 1 = the original knowledge is back, 0 = still corrupted, < 0 = worse.
 */
export function knowledgeRecovery(accuracies: { clean: number; corrupted: number; unlearned: number }): number {
  const { clean, corrupted, unlearned } = accuracies ?? ({} as never);
  requireFinite("knowledgeRecovery", "clean", clean);
  requireFinite("knowledgeRecovery", "corrupted", corrupted);
  requireFinite("knowledgeRecovery", "unlearned", unlearned);
  require_(clean !== corrupted, "knowledgeRecovery", "corrupted", corrupted, `equals clean (${clean}), so nothing was corrupted to recover`, "corrupt the model more strongly or measure on the corrupted facts");
  return (unlearned - corrupted) / (clean - corrupted);
}
