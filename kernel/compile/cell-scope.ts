import ts from "typescript";
import { applyEdits, bindingNames, identifierUse, stripExport, type Edit } from "./cell-syntax.js";
import { isLocalSpecifier } from "./local-specifier.js";

/**
 * How the type checker sees a notebook's cells (kernel/compile/typecheck.ts): each cell is an ES
 * module of its own; what the earlier cells declared reaches it as globals from a declaration
 * file, and a kept cell sees the cells before it through a frozen header of imports.
 */

/**
 * How a top-level name a cell declares is seen from later cells:
 * `const` / `let` (a variable, re-declared in later cells with `typeof` its type so `let`s stay
 * assignable), `alias` (functions, classes, enums, interfaces, type aliases, namespaces: every
 * meaning of the name, through `import x = cell.x`), `import` (the cell's own import, repeated).
 */
export type ScopeKind = "const" | "let" | "alias" | "import";

/** One top-level name of a cell. */
export interface ScopeEntry {
  name: string;
  kind: ScopeKind;
  /** For `import`: the module specifier as written (quoted), what it imports, and whether only its type. */
  from?: { module: string; imported: "*" | "default" | string; typeOnly: boolean };
  /** True when the name is only a type (an interface, a type alias, a type-only import): it is nothing at run time. */
  typeOnly?: true;
}

/** What a cell declares at top level, and the edits that make its source a checkable module. */
export interface CellScan {
  entries: ScopeEntry[];
  /** The source with `export` keywords and export statements blanked (same length, same lines). */
  source: string;
  /** Relative module specifiers the cell imports (its own import statements). */
  localImports: string[];
  /** Every identifier the cell mentions (property names left out): the earlier names (and globals) it can need. */
  identifiers: Set<string>;
}

/** One entry per binding of `st` (so a later cell brings in only the names still visible). */
function importEntries(st: ts.ImportDeclaration, sf: ts.SourceFile): ScopeEntry[] {
  const clause = st.importClause;
  if (!clause) return [];
  const module = st.moduleSpecifier.getText(sf);
  const out: ScopeEntry[] = [];
  const entry = (name: string, imported: string, elementTypeOnly: boolean): ScopeEntry => {
    const typeOnly = clause.isTypeOnly || elementTypeOnly;
    return { name, kind: "import", from: { module, imported, typeOnly }, ...(typeOnly ? { typeOnly: true as const } : {}) };
  };
  if (clause.name) out.push(entry(clause.name.text, "default", false));
  const nb = clause.namedBindings;
  if (nb && ts.isNamespaceImport(nb)) out.push(entry(nb.name.text, "*", false));
  else if (nb) for (const el of nb.elements) out.push(entry(el.name.text, (el.propertyName ?? el.name).text, el.isTypeOnly));
  return out;
}

/** The import declaration that brings in just this entry's name. */
export function importDeclaration(e: ScopeEntry): string {
  const { module, imported, typeOnly } = e.from!;
  const t = typeOnly ? "type " : "";
  if (imported === "*") return `import ${t}* as ${e.name} from ${module};`;
  if (imported === "default") return `import ${t}${e.name} from ${module};`;
  return `import ${t}{ ${imported === e.name ? e.name : `${imported} as ${e.name}`} } from ${module};`;
}

/**
 * Reads a cell's top-level declarations from a parse of its TypeScript source. Names declared
 * twice keep their last kind, and are type-only only when every declaration of them is.
 * `export` modifiers and export statements are blanked so that the checker can add its own
 * `export { … }` of every name.
 */
