import ts from "typescript";
import { bindingNames, stripExport, type Edit } from "../cell-syntax.js";

/** The top-level names a cell declares, found while rewriting its declarations. */
export interface DeclaredNames {
  /** Every name declared (imports, variables, functions, classes), in order, with repeats. */
  names: string[];
  /** The function declarations among them (hoisted: copied out by a setter before the cell runs). */
  functionNames: string[];
}

/**
 * Pass 3: rewrites the cell's top-level declarations into assignments to script-scope bindings,
 * never adding or removing a line: `import x, { y } from "m"` → `(H.$ = await H.import("m"),
 * x = H.defaultOf(H.$), y = H.$["y"]);`, `export` dropped, `let a = 1, {b} = o` → `(a = 1, {b} = o)`
 * (a declaration without a value becomes `= void 0`, or keeps its value for `var`),
 * `class C {}` → `C = class C {};`; function declarations stay (hoisted) and are recorded.
 */
export function declarationEdits(sf: ts.SourceFile, js: string, helper: string, edits: Edit[]): DeclaredNames {
  const H = helper;
  const names: string[] = [];
  const functionNames: string[] = [];
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      const spec = (st.moduleSpecifier as ts.StringLiteral).text;
      const parts: string[] = [`${H}.$ = await ${H}.import(${JSON.stringify(spec)})`];
      const clause = st.importClause;
      if (clause && !clause.isTypeOnly) {
        if (clause.name) {
          names.push(clause.name.text);
          parts.push(`${clause.name.text} = ${H}.defaultOf(${H}.$)`);
        }
        const nb = clause.namedBindings;
        if (nb && ts.isNamespaceImport(nb)) {
          names.push(nb.name.text);
          parts.push(`${nb.name.text} = ${H}.$`);
        } else if (nb) {
          for (const el of nb.elements) {
            if (el.isTypeOnly) continue;
            names.push(el.name.text);
            const from = (el.propertyName ?? el.name).text;
            parts.push(`${el.name.text} = ${from === "default" ? `${H}.defaultOf(${H}.$)` : `${H}.$[${JSON.stringify(from)}]`}`);
          }
        }
      }
      // Keep the statement's line breaks: the replacement goes where `import` started.
      const original = js.slice(st.getStart(sf), st.end);
      const newlines = original.replace(/[^\n]/g, "");
      edits.push({ pos: st.getStart(sf), end: st.end, text: `(${parts.join(", ")});${newlines}` });
      continue;
    }
    if (ts.isExportDeclaration(st) || ts.isExportAssignment(st)) {
      const original = js.slice(st.getStart(sf), st.end);
      edits.push({ pos: st.getStart(sf), end: st.end, text: original.replace(/[^\n]/g, "") });
      continue;
    }
    if (ts.isVariableStatement(st)) {
      stripExport(st, sf, edits);
      const list = st.declarationList;
      const isVar = (list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) === 0;
      // `let a = 1, {b} = o` → `(a = 1, {b} = o);`
      const keywordStart = list.getStart(sf);
      const firstDecl = list.declarations[0];
      if (!firstDecl) continue;
      edits.push({ pos: keywordStart, end: firstDecl.getStart(sf), text: "(" });
      for (const d of list.declarations) {
        const declNames: string[] = [];
        bindingNames(d.name, declNames);
        names.push(...declNames);
        if (d.type) edits.push({ pos: d.name.end, end: d.type.end, text: "" });
        if (!d.initializer) {
          const name = declNames[0]!;
          edits.push({ pos: d.name.end, end: d.name.end, text: isVar ? ` = ${name}` : " = void 0" });
        }
      }
      const lastDecl = list.declarations[list.declarations.length - 1]!;
      edits.push({ pos: lastDecl.end, end: lastDecl.end, text: ")" });
      continue;
    }
    if (ts.isFunctionDeclaration(st) && st.name) {
      stripExport(st, sf, edits);
      names.push(st.name.text);
      functionNames.push(st.name.text);
      continue;
    }
    if (ts.isClassDeclaration(st) && st.name) {
      stripExport(st, sf, edits);
      names.push(st.name.text);
      // `class C {}` → `C = class C {};`
      const at = st.getChildren(sf).find((c) => c.kind === ts.SyntaxKind.ClassKeyword)!.getStart(sf);
      edits.push({ pos: at, end: at, text: `${st.name.text} = ` });
      edits.push({ pos: st.end, end: st.end, text: ";" });
      continue;
    }
    if (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) stripExport(st, sf, edits);
  }
  return { names, functionNames };
}
