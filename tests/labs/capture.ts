import { setDisplaySink } from "../../lib/display/index.js";
import { CHECK_MIME, type CheckResult } from "../../lib/labs/index.js";

/** Runs a lab's check call and returns the result it displayed (the record `replab grade` reads). */
export async function capturedCheck(run: () => Promise<void>): Promise<CheckResult> {
  const seen: CheckResult[] = [];
  setDisplaySink({ display: (b) => { if (b[CHECK_MIME]) seen.push(b[CHECK_MIME] as CheckResult); } });
  try {
    await run();
  } finally {
    setDisplaySink(null);
  }
  if (seen.length !== 1) throw new Error(`expected one check result, got ${seen.length}`);
  return seen[0]!;
}

/** A TODO stub as the student notebooks start with. */
export const todo = (..._args: unknown[]): never => { throw new Error("TODO"); };
