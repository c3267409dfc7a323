import ts from "typescript";

/** One text replacement in a cell's JavaScript: [pos, end) becomes `text`. */
export interface Edit {
  pos: number;
  end: number;
  text: string;
}

/** Applies edits (sorted by position; an edit inside an earlier one's range is dropped). */
export function applyEdits(js: string, edits: Edit[]): string {
  edits.sort((a, b) => a.pos - b.pos || a.end - b.end);
  let body = "";
  let at = 0;
  for (const e of edits) {
    body += js.slice(at, e.pos) + e.text;
    at = Math.max(at, e.end);
  }
  return body + js.slice(at);
}

/** True when the cell awaits at its top level (an `await` or `for await` outside any function or class). */
export function containsTopLevelAwait(node: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isAwaitExpression(n) || (ts.isForOfStatement(n) && n.awaitModifier !== undefined)) {
      found = true;
      return;
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}

/**
 * Identifier names used at the cell's top level, and inside functions or classes (closures).
 * Property names (`obj.model`, `{ loss: 1 }`, a method's or an interface member's name) are no
 * use of a variable and are left out.
 */
export function identifierUse(sf: ts.SourceFile): { top: Set<string>; nested: Set<string> } {
  const top = new Set<string>();
  const nested = new Set<string>();
  const visit = (n: ts.Node, inside: boolean): void => {
    if (ts.isIdentifier(n)) {
      const p = n.parent;
      const isKey = p && (ts.isPropertyAccessExpression(p) || ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p) || ts.isMethodSignature(p)) && p.name === n;
      if (!isKey) (inside ? nested : top).add(n.text);
      return;
    }
    const deeper = inside || ts.isFunctionLike(n) || ts.isClassLike(n);
    ts.forEachChild(n, (c) => visit(c, deeper));
  };
  ts.forEachChild(sf, (c) => visit(c, false));
  return { top, nested };
}

/** The names a binding pattern declares (`a`, `{ b, c: [d] }` → a, b, d). */
export function bindingNames(name: ts.BindingName, out: string[]): void {
  if (ts.isIdentifier(name)) out.push(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(el.name, out);
}

/**
 * Removes `export` / `export default` in front of a declaration (keeps the text's lines); with
 * `blank`, replaces them with spaces instead, so every position in the text stays where it was.
 */
export function stripExport(st: ts.Statement, sf: ts.SourceFile, edits: Edit[], blank = false): void {
  for (const m of ts.canHaveModifiers(st) ? ts.getModifiers(st) ?? [] : []) {
    if (m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DefaultKeyword) {
      const pos = m.getStart(sf);
      edits.push({ pos, end: m.end, text: blank ? " ".repeat(m.end - pos) : "" });
    }
  }
}
