import ts from "typescript";
import type { Edit } from "../cell-syntax.js";

/**
 * Pass 4: the cell's last expression statement is its value. An async cell returns it from its
 * wrapper (`return (expr)`); a sync script already evaluates to it, and a cell that ends in
 * anything else gets a `void 0` tail so its value is undefined. Returns that tail ("" or not).
 */
export function cellValueEdits(sf: ts.SourceFile, isAsync: boolean, edits: Edit[]): string {
  // TypeScript ends a cell whose imports were all type-only with `export {};` (it stays a module):
  // that marker is not the cell's last statement.
  const statements = sf.statements.filter((s) => !ts.isEmptyStatement(s) && !isEmptyExport(s));
  const last = statements[statements.length - 1];
  if (last && ts.isExpressionStatement(last)) {
    if (isAsync) {
      edits.push({ pos: last.expression.getStart(sf), end: last.expression.getStart(sf), text: "return (" });
      edits.push({ pos: last.expression.end, end: last.expression.end, text: ")" });
    }
    return "";
  }
  return isAsync ? "" : "\nvoid 0;";
}

/** `export {};`: no names, no module. */
function isEmptyExport(s: ts.Statement): boolean {
  return ts.isExportDeclaration(s) && !s.moduleSpecifier && s.exportClause !== undefined && ts.isNamedExports(s.exportClause) && s.exportClause.elements.length === 0;
}
