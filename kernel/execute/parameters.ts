import { randomUUID } from "node:crypto";
import fs from "node:fs";
import ts from "typescript";
import { ReplabError } from "../../lib/core/errors.js";
import { bindingNames } from "../compile/cell-syntax.js";
import { cellSource, sourceLines, type Notebook, type NotebookCell } from "../notebook/nbformat.js";

/**
 * Parameterised runs in papermill's convention (nteract/papermill, `parameterize_notebook`): the
 * cell tagged `parameters` holds the defaults; the values given for a run go in a new cell tagged
 * `injected-parameters`, inserted right after it (replacing one a previous run left there), so
 * the defaults stay visible and the values the run used are saved with its outputs.
 */

/** A parameter's value: anything JSON can write. */
export type ParameterValue = null | boolean | number | string | ParameterValue[] | { [key: string]: ParameterValue };

/** `-p NAME VALUE`'s value: the JSON it parses as (`3`, `true`, `[1, 2]`, `"x"`), else the text itself. */
export function parseParameterValue(text: string): ParameterValue {
  try {
    return JSON.parse(text) as ParameterValue;
  } catch {
    return text;
  }
}

/** Reads a `--params FILE.json`: one JSON object of name → value. */
export function readParamsFile(file: string): Record<string, ParameterValue> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new ReplabError(`replab run: --params ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); pass a readable JSON file`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ReplabError(`replab run: --params ${file} is not JSON (${(e as Error).message}); write one object of name → value, e.g. {"seed": 3}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ReplabError(`replab run: --params ${file} holds ${Array.isArray(value) ? "an array" : JSON.stringify(value)}, not an object; write one object of name → value, e.g. {"seed": 3}`);
  }
  return value as Record<string, ParameterValue>;
}

/** A name the parameters cell declares: how (`const`/`let`/`var`), its type annotation, and what kind of value its default is. */
interface Declared {
  keyword: "const" | "let" | "var";
  annotation: string | null;
  kind: "number" | "string" | "boolean" | "array" | "object" | null;
  defaultText: string;
}

function kindOfType(t: ts.TypeNode): Declared["kind"] {
  if (t.kind === ts.SyntaxKind.NumberKeyword) return "number";
  if (t.kind === ts.SyntaxKind.StringKeyword) return "string";
  if (t.kind === ts.SyntaxKind.BooleanKeyword) return "boolean";
  if (ts.isArrayTypeNode(t) || (ts.isTypeReferenceNode(t) && t.typeName.getText() === "Array")) return "array";
  return null;
}

function kindOfValue(e: ts.Expression): Declared["kind"] {
  if (ts.isNumericLiteral(e) || (ts.isPrefixUnaryExpression(e) && ts.isNumericLiteral(e.operand))) return "number";
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return "string";
  if (e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword) return "boolean";
  if (ts.isArrayLiteralExpression(e)) return "array";
  if (ts.isObjectLiteralExpression(e)) return "object";
  return null;
}

/** The variables a parameters cell declares at top level, in order. */
function declaredParameters(src: string): Map<string, Declared> {
  const sf = ts.createSourceFile("parameters.ts", src, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out = new Map<string, Declared>();
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    const flags = st.declarationList.flags;
    const keyword = flags & ts.NodeFlags.Const ? "const" : flags & ts.NodeFlags.Let ? "let" : "var";
    for (const d of st.declarationList.declarations) {
      const names: string[] = [];
      bindingNames(d.name, names);
      const single = ts.isIdentifier(d.name);
      for (const name of names) {
        out.set(name, {
          keyword,
          annotation: single && d.type ? d.type.getText(sf) : null,
          kind: single ? (d.type ? kindOfType(d.type) : d.initializer ? kindOfValue(d.initializer) : null) : null,
          defaultText: single && d.initializer ? d.initializer.getText(sf) : "",
        });
      }
    }
  }
  return out;
}

function kindOf(v: ParameterValue): Declared["kind"] {
  return v === null ? null : Array.isArray(v) ? "array" : (typeof v as Declared["kind"]);
}

/** The tag papermill gives the cell it inserts. */
export const INJECTED_TAG = "injected-parameters";

/**
 * Puts `values` into the notebook as papermill does: the cell tagged `injected-parameters` that an
 * earlier run left is replaced where it is, else the new one goes right after the cell tagged
 * `parameters`. Refused, one ReplabError line each: a notebook without a parameters cell
 * (papermill would inject at the top with a warning; replab will not guess), a name that cell does
 * not declare, and a value of another kind than the default it replaces (a string for a number).
 * Each value is declared the way its default was (`const`/`let`, with its type annotation), so the
 * cells after it are type-checked against the type the defaults gave it. Returns the new cell's index.
 */
export function injectParameters(nb: Notebook, values: Readonly<Record<string, ParameterValue>>, notebookName: string): number {
  const names = Object.keys(values);
  const at = nb.cells.findIndex((c) => c.cell_type === "code" && (c.metadata?.tags ?? []).includes("parameters"));
  if (at < 0) {
    throw new ReplabError(`replab run: ${notebookName} has no cell tagged "parameters" to take ${names.map((n) => `-p ${n}`).join(", ")}; tag the cell that sets the defaults "parameters" (papermill's convention), or run without -p/--params`);
  }
  const declared = declaredParameters(cellSource(nb.cells[at]!));
  for (const name of names) {
    const d = declared.get(name);
    if (!d) {
      throw new ReplabError(`replab run: parameter ${name} is not declared in the cell tagged "parameters" (cell ${at}, which declares ${declared.size > 0 ? [...declared.keys()].join(", ") : "nothing"}); declare it there or correct the name`);
    }
    const given = kindOf(values[name]!);
    if (d.kind && given !== d.kind) {
      throw new ReplabError(`replab run: parameter ${name}=${JSON.stringify(values[name])} is ${given === null ? "null" : `a${/^[aeiou]/.test(given) ? "n" : ""} ${given}`}, but the parameters cell makes ${name} a${/^[aeiou]/.test(d.kind) ? "n" : ""} ${d.kind} (${d.annotation ? `${name}: ${d.annotation}` : `default ${d.defaultText}`}); pass a${/^[aeiou]/.test(d.kind) ? "n" : ""} ${d.kind}`);
    }
  }
  const lines = names.map((name) => {
    const d = declared.get(name)!;
    return `${d.keyword} ${name}${d.annotation ? `: ${d.annotation}` : ""} = ${JSON.stringify(values[name])};`;
  });
  const cell: NotebookCell = {
    id: randomUUID().slice(0, 8),
    cell_type: "code",
    execution_count: null,
    metadata: { tags: [INJECTED_TAG] },
    outputs: [],
    source: sourceLines(`// Parameters of this run (replab run -p / --params)\n${lines.join("\n")}`),
  };
  const old = nb.cells.findIndex((c) => (c.metadata?.tags ?? []).includes(INJECTED_TAG));
  if (old >= 0) {
    nb.cells[old] = cell;
    return old;
  }
  nb.cells.splice(at + 1, 0, cell);
  return at + 1;
}
