import ts from "typescript";

/** What {@link transformCell} makes of a cell: JavaScript to run, and how to map errors back. */
export interface TransformedCell {
  /** The script to run with `vm.Script` (strict mode, one line of prelude then the cell). */
  code: string;
  /** True when the cell awaits at top level (or imports): the script evaluates to a promise. */
  isAsync: boolean;
  /** Top-level names this cell declares (let/const/var/function/class/import/enum). */
  names: string[];
  /** TypeScript's source map of the transpiled cell (JSON), before the line-preserving rewrite. */
  sourceMap: string;
  /** Characters the prelude adds in front of the first line (for column mapping of line 1). */
  firstLineShift: number;
}

/** The global the rewritten cells call for imports (`import` → `await __replab.import(spec)`). */
export const CELL_HELPER = "__replab";

/** What the cell helper global holds (see the executor). */
export interface CellHelper {
  /** The module a cell's `import` statement is reading (set just before its names are read). */
  $: unknown;
  import(spec: string): Promise<unknown>;
  defaultOf(ns: Record<string, unknown>): unknown;
  /** Non-zero when the running cell must stop: 1 interrupted, 2 timed out (async cells' loops check it). */
  flag: Int32Array;
  halt(): never;
}

interface Edit {
  pos: number;
  end: number;
  text: string;
}

