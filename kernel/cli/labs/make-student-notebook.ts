import { ReplabError } from "../../../lib/core/errors.js";
import { cellSource, sourceLines, type NotebookCell, type NotebookJson } from "../../notebook/nbformat.js";

/** The tag that hides a whole cell from the student version. */
export const SOLUTION_ONLY_TAG = "solution-only";

const BEGIN = /^(\s*)\/\/\s*BEGIN SOLUTION\b(.*)$/;
const END = /^\s*\/\/\s*END SOLUTION\b/;
const STUB = /^\s*\/\/\s*STUB:\s?(.*)$/;
const TODO = /^\s*\/\/\s*TODO\b/;

/**
 * Replaces every `// BEGIN SOLUTION` … `// END SOLUTION` block in one cell's code with its stub:
 * the block's `// TODO: …` comment lines and the code after its `// STUB:` lines (uncommented),
 * indented as the BEGIN line. A block with no STUB line becomes `throw new Error("TODO");`.
 * Text after `BEGIN SOLUTION` on its line is kept as a TODO comment. Fails on unbalanced markers.
 */
export function stripSolutionCode(code: string, where = "cell"): string {
  const lines = code.split("\n");
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const begin = BEGIN.exec(lines[i]!);
    if (!begin) {
      if (END.test(lines[i]!)) throw new ReplabError(`makeStudentNotebook: ${where} line ${i + 1} has "// END SOLUTION" without a BEGIN; pair every END SOLUTION with a BEGIN SOLUTION above it`);
      out.push(lines[i]!);
      i++;
      continue;
    }
    const indent = begin[1]!;
    const note = begin[2]!.trim();
    const todos: string[] = [];
    const stubs: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !END.test(lines[j]!); j++) {
      if (BEGIN.test(lines[j]!)) throw new ReplabError(`makeStudentNotebook: ${where} line ${j + 1} opens a SOLUTION block inside another; close the first with "// END SOLUTION"`);
      const stub = STUB.exec(lines[j]!);
      if (stub) stubs.push(indent + stub[1]!);
      else if (TODO.test(lines[j]!)) todos.push(indent + lines[j]!.trim());
    }
    if (j >= lines.length) throw new ReplabError(`makeStudentNotebook: ${where} line ${i + 1} opens "// BEGIN SOLUTION" that is never closed; add "// END SOLUTION" after the solution code`);
    if (note !== "" && todos.length === 0) todos.push(`${indent}// TODO: ${note.replace(/^[:\-—\s]+/, "")}`);
    if (todos.length === 0) todos.push(`${indent}// TODO: your code here`);
    out.push(...todos, ...(stubs.length > 0 ? stubs : [`${indent}throw new Error("TODO");`]));
    i = j + 1;
  }
  return out.join("\n");
}

function hasTag(cell: NotebookCell, tag: string): boolean {
  const tags = cell.metadata?.tags;
  return Array.isArray(tags) && tags.includes(tag);
}

/**
 * The student version of a solution notebook: cells tagged `solution-only` dropped, solution
 * blocks replaced by their TODO stubs (see {@link stripSolutionCode}), every output and execution
 * count cleared. Markdown cells are kept as they are. Pure: the same input gives the same output.
 */
export function makeStudentNotebook(solution: NotebookJson, name = "notebook"): NotebookJson {
  const cells: NotebookCell[] = [];
  solution.cells.forEach((cell, index) => {
    if (hasTag(cell, SOLUTION_ONLY_TAG)) return;
    const copy: NotebookCell = { ...cell, metadata: { ...cell.metadata } };
    if (cell.cell_type === "code") {
      copy.source = sourceLines(stripSolutionCode(cellSource(cell), `${name} cell ${index + 1}`));
      copy.outputs = [];
      copy.execution_count = null;
    }
    cells.push(copy);
  });
  return { ...solution, metadata: { ...solution.metadata }, cells };
}

/** The solution notebook with outputs cleared (how solutions are committed). */
export function clearNotebookOutputs(nb: NotebookJson): NotebookJson {
  return {
    ...nb,
    cells: nb.cells.map((c) => (c.cell_type === "code" ? { ...c, outputs: [], execution_count: null } : c)),
  };
}
