/**
 * Brace helpers shared by answer extraction and LaTeX normalisation: reading a balanced `{…}`
 * group and splitting on top-level separators.
 */

/** Index of the `}` that closes the `{` at `open`, or -1 when it is never closed. */
export function matchingBrace(text: string, open: number, openChar = "{", closeChar = "}"): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "\\" && i + 1 < text.length && (text[i + 1] === openChar || text[i + 1] === closeChar)) { i++; continue; }
    if (c === openChar) depth++;
    else if (c === closeChar) { depth--; if (depth === 0) return i; }
  }
  return -1;
}

/**
 * Reads one LaTeX macro argument starting at `pos` (after skipping spaces): a balanced `{…}`
 * group, or else a single character (`\frac12` → "1", "2"). Returns the argument and the index
 * just after it, or null at the end of the text.
 */
export function readArgument(text: string, pos: number): { arg: string; end: number } | null {
  let i = pos;
  while (i < text.length && text[i] === " ") i++;
  if (i >= text.length) return null;
  if (text[i] === "{") {
    const close = matchingBrace(text, i);
    if (close < 0) return null;
    return { arg: text.slice(i + 1, close), end: close + 1 };
  }
  if (text[i] === "\\") {
    const m = /^\\[A-Za-z]+/.exec(text.slice(i));
    if (m) return { arg: m[0], end: i + m[0].length };
  }
  return { arg: text[i]!, end: i + 1 };
}

/** Splits `text` on `sep` where it is outside every (), [], {} pair (and `\{ \}`). */
export function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\" && (text[i + 1] === "{" || text[i + 1] === "}")) { depth += text[i + 1] === "{" ? 1 : -1; i++; continue; }
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (depth === 0 && text.startsWith(sep, i)) {
      parts.push(text.slice(start, i));
      start = i + sep.length;
      i += sep.length - 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
