import { ReplabError } from "../core/index.js";

/** A notebook cell as nbformat 4 stores it (source may be a string or a list of lines). */
export interface NotebookCell {
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  metadata: Record<string, unknown> & { tags?: string[] };
  outputs?: Array<Record<string, unknown>>;
  execution_count?: number | null;
  id?: string;
  [key: string]: unknown;
}

/** An nbformat 4 notebook. */
export interface NotebookJson {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown> & { replab?: { lab?: string } };
  cells: NotebookCell[];
}

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
export function parseNotebook(text: string, where: string, file: string): NotebookJson {
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch (e) {
    throw new ReplabError(`${where}: file=${JSON.stringify(file)} is not valid JSON (${(e as Error).message}); open it in Jupyter and save it again`);
  }
  const n = nb as Partial<NotebookJson>;
  if (!n || typeof n !== "object" || n.nbformat !== 4 || !Array.isArray(n.cells)) {
    throw new ReplabError(`${where}: file=${JSON.stringify(file)} is not an nbformat 4 notebook; pass a .ipynb saved by Jupyter 4 or later`);
  }
  return n as NotebookJson;
}

/** Serialises a notebook as Jupyter writes it (one-space indent, trailing newline). */
export function stringifyNotebook(nb: NotebookJson): string {
  return JSON.stringify(nb, null, 1) + "\n";
}
