import { describeValue } from "../core/index.js";

const MAX = 160;

function oneLine(text: string): string {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  const t = first.trim();
  return t.length > MAX ? t.slice(0, MAX - 1) + "…" : t;
}

/** True when a thrown value is the TODO stub a student notebook starts with (`throw new Error("TODO …")`). */
export function isTodoStub(thrown: unknown): boolean {
  const message = thrown instanceof Error ? thrown.message : typeof thrown === "string" ? thrown : "";
  return /^\s*TODO\b/i.test(message);
}

/**
 * One line describing anything a student's code threw, never a stack trace:
 * `TypeError: x.map is not a function`, `the string "oops"`, `undefined` (callers say "threw …").
 */
export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) {
    const name = thrown.name || "Error";
    const message = oneLine(String(thrown.message ?? ""));
    return message === "" ? name : `${name}: ${message}`;
  }
  if (typeof thrown === "string") return `the string ${JSON.stringify(oneLine(thrown))}`;
  try {
    return oneLine(describeValue(thrown));
  } catch {
    return "a value that cannot be shown";
  }
}

/** Short description of a value a student's code returned, for "expected …, got …" messages. */
export function describeReturned(value: unknown): string {
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "function") return `a function`;
  if (Array.isArray(value)) {
    if (value.length <= 6) {
      try { return oneLine(JSON.stringify(value)); } catch { /* fall through */ }
    }
    return `an array of length ${value.length}`;
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const arr = Array.from(value as unknown as ArrayLike<number>);
    return arr.length <= 6 ? `${value.constructor.name} [${arr.join(", ")}]` : `a ${value.constructor.name} of length ${arr.length}`;
  }
  if (value !== null && typeof value === "object") {
    try {
      const json = JSON.stringify(value);
      if (json && json.length <= 80) return json;
    } catch { /* fall through */ }
  }
  try {
    return oneLine(describeValue(value));
  } catch {
    return "a value that cannot be shown";
  }
}
