import fs from "node:fs";
import path from "node:path";
import { ReplabError } from "../../lib/core/errors.js";
import type { MimeBundle } from "../../lib/display/index.js";

/**
 * The notebook file format (nbformat 4): its types, reading and writing. One module serves every
 * part of replab that touches a .ipynb: `replab run` and its HTML export, `replab grade`,
 * `replab student` and the lab builder.
 */

/** One output of a code cell, as nbformat 4 stores it. */
export type NotebookOutput =
  | { output_type: "stream"; name: "stdout" | "stderr"; text: string }
  | { output_type: "display_data"; data: MimeBundle; metadata: Record<string, unknown> }
  | { output_type: "execute_result"; data: MimeBundle; metadata: Record<string, unknown>; execution_count: number }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

/** A notebook cell (nbformat 4); `source` may be one string or a list of lines. */
export interface NotebookCell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata: Record<string, unknown> & { tags?: string[] };
  outputs?: NotebookOutput[];
  execution_count?: number | null;
  id?: string;
  [key: string]: unknown;
}

/**
 * A notebook (nbformat 4); a lab notebook names its lab in `metadata.replab.lab`, and a notebook
 * `replab run` executed says how in `metadata.replab.run` (kernel/execute/provenance.ts).
 */
export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown> & { replab?: { lab?: string; run?: Record<string, unknown> } };
  cells: NotebookCell[];
}

/** The name replab/labs has always given the notebook type. */
export type NotebookJson = Notebook;

/** The kernelspec every replab notebook names. */
export const REPLAB_KERNELSPEC = { name: "replab", display_name: "TypeScript (replab)", language: "typescript" };

/** The kernelspec and language_info `replab run` writes into the notebooks it executes. */
export const EXECUTED_NOTEBOOK_METADATA = {
  kernelspec: REPLAB_KERNELSPEC,
  language_info: { name: "typescript", file_extension: ".ts", mimetype: "text/typescript", codemirror_mode: { name: "javascript", typescript: true } },
};

/** A cell's source as one string. */
export function cellSource(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : String(cell.source ?? "");
}

/** Splits text into nbformat's list-of-lines form (each line keeps its newline, the last has none). */
export function sourceLines(text: string): string[] {
  if (text === "") return [];
  const parts = text.split("\n");
  return parts.map((line, i) => (i < parts.length - 1 ? line + "\n" : line)).filter((l) => l !== "");
}

/** Parses notebook text, failing with a ReplabError that names the file when it is not an nbformat 4 notebook. */
export function parseNotebook(text: string, where: string, file: string): Notebook {
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch (e) {
    throw new ReplabError(`${where}: file=${JSON.stringify(file)} is not valid JSON (${(e as Error).message}); open it in Jupyter and save it again`);
  }
  const n = nb as Partial<Notebook>;
  if (!n || typeof n !== "object" || n.nbformat !== 4 || !Array.isArray(n.cells)) {
    throw new ReplabError(`${where}: file=${JSON.stringify(file)} is not an nbformat 4 notebook; pass a .ipynb saved by Jupyter 4 or later`);
  }
  return n as Notebook;
}

/** Serialises a notebook as Jupyter writes it (one-space indent, trailing newline). */
export function stringifyNotebook(nb: Notebook): string {
  return JSON.stringify(nb, null, 1) + "\n";
}

/**
 * Reads and parses a notebook file (see {@link parseNotebook}); `where` names the command in the
 * ReplabError when the file cannot be read or is not an nbformat 4 notebook.
 */
export function readNotebook(file: string, where = "replab run"): Notebook {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new ReplabError(`${where}: file=${JSON.stringify(file)} cannot be read (${(e as Error).message}); pass a readable .ipynb`);
  }
  return parseNotebook(text, where, file);
}

/** Writes a notebook as Jupyter does (see {@link stringifyNotebook}), with replab's kernelspec (unless it names one) and language_info. */
export function writeNotebook(file: string, nb: Notebook): void {
  nb.metadata = { ...nb.metadata, ...EXECUTED_NOTEBOOK_METADATA, kernelspec: (nb.metadata.kernelspec as object | undefined) ?? EXECUTED_NOTEBOOK_METADATA.kernelspec };
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, stringifyNotebook(nb));
}
