import { require_ } from "../core/index.js";

/** A lab: its id (notebook metadata `replab.lab`), title and exercises in the order the notebook checks them. */
export interface LabInfo {
  id: string;
  title: string;
  exercises: readonly string[];
}

/** The four labs that ship in notebooks/labs/. */
export const LABS: readonly LabInfo[] = [
  { id: "pass-at-k", title: "Sampling and pass@k", exercises: ["naive-estimator", "unbiased-estimator", "estimator-bias", "rlvr-curves", "crossover"] },
  { id: "verifiers", title: "Verifiers: false negatives and master keys", exercises: ["normalise-answer", "verifier-rates", "judge-false-positives", "guarded-judge"] },
  { id: "stability-gap", title: "The stability gap", exercises: ["accuracy", "per-iteration-eval", "gap-depth", "worst-case-accuracy"] },
  { id: "unlearning", title: "Unlearning: what gradient ascent removes", exercises: ["gradient-ascent-loss", "unlearn", "loss-auc", "relearning"] },
];

/** The exercises of a lab, in order; `[]` for an id the registry does not know. */
export function labExercises(labId: string): readonly string[] {
  return LABS.find((l) => l.id === labId)?.exercises ?? [];
}

/** Fails with a ReplabError unless `exercise` belongs to `labId` (catches typos in a lab's check calls). */
export function requireLabExercise(where: string, labId: string, exercise: string): void {
  const lab = LABS.find((l) => l.id === labId);
  require_(lab !== undefined, where, "lab", labId, "is not a known lab", `use one of ${LABS.map((l) => l.id).join(", ")}`);
  require_(lab.exercises.includes(exercise), where, "exercise", exercise, `is not an exercise of lab ${labId}`, `use one of ${lab.exercises.join(", ")}`);
}
