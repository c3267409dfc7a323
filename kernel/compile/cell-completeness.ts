import ts from "typescript";

/**
 * Whether a cell is complete, for is_complete_request: `incomplete` (with the indent for the next
 * line) when TypeScript's parser stops at the very end of the source wanting more ("'}' expected"),
 * `invalid` when a closing bracket can never be matched, else `complete`. The rule is tslab's
 * `isCompleteCode` (yunabe/tslab src/converter.ts): two trailing blank lines force `complete`.
 */
export function cellCompleteness(src: string): { status: "complete" | "incomplete" | "invalid"; indent?: string } {
  if (/(^|\n)\s*\n\s*$/.test(src)) return { status: "complete" };
  const sf = ts.createSourceFile("cell.ts", src, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const diags = (sf as ts.SourceFile & { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  for (const d of diags) {
    if (d.start === src.length && d.length === 0 && typeof d.messageText === "string" && d.messageText.endsWith(" expected.")) {
      return { status: "incomplete", indent: indentOnEnter(src) };
    }
  }
  return unmatchedClosing(src) ? { status: "invalid" } : { status: "complete" };
}

/** The next line's indent after `src` (tslab's `indentOnEnter`, VS Code's indentation rules). */
function indentOnEnter(src: string): string {
  const line = /[^\n]*$/.exec(src)![0];
  const current = /^\s*/.exec(line)![0];
  if (/^((?!.*?\/\*).*\*\/)?\s*[}\]].*$/.test(line)) {
    if (current.endsWith("  ")) return current.slice(0, -2);
    if (current.endsWith("\t") || current.endsWith(" ")) return current.slice(0, -1);
    return current;
  }
  if (/^((?!\/\/).)*(\{[^}"'`]*|\([^)"'`]*|\[[^\]"'`]*)$/.test(line)) return current + "  ";
  return current;
}

/** True when a `)`, `]` or `}` closes nothing (outside strings and line comments): no more lines can fix that. */
function unmatchedClosing(src: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "/" && src[i + 1] === "/") { const nl = src.indexOf("\n", i); i = nl < 0 ? src.length : nl; }
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") { depth--; if (depth < 0) return true; }
  }
  return false;
}
