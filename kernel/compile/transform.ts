import ts from "typescript";
import { applyEdits, bindingNames, type Edit } from "./cell-syntax.js";
import { transpileCell } from "./passes/transpile.js";
import { loopCheckEdits } from "./passes/loop-checks.js";
import { declarationEdits } from "./passes/declarations.js";
import { cellValueEdits } from "./passes/cell-value.js";
import { wrapInScope } from "./passes/scope.js";

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
  /** What `Deno` is in a cell (its Jupyter API), bound in the cell's own scope, never as a global. */
  deno: unknown;
  /** Non-zero when the running cell must stop: 1 interrupted, 2 timed out (async cells' loops check it). */
  flag: Int32Array;
  halt(): never;
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
 *
 * The passes, in order (kernel/compile/passes/): transpile → loop checks (async cells) →
 * declarations → cell value → edits applied → scope.
 */
export function transformCell(source: string, cellId: number, declared: ReadonlySet<string>, captured: Set<string> = new Set()): TransformedCell {
  const { js, sf, sourceMap, isAsync } = transpileCell(source, cellId);
  const edits: Edit[] = [];
  if (isAsync) loopCheckEdits(sf, CELL_HELPER, edits);
  const { names, functionNames } = declarationEdits(sf, js, CELL_HELPER, edits);
  const tail = cellValueEdits(sf, isAsync, edits);
  const body = applyEdits(js, edits);
  const unique = [...new Set(names)];
  const { code, firstLineShift } = wrapInScope({ sf, body, cellId, isAsync, tail, names: unique, functionNames, declared, captured, helper: CELL_HELPER });
  return { code, isAsync, names: unique, sourceMap, firstLineShift };
}
