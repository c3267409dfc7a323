/**
 * The one error type replab throws for bad input. Its message names the function, the argument,
 * the value it got and how to fix it, e.g. `passAtK: k=20 exceeds n=16 samples; use k ≤ n`.
 */
export class ReplabError extends Error {
  override name = "ReplabError";
  constructor(message: string) {
    super(message);
  }
}

/** Short, readable rendering of an offending value for error messages. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? value.slice(0, 57) + "..." : value);
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name} of length ${(value as unknown as ArrayLike<unknown>).length}`;
  return Object.prototype.toString.call(value);
}

/**
 * Throws a ReplabError unless `condition` holds.
 * @param where   the public function being called, e.g. "passAtK"
 * @param arg     the argument's name, e.g. "k"
 * @param value   the value received
 * @param problem what is wrong with it, e.g. "exceeds n=16 samples"
 * @param fix     how to fix it, e.g. "use k ≤ n"
 */
export function require_(condition: unknown, where: string, arg: string, value: unknown, problem: string, fix: string): asserts condition {
  if (!condition) throw new ReplabError(`${where}: ${arg}=${describeValue(value)} ${problem}; ${fix}`);
}

/** Checks that `value` is a finite number. */
export function requireFinite(where: string, arg: string, value: unknown): asserts value is number {
  require_(typeof value === "number" && Number.isFinite(value), where, arg, value, "is not a finite number", "pass a finite number");
}

/** Checks that `value` is an integer ≥ `min`. */
export function requireInteger(where: string, arg: string, value: unknown, min = 0): asserts value is number {
  require_(typeof value === "number" && Number.isInteger(value), where, arg, value, "is not an integer", `pass a whole number ≥ ${min}`);
  require_(value >= min, where, arg, value, `is below ${min}`, `pass a whole number ≥ ${min}`);
}

/** Checks that every element of a numeric array is finite; names the first offending index. */
export function requireFiniteArray(where: string, arg: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new ReplabError(`${where}: ${arg}[${i}]=${describeValue(v)} is not a finite number; remove or replace non-finite values (NaN, Infinity) before calling`);
    }
  }
}
