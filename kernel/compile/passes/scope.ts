import type ts from "typescript";
import { identifierUse } from "../cell-syntax.js";

/** What the scope pass needs to know about a rewritten cell. */
export interface ScopeInput {
  sf: ts.SourceFile;
  /** The rewritten cell body. */
  body: string;
  cellId: number;
  isAsync: boolean;
  /** The tail a sync cell ends with (see the cell-value pass). */
  tail: string;
  /** The names the cell declares (unique) and, among them, its function declarations. */
  names: string[];
  functionNames: string[];
  /** Names declared by earlier cells (they already have script-scope bindings). */
  declared: ReadonlySet<string>;
  /** Names any closure has referenced so far; read and updated. */
  captured: Set<string>;
  helper: string;
}

/**
 * Pass 5: wraps the rewritten body in its scope. A one-line prelude declares script-scope `let`s
 * for the names no earlier cell declared, a setter that copies hoisted function declarations out
 * to them, and — because script-scope `let`s are ~10× slower than block locals in V8 11 (Node 20)
 * — an accessor for the names this cell uses only at its top level (never inside a function or
 * class, here or in an earlier cell): those run as block locals, copied in from the script-scope
 * bindings at the start and back out when the cell ends (`finally`). Names a closure can see
 * stay script-scope, so closures stay live. Async cells run in an async arrow function. A cell
 * that mentions `Deno` (and does not declare it) gets it as a block constant: Deno's Jupyter API
 * for that cell's code only, so libraries that test `typeof Deno` still see Node.
 * Returns the script and how many characters the prelude and opening add before line 1.
 */
export function wrapInScope(input: ScopeInput): { code: string; firstLineShift: number } {
  const { sf, body, cellId, isAsync, tail, names: unique, functionNames, declared, captured, helper: H } = input;
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
  if ((top.has("Deno") || nested.has("Deno")) && !unique.includes("Deno") && !declared.has("Deno")) setter = `const Deno = ${H}.deno;${setter}`;
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
  return { code: prelude + open + body + close, firstLineShift: prelude.length + open.length };
}
