import ts from "typescript";
import { containsTopLevelAwait } from "../cell-syntax.js";

/** A cell transpiled to JavaScript and parsed again, ready for the rewriting passes. */
export interface TranspiledCell {
  /** The JavaScript (types erased, ES2022, ES modules syntax kept), without its source-map comment. */
  js: string;
  /** The parse of `js`. */
  sf: ts.SourceFile;
  /** TypeScript's source map from `js` back to the cell (JSON). */
  sourceMap: string;
  /** True when the cell awaits at top level or imports: it will run as an async function. */
  isAsync: boolean;
}

/** Pass 1: TypeScript's transpileModule (no type check: the checker runs apart), then a parse of its output. */
export function transpileCell(source: string, cellId: number): TranspiledCell {
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
  return { js, sf, sourceMap: transpiled.sourceMapText ?? "", isAsync };
}
