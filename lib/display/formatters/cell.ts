/** Text for one table or tensor cell: numbers to 6 significant digits, dates as ISO, objects as short JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "number") {
    if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
    if (!Number.isFinite(value)) return String(value);
    const a = Math.abs(value);
    return a !== 0 && (a < 1e-4 || a >= 1e15) ? value.toExponential(4) : String(Number(value.toPrecision(6)));
  }
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return value.length > 200 ? value.slice(0, 199) + "…" : value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<unknown>).length})`;
  let json: string | undefined;
  try { json = JSON.stringify(value); } catch { json = undefined; }
  const text = json ?? Object.prototype.toString.call(value);
  return text.length > 200 ? text.slice(0, 199) + "…" : text;
}
