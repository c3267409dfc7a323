import type { Rng } from "../core/rng.js";
import { type LabelledData, type Mlp, subsetRows } from "../models/index.js";
import { evaluateTasks } from "./evaluate-tasks.js";
import type { TaskStream } from "./task-stream.js";

/** One evaluation of one task: the continual evaluator's log row. */
export interface ContinualLogRow {
  /** SGD steps done over the whole stream when the evaluation was made (0 = before training). */
  iteration: number;
  /** The task being trained at that point. */
  trainTask: number;
  /** The task evaluated. */
  evalTask: number;
  accuracy: number;
  /** Mean cross-entropy on the evaluated examples. */
  loss: number;
  /** Examples evaluated. */
  n: number;
  /** "fixed": the same test subset every time; "resampled": a fresh one each evaluation. */
  subset: "fixed" | "resampled";
}

/** How the continual evaluator picks each task's test examples. */
export interface EvaluatorSettings {
  model: Mlp;
  stream: TaskStream;
  /** Test examples per task and evaluation (undefined: the task's whole test set). */
  evalSize: number | undefined;
  /** "fixed": one seeded subset per task, reused; "resampled": a fresh seeded subset each time. */
  subset: "fixed" | "resampled";
  /** The run's generator; fixed subsets are drawn from its fork `evalset:TASK`. */
  root: Rng;
  /** Receives each evaluation's rows. */
  record: (rows: ContinualLogRow[]) => void;
}

/**
 * The continual evaluator (De Lange et al. 2023, "Continual evaluation for lifelong learning"):
 * evaluates the model on a list of tasks at a training iteration and records one
 * {@link ContinualLogRow} per task, keeping count of evaluations and the time they took.
 */
export class ContinualEvaluator {
  /** Evaluations made. */
  evaluations = 0;
  /** Wall time spent evaluating (ms). */
  evalMs = 0;
  private readonly fixedSets: LabelledData[];

  constructor(private readonly settings: EvaluatorSettings) {
    // Fixed evaluation subsets: one seeded choice per task.
    const { stream, evalSize, root } = settings;
    this.fixedSets = stream.tasks.map((t) => {
      const size = Math.min(evalSize ?? t.test.n, t.test.n);
      if (size === t.test.n) return t.test;
      return subsetRows(t.test, root.fork(`evalset:${t.index}`).shuffle(Array.from({ length: t.test.n }, (_, i) => i)).slice(0, size).sort((a, b) => a - b));
    });
  }

  /** Evaluates `tasks` at `iteration` while `trainTask` trains; a resampled subset is drawn from `evalRng`. */
  evaluate(iteration: number, trainTask: number, tasks: number[], evalRng: Rng): void {
    const { model, stream, evalSize, subset } = this.settings;
    const e0 = performance.now();
    const sets = tasks.map((i) => {
      if (subset === "fixed") return { task: i, data: this.fixedSets[i]! };
      const test = stream.tasks[i]!.test;
      const size = Math.min(evalSize ?? test.n, test.n);
      return { task: i, data: subsetRows(test, evalRng.shuffle(Array.from({ length: test.n }, (_, k) => k)).slice(0, size)) };
    });
    const scores = evaluateTasks(model, stream, sets);
    this.settings.record(scores.map((s) => ({ iteration, trainTask, evalTask: s.task, accuracy: s.accuracy, loss: s.loss, n: s.n, subset })));
    this.evaluations++;
    this.evalMs += performance.now() - e0;
  }
}
