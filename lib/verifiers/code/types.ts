/** Verdicts of the code verifier. */
export type CodeVerdict = "pass" | "fail" | "timeout" | "error" | "memory-limit";

/** One candidate program and the boolean test expressions it must satisfy. */
export interface CodeJob {
  /** The candidate's source. */
  code: string;
  /** Boolean expressions, each run against the candidate (`"add(2, 3) === 5"`, `"add(2, 3) == 5"` in Python). */
  tests: string[];
  /** "javascript" (default) or "python". */
  language?: "javascript" | "python";
  /** Wall-clock limit for the whole candidate, ms (default 2000). */
  timeoutMs?: number;
  /** Memory cap, MB (default 256): V8 heap and process RSS (+128 MB for Node itself) for JS; address space for Python. */
  memoryMb?: number;
  /** Python only: "fork-server" (default: a child forked per candidate from a clean interpreter) or "fresh-interpreter" (a new `python3` under `prlimit` per candidate). */
  pythonIsolation?: "fork-server" | "fresh-interpreter";
}

/** What the code verifier returns. */
export interface CodeVerification {
  verdict: CodeVerdict;
  /** Tests that returned exactly `true` (`True` in Python). */
  passed: number;
  total: number;
  /** Why: the first failing test and its error, the kill reason, and the candidate's (capped) output. */
  detail: string;
}

/** Most characters of a candidate's own output kept (the rest is dropped). */
export const OUTPUT_CAP = 16_384;