function containsTopLevelAwait(node: ts.Node): boolean {
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

/** Identifier names used at the cell's top level, and inside functions or classes (closures). */
function identifierUse(sf: ts.SourceFile): { top: Set<string>; nested: Set<string> } {
  const top = new Set<string>();
  const nested = new Set<string>();
  const visit = (n: ts.Node, inside: boolean): void => {
    if (ts.isIdentifier(n)) {
      const p = n.parent;
      const isKey = p && ((ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n) || (ts.isMethodDeclaration(p) && p.name === n) || (ts.isPropertyDeclaration(p) && p.name === n));
      if (!isKey) (inside ? nested : top).add(n.text);
      return;
    }
    const deeper = inside || ts.isFunctionLike(n) || ts.isClassLike(n);
    ts.forEachChild(n, (c) => visit(c, deeper));
  };
  ts.forEachChild(sf, (c) => visit(c, false));
  return { top, nested };
}

function bindingNames(name: ts.BindingName, out: string[]): void {
  if (ts.isIdentifier(name)) out.push(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(el.name, out);
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/** Removes `export` / `export default` in front of a declaration (keeps the text's lines). */
function stripExport(st: ts.Statement, sf: ts.SourceFile, edits: Edit[]): void {
  for (const m of ts.canHaveModifiers(st) ? ts.getModifiers(st) ?? [] : []) {
    if (m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DefaultKeyword) {
      edits.push({ pos: m.getStart(sf), end: m.end, text: "" });
    }
  }
}

/**
 * The value names a cell declares at top level (variables, functions, classes, enums, namespaces,
 * imports), from a parse of the TypeScript source alone — cheap, for checks before compiling.
 */
export function topLevelNames(source: string): string[] {
  const sf = ts.createSourceFile("cell.ts", source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out: string[] = [];
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) bindingNames(d.name, out);
    else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && st.name) out.push(st.name.text);
    else if (ts.isModuleDeclaration(st) && ts.isIdentifier(st.name)) out.push(st.name.text);
    else if (ts.isImportDeclaration(st) && st.importClause && !st.importClause.isTypeOnly) {
      const c = st.importClause;
      if (c.name) out.push(c.name.text);
      if (c.namedBindings && ts.isNamespaceImport(c.namedBindings)) out.push(c.namedBindings.name.text);
      else if (c.namedBindings) for (const el of c.namedBindings.elements) if (!el.isTypeOnly) out.push(el.name.text);
    }
  }
  return out;
}

/**
 * Compiles a TypeScript cell to a script whose top-level declarations are assignments to
 * script-scope `let` bindings declared in a one-line prelude (only for `newNames` not declared
 * by an earlier cell). Script-scope `let`s are fast in V8 (a top-level loop runs as fast as in a
 * block), a cell that throws leaves no binding in the temporal dead zone, and re-running a cell
 * that declares `x` again works. Imports become `await __replab.import(spec)` assignments; the
 * last expression statement is the script's value (or the async wrapper's return value).
 * The rewrite never adds or removes a line, so TypeScript's source map still gives the cell's
 * line for a runtime error. Names used only at the cell's top level run as block locals (see below);
 * `captured` (names any closure has referenced so far) is read and updated.
 */
export function transformCell(source: string, cellId: number, declared: ReadonlySet<string>, captured: Set<string> = new Set()): TransformedCell {
  const transpiled = ts.transpileModule(source, {
    fileName: `cell-${cellId}.ts`,
    reportDiagnostics: false,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      sourceMap: true,
      inlineSources: false,
      verbatimModuleSyntax: true,
      experimentalDecorators: true,
      jsx: ts.JsxEmit.React,
      newLine: ts.NewLineKind.LineFeed,
    },
  });
  const js = transpiled.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n");
  const sf = ts.createSourceFile(`cell-${cellId}.js`, js, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const isAsync = containsTopLevelAwait(sf) || sf.statements.some((s) => ts.isImportDeclaration(s));
  const edits: Edit[] = [];
  const names: string[] = [];
  const functionNames: string[] = [];
  const H = CELL_HELPER;

  const statements = sf.statements.filter((s) => !ts.isEmptyStatement(s));
  const last = statements[statements.length - 1];

  // An async cell's code runs outside runInThisContext once it awaits, where neither SIGINT's
  // breakOnSigint nor the vm timeout can reach it: its loops check a flag that the kernel's
  // ZeroMQ thread (interrupt_request) or a watchdog thread (timeout) sets.
  if (isAsync) {
    const check = `{if (${H}.flag[0] !== 0) ${H}.halt();`;
    const visitLoops = (n: ts.Node): void => {
      if (ts.isIterationStatement(n, false)) {
        const body = n.statement;
        edits.push({ pos: body.getStart(sf), end: body.getStart(sf), text: check });
        edits.push({ pos: body.end, end: body.end, text: "}" });
      }
      ts.forEachChild(n, visitLoops);
    };
    visitLoops(sf);
  }

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

  // The last expression statement is the cell's value.
  let tail = "";
  if (last && ts.isExpressionStatement(last)) {
    if (isAsync) {
      edits.push({ pos: last.expression.getStart(sf), end: last.expression.getStart(sf), text: "return (" });
      edits.push({ pos: last.expression.end, end: last.expression.end, text: ")" });
    }
  } else if (!isAsync) {
    tail = "\nvoid 0;";
  }

  edits.sort((a, b) => a.pos - b.pos || a.end - b.end);
  let body = "";
  let at = 0;
  for (const e of edits) {
    body += js.slice(at, e.pos) + e.text;
    at = Math.max(at, e.end);
  }
  body += js.slice(at);

  const unique = [...new Set(names)];
  const { top, nested } = identifierUse(sf);
  const fresh = unique.filter((n) => !declared.has(n));
  let prelude = `"use strict";`;
  if (fresh.length > 0) prelude += `let ${fresh.join(", ")};`;
  // Function declarations are hoisted inside the cell's block; a setter copies them out to the
  // script-scope bindings before the first statement runs.
  let setter = "";
  if (functionNames.length > 0) {
    const setterName = `${H}_set${cellId}`;
    const params = functionNames.map((_, i) => `${H}_v${i}`);
    prelude += `const ${setterName} = (${params.join(", ")}) => { ${functionNames.map((n, i) => `${n} = ${params[i]};`).join(" ")} };`;
    setter = `${setterName}(${functionNames.join(", ")});`;
  }
  // Script-scope `let`s are ~10× slower than block locals in V8 11 (Node 20), so names this cell
  // uses only at its top level (never inside a function or class, here or in an earlier cell)
  // become block locals, copied in from the script-scope bindings at the start and back out when
  // the cell ends (finally). Names a closure can see stay script-scope, so closures stay live.
  const localized = [...top].filter((n) => (declared.has(n) || unique.includes(n)) && !captured.has(n) && !nested.has(n) && !functionNames.includes(n));
  let open: string;
  let close: string;
  if (localized.length > 0) {
    const io = `${H}_io${cellId}`;
    prelude += `const ${io} = { get: () => [${localized.join(", ")}], set: (${H}_v) => { [${localized.join(", ")}] = ${H}_v; } };`;
    const enter = `let [${localized.join(", ")}] = ${io}.get(); try {${setter}`;
    const leave = `} finally { ${io}.set([${localized.join(", ")}]); }`;
    open = isAsync ? `(async () => {${enter}` : `{${enter}`;
    close = isAsync ? `\n${leave}})()` : `${tail}\n${leave}}`;
  } else {
    open = isAsync ? `(async () => {${setter}` : `{${setter}`;
    close = isAsync ? "\n})()" : `${tail}\n}`;
  }
  for (const n of nested) captured.add(n);
  return {
    code: prelude + open + body + close,
    isAsync,
    names: unique,
    sourceMap: transpiled.sourceMapText ?? "",
    firstLineShift: prelude.length + open.length,
  };
}