export function scanCell(src: string): CellScan {
  const sf = ts.createSourceFile("cell.ts", src, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const entries = new Map<string, ScopeEntry>();
  const blanks: Edit[] = [];
  const localImports: string[] = [];
  const add = (e: ScopeEntry) => {
    const before = entries.get(e.name);
    entries.delete(e.name);
    // `interface X {}` after `const X = 1`: X still exists at run time.
    if (e.typeOnly && before && !before.typeOnly) delete e.typeOnly;
    entries.set(e.name, e);
  };
  for (const st of sf.statements) {
    stripExport(st, sf, blanks, true);
    if (ts.isExportDeclaration(st) || ts.isExportAssignment(st)) {
      const pos = st.getStart(sf);
      blanks.push({ pos, end: st.end, text: src.slice(pos, st.end).replace(/[^\n]/g, " ") });
      continue;
    }
    if (ts.isVariableStatement(st)) {
      const isConst = (st.declarationList.flags & ts.NodeFlags.Const) !== 0;
      const names: string[] = [];
      for (const d of st.declarationList.declarations) bindingNames(d.name, names);
      for (const name of names) add({ name, kind: isConst ? "const" : "let" });
    } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name) {
      add({ name: st.name.text, kind: "alias" });
    } else if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) {
      add({ name: st.name.text, kind: "alias", typeOnly: true });
    } else if (ts.isEnumDeclaration(st)) {
      add({ name: st.name.text, kind: "alias" });
    } else if (ts.isModuleDeclaration(st) && ts.isIdentifier(st.name)) {
      add({ name: st.name.text, kind: "alias" });
    } else if (ts.isImportDeclaration(st)) {
      const spec = (st.moduleSpecifier as ts.StringLiteral).text;
      if (isLocalSpecifier(spec)) localImports.push(spec);
      for (const e of importEntries(st, sf)) add(e);
    } else if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference)) {
      add({ name: st.name.text, kind: "import", from: { module: st.moduleReference.expression.getText(sf), imported: "*", typeOnly: st.isTypeOnly }, ...(st.isTypeOnly ? { typeOnly: true as const } : {}) });
    }
  }
  const { top, nested } = identifierUse(sf);
  return { entries: [...entries.values()], source: applyEdits(src, blanks), localImports, identifiers: new Set([...top, ...nested]) };
}

/** Where each visible name was last declared: the kept cell's module, and how it was declared. */
export interface Visible {
  entry: ScopeEntry;
  /** Module specifier of the kept cell that declared it (relative to the notebook folder). */
  from: string;
}

/**
 * The header of a kept cell: its view of the earlier cells, frozen (imports of the names it did
 * not declare itself), so the types it gave its names do not change when a later cell re-declares
 * a name it used. One line.
 */
export function keptHeader(visible: ReadonlyMap<string, Visible>, own: ReadonlySet<string>, used: ReadonlySet<string>): string {
  const byModule = new Map<string, string[]>();
  const imports: string[] = [];
  for (const [name, { entry, from }] of visible) {
    if (own.has(name) || !used.has(name)) continue;
    if (entry.kind === "import") { imports.push(importDeclaration(entry)); continue; }
    const list = byModule.get(from) ?? [];
    list.push(name);
    byModule.set(from, list);
  }
  return [...[...byModule].map(([from, names]) => `import { ${names.join(", ")} } from ${JSON.stringify(from)};`), ...imports].join(" ");
}

/**
 * The declaration file that makes the earlier cells' names globals for a new cell: `let`s stay
 * assignable (`declare let x: typeof cell.x`), functions, classes, enums, interfaces, type aliases,
 * namespaces and imports keep every meaning (`export import x = cell.x` in `declare global`).
 * A declaration file, so it costs nothing until a cell uses a name.
 */
export function scopeDeclarations(visible: ReadonlyMap<string, Visible>, used: ReadonlySet<string>, globals: Readonly<Record<string, string>>): string {
  const modules = new Map<string, string>();
  const head: string[] = [];
  const ns = (spec: string): string => {
    let a = modules.get(spec);
    if (!a) {
      a = `__replab_m${modules.size}`;
      modules.set(spec, a);
      head.push(`import * as ${a} from ${spec};`);
    }
    return a;
  };
  const body: string[] = [];
  for (const [name, decl] of Object.entries(globals)) if (used.has(name) && !visible.has(name)) body.push(`  ${decl}`);
  for (const [name, { entry, from }] of visible) {
    if (!used.has(name)) continue;
    if (entry.kind === "import") {
      const { module, imported } = entry.from!;
      body.push(`  export import ${name} = ${ns(module)}${imported === "*" ? "" : `.${imported}`};`);
    }
    else if (entry.kind === "alias") body.push(`  export import ${name} = ${ns(JSON.stringify(from))}.${name};`);
    else body.push(`  ${entry.kind} ${name}: typeof import(${JSON.stringify(from)}).${name};`);
  }
  return `${head.join("\n")}\ndeclare global {\n${body.join("\n")}\n}\nexport {};\n`;
}

