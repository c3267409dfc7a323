import { require_ } from "../core/errors.js";
import type { LabelledData } from "../models/index.js";

/** Continual-learning scenario (van de Ven & Tolias 2019): which output units a task may use. */
export type Scenario = "class-incremental" | "task-incremental" | "domain-incremental";

/** One task of a stream: its training and test data and the classes it contains. */
export interface Task {
  /** Position in the stream, 0-based (tasks are trained in this order). */
  index: number;
  /** Human-readable name, e.g. "digits 2,3" or "rotated 45°". */
  name: string;
  train: LabelledData;
  test: LabelledData;
  /** The labels present in this task. */
  classes: number[];
  /**
   * Output units this task's loss and predictions use: its own classes in the task-incremental
   * scenario (a multi-head set-up by masking the shared output layer), or null for all units.
   */
  heads: number[] | null;
}

/** A sequence of tasks with the settings that made it. */
export interface TaskStream {
  scenario: Scenario;
  tasks: Task[];
  /** Width of the output layer the stream needs (number of classes overall). */
  classes: number;
  /** Inputs per example. */
  features: number;
  /** How the stream was made (kind, seed, parameters), for the record. */
  config: Record<string, unknown>;
}

/** Builds a stream object after checking its tasks agree on feature width; used by the stream makers. */
export function makeTaskStream(scenario: Scenario, tasks: Task[], classes: number, config: Record<string, unknown>): TaskStream {
  require_(tasks.length > 0, "makeTaskStream", "tasks", tasks, "is empty", "make at least one task");
  const features = tasks[0]!.train.features;
  for (const t of tasks) {
    require_(t.train.features === features && t.test.features === features, "makeTaskStream", `tasks[${t.index}].features`, t.train.features, `differs from ${features}`, "give every task the same input width");
    require_(t.train.n > 0 && t.test.n > 0, "makeTaskStream", `tasks[${t.index}]`, t.name, "has an empty training or test set", "give every task training and test examples");
  }
  return { scenario, tasks, classes, features, config };
}
