import { ReplabError } from "../../../lib/core/errors.js";
import { REPLAB_KERNELSPEC, sourceLines, type NotebookCell, type NotebookJson } from "../../notebook/nbformat.js";

const MARK = /^\/\/ %%(?: \[(markdown)\])?(?: tags=(\[.*\]))?\s*$/;
const LAB_LINE = /^\/\/ replab-lab: (\S+)\s*$/;

/** The kernelspec and language_info every lab notebook built from percent text carries. */
export const REPLAB_NOTEBOOK_METADATA = {
  kernelspec: REPLAB_KERNELSPEC,
  language_info: { name: "typescript", file_extension: ".ts" },
} as const;

/**
 * Reads a notebook written in the "percent" text format (as jupytext's, with `//` comments):
 * a first line `// replab-lab: ID`, then cells opened by `// %%` (code) or `// %% [markdown]`,
 * optionally followed by ` tags=["solution-only"]`. Markdown lines drop their leading `// `.
 * Returns an nbformat 4.5 notebook with empty outputs and cell ids `cell-1`, `cell-2`, ….
 */
export function notebookFromPercent(text: string, file = "notebook"): NotebookJson {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const lab = LAB_LINE.exec(lines[0] ?? "");
  if (!lab) throw new ReplabError(`notebookFromPercent: ${file} line 1 is not "// replab-lab: ID"; start the file with the lab's id`);
  const cells: NotebookCell[] = [];
  let current: { kind: "code" | "markdown"; tags: string[]; body: string[] } | null = null;
  const flush = () => {
    if (!current) return;
    while (current.body.length > 0 && current.body[current.body.length - 1]!.trim() === "") current.body.pop();
    const body = current.kind === "markdown" ? current.body.map((l) => l.replace(/^\/\/ ?/, "")) : current.body;
    const id = `cell-${cells.length + 1}`;
    const metadata = current.tags.length > 0 ? { tags: current.tags } : {};
    cells.push(current.kind === "markdown"
      ? { cell_type: "markdown", id, metadata, source: sourceLines(body.join("\n")) }
      : { cell_type: "code", id, metadata, source: sourceLines(body.join("\n")), outputs: [], execution_count: null });
  };
  for (let i = 1; i < lines.length; i++) {
    const m = MARK.exec(lines[i]!);
    if (m) {
      flush();
      let tags: string[] = [];
      if (m[2]) {
        try { tags = JSON.parse(m[2]) as string[]; } catch { throw new ReplabError(`notebookFromPercent: ${file} line ${i + 1} has tags=${m[2]}, which is not a JSON list; write tags=["solution-only"]`); }
      }
      current = { kind: m[1] === "markdown" ? "markdown" : "code", tags, body: [] };
    } else if (current) {
      if (current.body.length > 0 || lines[i]!.trim() !== "") current.body.push(lines[i]!);
    } else if (lines[i]!.trim() !== "") {
      throw new ReplabError(`notebookFromPercent: ${file} line ${i + 1} comes before the first "// %%" cell marker; open a cell first`);
    }
  }
  flush();
  return { nbformat: 4, nbformat_minor: 5, metadata: { ...REPLAB_NOTEBOOK_METADATA, replab: { lab: lab[1]! } }, cells };
}
