import { require_, requireInteger, rng } from "../core/index.js";
import { extractBoxedAnswer } from "./extract-boxed.js";

/** One generated arithmetic problem. */
export interface ArithmeticProblem {
  prompt_id: string;
  /** e.g. "37+5=" */
  prompt: string;
  /** The exact answer as text, e.g. "42". */
  answer: string;
  /** The completion a perfect model writes: `\boxed{42}`. */
  target: string;
  level: number;
}

/** What each difficulty level asks. */
export const ARITHMETIC_LEVELS: Readonly<Record<number, string>> = {
  1: "a+b with one-digit a, b",
  2: "a+b with two-digit a and one-digit b",
  3: "a+b with two-digit a, b",
  4: "a*b with a, b in 2…12",
};

/**
 * Seeded arithmetic problems at a difficulty level (see {@link ARITHMETIC_LEVELS}), with answers
 * to be written as `\boxed{N}`. The same (count, level, seed) always gives the same problems.
 */
export function arithmeticProblems(count: number, options: { level?: number; seed?: number } = {}): ArithmeticProblem[] {
  requireInteger("arithmeticProblems", "count", count, 1);
  const level = options.level ?? 1;
  require_(level in ARITHMETIC_LEVELS, "arithmeticProblems", "level", level, "is not a difficulty level", "use 1, 2, 3 or 4");
  const r = rng(options.seed ?? 0).fork(`arithmetic-${level}`);
  const between = (lo: number, hi: number) => lo + r.int(hi - lo + 1);
  return Array.from({ length: count }, (_, i) => {
    let a: number, b: number, op = "+";
    if (level === 1) { a = between(0, 9); b = between(0, 9); }
    else if (level === 2) { a = between(10, 99); b = between(0, 9); }
    else if (level === 3) { a = between(10, 99); b = between(10, 99); }
    else { a = between(2, 12); b = between(2, 12); op = "*"; }
    const answer = String(op === "+" ? a + b : a * b);
    return { prompt_id: `L${level}-${i}`, prompt: `${a}${op}${b}=`, answer, target: `\\boxed{${answer}}`, level };
  });
}

/** Reward 1 when the completion's last `\boxed{…}` equals the answer exactly, else 0. */
export function arithmeticReward(text: string, answer: string): number {
  return extractBoxedAnswer(text) === answer ? 1 : 0;
}
