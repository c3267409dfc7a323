import type { MimeBundle } from "../../lib/display/index.js";
import { cellSource, type Notebook, type NotebookOutput } from "../notebook/nbformat.js";
import { Executor, type OutputSink } from "./executor.js";
import { cellExecutionMetadata, preciseNow } from "./provenance.js";

/** Which cell failed and why (see {@link runNotebook}). */
export interface CellFailure {
  /** Index of the cell in the notebook (0-based, all cell types counted). */
  index: number;
  /** The first non-empty line of the cell's source. */
  firstLine: string;
  ename: string;
  evalue: string;
  traceback: string[];
}

/** Options for {@link runNotebook}. */
export interface RunNotebookOptions {
  /** Per-cell timeout in seconds (a `while (true) {}` cell is stopped). */
  timeoutSeconds?: number;
  /** Called before each code cell runs (index, first line). */
  onCell?: (index: number, firstLine: string) => void;
  /** Directory the cells run in (default: the notebook's own). */
  cwd?: string;
  /**
   * Run every cell even after one fails (nbclient's `allow_errors`): a failing cell's error is
   * saved as its error output and execution goes on with the next cell. Default false: stop at
   * the first failing cell that is not tagged `raises-exception`.
   */
  allowErrors?: boolean;
  /** Record each cell's start and end in `metadata.execution`, as nbclient does (default true). */
  recordTiming?: boolean;
}

function firstLineOf(src: string): string {
  return src.split("\n").map((l) => l.trim()).find((l) => l !== "") ?? "";
}

/**
 * Executes a notebook's code cells in order, in this process (no Jupyter needed), filling in
 * their outputs and execution counts: streams (consecutive writes merged), display_data (with
 * update_display_data applied in place), execute_result and error. A failing cell tagged
 * `raises-exception` (nbclient's convention) is not a failure. Any other failing cell stops the
 * run, unless `allowErrors` is set: then every cell runs (a cell stopped by the per-cell timeout
 * counts as failed too, and the next cell still runs). Each cell that runs gets nbclient's
 * `metadata.execution` timestamps. Returns the failures in cell order (at most one without
 * `allowErrors`); empty when every cell ran without one.
 */
export async function runNotebook(nb: Notebook, options: RunNotebookOptions & { cwd: string }): Promise<CellFailure[]> {
  const executor = new Executor({ cwd: options.cwd });
  const byDisplayId = new Map<string, Array<{ data: MimeBundle; metadata: Record<string, unknown> }>>();
  let count = 0;
  const failures: CellFailure[] = [];
  try {
    for (let index = 0; index < nb.cells.length; index++) {
      const cell = nb.cells[index]!;
      if (cell.cell_type !== "code") continue;
      const src = cellSource(cell);
      const outputs: NotebookOutput[] = [];
      cell.outputs = outputs;
      cell.execution_count = null;
      if (src.trim() === "") continue;
      count++;
      cell.execution_count = count;
      options.onCell?.(index, firstLineOf(src));
      const sink: OutputSink = {
        stream(name, text) {
          const last = outputs[outputs.length - 1];
          if (last && last.output_type === "stream" && last.name === name) last.text += text;
          else outputs.push({ output_type: "stream", name, text });
        },
        display(bundle, metadata, displayId, update) {
          if (update) {
            for (const o of displayId ? byDisplayId.get(displayId) ?? [] : []) {
              o.data = bundle;
              o.metadata = metadata;
            }
            return;
          }
          const out = { output_type: "display_data" as const, data: bundle, metadata };
          outputs.push(out);
          if (displayId) {
            const list = byDisplayId.get(displayId) ?? [];
            list.push(out);
            byDisplayId.set(displayId, list);
          }
        },
        clear() {
          outputs.length = 0;
        },
      };
      const start = preciseNow();
      const outcome = await executor.execute(src, {
        sink,
        label: `cell ${index}`,
        ...(options.timeoutSeconds !== undefined ? { timeoutMs: options.timeoutSeconds * 1000 } : {}),
      });
      if (options.recordTiming !== false) cell.metadata = { ...cell.metadata, execution: cellExecutionMetadata(start, preciseNow()) };
      if (outcome.status === "ok") {
        if (outcome.result) outputs.push({ output_type: "execute_result", data: outcome.result, metadata: {}, execution_count: count });
        continue;
      }
      outputs.push({ output_type: "error", ename: outcome.ename, evalue: outcome.evalue, traceback: outcome.traceback });
      if ((cell.metadata?.tags ?? []).includes("raises-exception")) continue;
      failures.push({ index, firstLine: firstLineOf(src), ename: outcome.ename, evalue: outcome.evalue, traceback: outcome.traceback });
      if (!options.allowErrors) break;
    }
    return failures;
  } finally {
    executor.close();
  }
}
