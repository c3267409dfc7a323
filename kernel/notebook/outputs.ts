import { CLAIM_MIME, type ClaimRecord } from "../../lib/claims/index.js";
import type { Notebook } from "./nbformat.js";

/**
 * What an executed notebook's outputs say: which cells failed, and the claim records its claim
 * cells wrote (`application/vnd.replab.claim+json`, from `claim()` in replab/claims).
 */

/** A code cell that ended in an error. */
export interface FailedCell {
  /** Position in the notebook, 1-based, markdown cells counted (as Jupyter's "cell N"). */
  cell: number;
  ename: string;
  evalue: string;
}

/**
 * The failed cells of an executed notebook, in order: each code cell with an error output that is
 * not tagged `raises-exception` (nbclient's convention), with its first error. Fields missing
 * from a hand-edited error output read as "Error" and "".
 */
export function failedCells(nb: Notebook): FailedCell[] {
  const out: FailedCell[] = [];
  for (const [i, cell] of nb.cells.entries()) {
    if (cell.cell_type !== "code") continue;
    const tags = (cell.metadata as { tags?: unknown } | undefined)?.tags;
    if (Array.isArray(tags) && tags.includes("raises-exception")) continue;
    const o = (cell.outputs ?? []).find((x) => x.output_type === "error") as { ename?: unknown; evalue?: unknown } | undefined;
    if (o) out.push({ cell: i + 1, ename: String(o.ename ?? "Error"), evalue: String(o.evalue ?? "") });
  }
  return out;
}

const VERDICTS = new Set(["holds", "partly", "does-not"]);
const isNumber = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);
const isText = (x: unknown): x is string => typeof x === "string" && x !== "";

/** The claim record stored in an output, or null when the value is not one (a stored string is parsed first). */
export function claimRecordOf(stored: unknown): ClaimRecord | null {
  let v = stored;
  if (typeof v === "string") {
    try { v = JSON.parse(v); } catch { return null; }
  }
  if (v === null || typeof v !== "object") return null;
  const r = v as Record<string, unknown>;
  const margin = r.margin as Record<string, unknown> | undefined;
  const ok = isText(r.id) && isText(r.statement) && isText(r.statistic) && VERDICTS.has(r.verdict as string) &&
    isNumber(r.mean) && isNumber(r.low) && isNumber(r.high) && isNumber(r.level) &&
    Array.isArray(r.seeds) && r.seeds.every(isNumber) && Array.isArray(r.values) && r.values.every(isNumber) &&
    margin !== undefined && margin !== null && typeof margin === "object" && (isNumber(margin.above) || isNumber(margin.below));
  return ok ? (r as unknown as ClaimRecord) : null;
}

/** Every claim record among an executed notebook's outputs (display_data and execute_result), in cell order. */
export function readClaimRecords(nb: Notebook): ClaimRecord[] {
  const out: ClaimRecord[] = [];
  for (const cell of nb.cells) {
    if (cell.cell_type !== "code") continue;
    for (const o of cell.outputs ?? []) {
      if (o.output_type !== "display_data" && o.output_type !== "execute_result") continue;
      const rec = claimRecordOf(o.data[CLAIM_MIME]);
      if (rec) out.push(rec);
    }
  }
  return out;
}
