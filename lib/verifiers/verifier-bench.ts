import fs from "node:fs";
import * as aq from "arquero";
import { datasetPath } from "../frames/index.js";

/** One row of datasets/verifier-bench. */
export interface VerifierBenchRow { id: string; question: string; response: string; gold: string; label: boolean; kind: string; why: string }

/**
 * Loads datasets/verifier-bench (300 seeded synthetic rows, every label justified in `why`; see
 * its README for provenance and policies) as an arquero table, or as rows with `{ rows: true }`.
 */
export function loadVerifierBench(): aq.ColumnTable;
export function loadVerifierBench(options: { rows: true }): VerifierBenchRow[];
export function loadVerifierBench(options: { rows?: boolean } = {}): aq.ColumnTable | VerifierBenchRow[] {
  const text = fs.readFileSync(datasetPath("verifier-bench/rows.jsonl"), "utf8");
  const rows = text.trim().split("\n").map((l) => JSON.parse(l) as VerifierBenchRow);
  return options.rows ? rows : aq.from(rows);
}
