import { NotYet, notYet } from "./not-yet.js";
import { describeReturned, describeThrown, isTodoStub } from "./describe-thrown.js";

/** Says "not yet" unless `value` is a function; `name` is what the notebook calls it. */
export function expectFunction(value: unknown, name: string): asserts value is (...args: never[]) => unknown {
  if (typeof value !== "function") {
    notYet(`${name} is not a function (it is ${describeReturned(value)})`, `define it as \`function ${name}(…) { … }\` in the exercise cell and run that cell`);
  }
}

function formatArgs(args: readonly unknown[]): string {
  return args.map((a) => describeReturned(a)).join(", ");
}

/**
 * Calls a student's function and awaits its result. Anything it throws becomes a "not yet" with
 * one line (`passAtK(5, 2, 3) threw TypeError: …`); the TODO stub becomes "still the TODO stub".
 * A returned `undefined` (the other stub) is reported the same way.
 */
export async function callStudent<T = unknown>(fn: unknown, name: string, args: readonly unknown[] = []): Promise<T> {
  expectFunction(fn, name);
  let value: unknown;
  try {
    value = (fn as (...a: unknown[]) => unknown)(...args);
    if (value !== null && typeof value === "object" && typeof (value as { then?: unknown }).then === "function") value = await value;
  } catch (thrown) {
    if (thrown instanceof NotYet) throw thrown;
    if (isTodoStub(thrown)) notYet(`${name} is still the TODO stub`, "replace the `throw new Error(\"TODO\")` line with your code");
    notYet(`${name}(${formatArgs(args)}) threw ${describeThrown(thrown)}`, "run the function on this input yourself and read the error");
  }
  if (value === undefined) notYet(`${name}(${formatArgs(args)}) returned undefined`, "finish the exercise: the function must `return` its result");
  return value as T;
}

/** Says "not yet" unless `value` is a finite number (NaN and Infinity are named). */
export function expectFiniteNumber(value: unknown, what: string, hint?: string): asserts value is number {
  if (typeof value !== "number") notYet(`${what} is ${describeReturned(value)}, not a number`, hint ?? "return a plain number");
  if (!Number.isFinite(value)) notYet(`${what} is ${describeReturned(value)}`, hint ?? "look for a division by zero, a log of 0 or an overflow");
}

/**
 * Says "not yet" unless `actual` is a finite number within `tol` of `expected`
 * (|actual − expected| ≤ tol · max(1, |expected|)).
 */
export function expectClose(actual: unknown, expected: number, what: string, options: { tol?: number; hint?: string } = {}): void {
  const tol = options.tol ?? 1e-6;
  expectFiniteNumber(actual, what, options.hint);
  if (Math.abs(actual - expected) > tol * Math.max(1, Math.abs(expected))) {
    notYet(`${what} is ${round(actual)}, expected ${round(expected)}`, options.hint);
  }
}

/** Says "not yet" unless `actual` is an array of `length` finite numbers each close to `expected` (names the first that is not). */
export function expectCloseArray(actual: unknown, expected: ArrayLike<number>, what: string, options: { tol?: number; hint?: string } = {}): void {
  if (!Array.isArray(actual) && !ArrayBuffer.isView(actual)) notYet(`${what} is ${describeReturned(actual)}, not an array`, "return an array of numbers");
  const arr = actual as ArrayLike<unknown>;
  if (arr.length !== expected.length) notYet(`${what} has length ${arr.length}, expected ${expected.length}`, options.hint);
  for (let i = 0; i < expected.length; i++) expectClose(arr[i], expected[i]!, `${what}[${i}]`, options);
}

/** Says "not yet" unless `actual === expected` (strings, numbers, booleans). */
export function expectEqual<T extends string | number | boolean>(actual: unknown, expected: T, what: string, hint?: string): void {
  if (actual !== expected) notYet(`${what} is ${describeReturned(actual)}, expected ${describeReturned(expected)}`, hint);
}

function round(x: number): string {
  return Math.abs(x) >= 1e-3 || x === 0 ? String(Number(x.toPrecision(6))) : x.toExponential(3);
}
