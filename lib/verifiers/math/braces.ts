/**
 * Brace helpers shared by answer extraction, parsing and LaTeX translation: reading a balanced
 * `{…}` group and splitting on top-level separators.
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
 * Whether the `{`/`}` of `text` balance: no `}` before its `{` and none left open. With
 * `escapes: "skip"` the character after every backslash is passed over (`\{`, `\}` and `\\`
 * are no braces); with "count" every brace character counts.
 */
export function bracesBalanced(text: string, escapes: "skip" | "count"): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\" && escapes === "skip") { i++; continue; }
    if (c === "{") depth++;
    else if (c === "}" && --depth < 0) return false;
  }
  return depth === 0;
}

/**
 * Reads one LaTeX macro argument starting at `pos` (after skipping spaces): a balanced `{…}`
 * group, a macro name, or else a single character (`\frac12` → "1", "2"). Returns the argument
 * and the index just after it, or null at the end of the text or at an unclosed group.
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

/**
 * Splits `text` where `sep` (a string or a RegExp) occurs outside every (), [], {} pair,
 * `\{ \}` and `\begin{…}…\end{…}` environment; returns the parts and each separator's text.
 */
export function splitTopLevelKeep(text: string, sep: string | RegExp): { parts: string[]; seps: string[] } {
  const parts: string[] = [];
  const seps: string[] = [];
  const sticky = typeof sep === "string" ? null : new RegExp(sep.source, sep.flags.replace(/[gy]/g, "") + "y");
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\") {
      if (text[i + 1] === "{" || text[i + 1] === "}") { depth += text[i + 1] === "{" ? 1 : -1; i++; continue; }
      if (text.startsWith("\\begin{", i)) { depth++; i += 6; continue; }
      if (text.startsWith("\\end{", i)) { depth--; i += 4; continue; }
    }
    if (c === "(" || c === "[" || c === "{") { depth++; continue; }
    if (c === ")" || c === "]" || c === "}") { depth--; continue; }
    if (depth !== 0) continue;
    let found = "";
    if (sticky === null) { if (text.startsWith(sep as string, i)) found = sep as string; }
    else { sticky.lastIndex = i; const m = sticky.exec(text); if (m) found = m[0]; }
    if (found.length > 0) {
      parts.push(text.slice(start, i));
      seps.push(found);
      start = i + found.length;
      i += found.length - 1;
    }
  }
  parts.push(text.slice(start));
  return { parts, seps };
}

/** The parts of {@link splitTopLevelKeep}, without the separators. */
export function splitTopLevel(text: string, sep: string | RegExp): string[] {
  return splitTopLevelKeep(text, sep).parts;
}
