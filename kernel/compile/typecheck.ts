import path from "node:path";
import ts from "typescript";
import { CachingHost } from "./program-host.js";
import { scanCell, keptHeader, scopeDeclarations, type Visible } from "./cell-scope.js";
import { cellGlobals } from "./cell-globals.js";
import { LOCAL_MODULE_EXTENSIONS, isLocalSpecifier } from "./local-specifier.js";
import { packageRoot } from "../package-root.js";

/** A type error, with the cell's own zero-based line and character (or a local module's). */
export interface CellDiagnostic {
  line: number;
  character: number;
  message: string;
  code: number;
  /** The local module the error is in (relative to the notebook folder); absent for the cell. */
  fileName?: string;
}

/** What {@link TypeChecker.check} finds: type errors, and the reserved names the cell declares at top level. */
export interface CheckResult {
  diagnostics: CellDiagnostic[];
  /** Names the cell would declare that it may not (Node's globals): the cell must not run. */
  reserved: string[];
}

/** Options for {@link TypeChecker}. */
export interface TypeCheckerOptions {
  /** The notebook's folder: cells' relative imports and packages resolve from it. */
  cwd: string;
  /** Where names that do not resolve from the notebook's folder resolve from (default: replab's package root). */
  fallbackDir?: string;
  /** The globals every cell has: name → its declaration inside `declare global` (default: {@link cellGlobals}). */
  globals?: Record<string, string>;
  /** Top-level names a cell may not give a value (the executor refuses Node's globals; a type of that name is allowed); such a cell is not checked. */
  reserved?: readonly string[];
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2023.d.ts"],
  types: ["node"],
  // Only declaration files are ever emitted (a kept cell's), and only to memory.
  declaration: true,
  emitDeclarationOnly: true,
  skipLibCheck: true,
  esModuleInterop: true,
  allowJs: true,
  resolveJsonModule: true,
  allowImportingTsExtensions: true,
  experimentalDecorators: true,
  jsx: ts.JsxEmit.React,
};

/** `node_modules/@types` folders from the notebook's folder up, then replab's own (@types/node among them). */
function typeRoots(cwd: string, fallbackDir: string): string[] {
  const roots: string[] = [];
  for (let d = path.resolve(cwd); ; d = path.dirname(d)) {
    const r = path.join(d, "node_modules", "@types");
    if (ts.sys.directoryExists(r)) roots.push(r);
    if (path.dirname(d) === d) break;
  }
  const own = path.join(fallbackDir, "node_modules", "@types");
  if (!roots.includes(own)) roots.push(own);
  return roots;
}

/**
 * Type-checks notebook cells against the earlier ones with one TypeScript program kept across
 * cells. Each cell is an ES module of its own; the names earlier cells declared reach it as
 * globals from a declaration file holding only the names cells have used so far (so a program
 * with tfjs in it is built only once a cell uses tfjs); a cell that declares names is kept, with
 * its view of the cells before it frozen, so later cells can refer to it. Parsed library files,
 * package.json reads and module resolutions are kept for the kernel's life: a new cell costs its
 * own parse, a program that reuses the last one's structure, and a checker pass over what the
 * cell touches (TypeScript has no incremental checker, so that pass starts afresh each cell).
 * Completion and quick info use a language service over the same files.
 */
export class TypeChecker {
  private host: CachingHost;
  private readonly options: ts.CompilerOptions;
  private program: ts.Program | undefined;
  private readonly current: string;
  private readonly scopeFile: string;
  private kept = 0;
  private visible = new Map<string, Visible>();
  private used = new Set<string>();
  private lastCheck: { text: string; scope: string; program: ts.Program; result: CellDiagnostic[] } | null = null;
  private ls: ts.LanguageService | null = null;
  private lsVersion = 0;

  private readonly opts: Required<TypeCheckerOptions>;
  private readonly reserved: ReadonlySet<string>;

  constructor(options: TypeCheckerOptions) {
    const opts = { fallbackDir: packageRoot(), globals: cellGlobals(), reserved: [], ...options };
    this.reserved = new Set(opts.reserved);
    this.opts = opts;
    this.options = { ...COMPILER_OPTIONS, typeRoots: typeRoots(opts.cwd, opts.fallbackDir) };
    this.host = new CachingHost(this.options, opts.cwd, opts.fallbackDir);
    this.current = path.join(opts.cwd, "__replab_cell__.ts");
    this.scopeFile = path.join(opts.cwd, "__replab_scope__.d.ts");
    this.host.virtual.set(this.scopeFile, "export {};\n");
  }

  /** The cell as the module the checker sees: its source, its own exports blanked, exporting every name it declares. */
  private moduleText(src: string, everything = false): { text: string; scan: ReturnType<typeof scanCell> } {
    const scan = scanCell(src);
    // Names enter the scope file when a cell first mentions them and stay: the program then
    // settles on the notebook's working set, and its structure is reused from cell to cell.
    for (const name of scan.identifiers) if (this.visible.has(name) || name in this.opts.globals) this.used.add(name);
    const used = everything ? new Set([...this.visible.keys(), ...Object.keys(this.opts.globals)]) : this.used;
    this.host.virtual.set(this.scopeFile, scopeDeclarations(this.visible, used, this.opts.globals));
    return { text: `${scan.source}\nexport { ${scan.entries.map((e) => e.name).join(", ")} };`, scan };
  }

  private build(text: string): ts.Program {
    this.host.virtual.set(this.current, text);
    this.program = ts.createProgram({ rootNames: [this.scopeFile, this.current], options: this.options, host: this.host.host, oldProgram: this.program });
    return this.program;
  }

  /**
   * Type-checks a cell; when it passes, its declarations are in scope for the next cells. A cell
   * run again unchanged, with nothing else changed (the scope, the local modules), gets the last
   * answer without a new program.
   */
  check(src: string): CheckResult {
    const { text, scan } = this.moduleText(src);
    // Types replace nothing at run time: only the names a cell gives values are refused.
    const reserved = scan.entries.filter((e) => !e.typeOnly && this.reserved.has(e.name)).map((e) => e.name);
    if (reserved.length > 0) return { diagnostics: [], reserved };
    const scope = this.host.virtual.get(this.scopeFile)!;
    const last = this.lastCheck;
    if (last && last.text === text && last.scope === scope && !this.host.localFilesChanged(last.program)) return { diagnostics: last.result, reserved: [] };
    const program = this.build(text);
    const sf = program.getSourceFile(this.current)!;
    const diags = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    const out = errorsIn(diags, sf);
    if (out.length === 0) out.push(...this.moduleErrors(program, sf, scan.localImports));
    if (out.length === 0 && scan.entries.length > 0) this.keep(program, sf, scan);
    // A cell that declared names changed the scope, so the next check of it is a new one.
    this.lastCheck = { text, scope, program, result: out };
    return { diagnostics: out, reserved: [] };
  }

  /** Errors in the local modules this cell imports (and the local modules they import). */
  private moduleErrors(program: ts.Program, cell: ts.SourceFile, specs: string[]): CellDiagnostic[] {
    if (specs.length === 0) return [];
    const seen = new Set<string>();
    const queue: string[] = [];
    const resolve = (spec: string, from: string) => {
      const r = ts.resolveModuleName(spec, from, this.options, this.host.host).resolvedModule;
      if (r && CachingHost.isLocal(r.resolvedFileName) && !seen.has(r.resolvedFileName)) { seen.add(r.resolvedFileName); queue.push(r.resolvedFileName); }
    };
    for (const s of specs) resolve(s, cell.fileName);
    const out: CellDiagnostic[] = [];
    while (queue.length > 0) {
      const f = queue.shift()!;
      const sf = program.getSourceFile(f);
      if (!sf) continue;
      out.push(...errorsIn([...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)], sf, path.relative(this.opts.cwd, f)));
      for (const spec of ts.preProcessFile(sf.text, true, true).importedFiles) if (isLocalSpecifier(spec.fileName)) resolve(spec.fileName, f);
    }
    return out;
  }

  /**
   * Keeps a cell that declared names, for the cells after it: as its declaration file (explicit
   * types, so a later cell never re-infers `tf.zeros([2, 3])` to learn what `t` is), or, when a
   * type cannot be written down, as its source with its view of the earlier cells frozen in a
   * header line.
   */
  private keep(program: ts.Program, sf: ts.SourceFile, scan: ReturnType<typeof scanCell>): void {
    const n = ++this.kept;
    const names = scan.entries.map((e) => e.name);
    let dts = "";
    const emitted = program.emit(sf, (file, text) => { if (file.endsWith(".d.ts")) dts = text; }, undefined, true);
    let from = `./__replab_cell_${n}__`;
    if (dts && emitted.diagnostics.length === 0) {
      this.host.virtual.set(path.join(this.opts.cwd, `__replab_cell_${n}__.d.ts`), dts);
    } else {
      const header = keptHeader(this.visible, new Set(names), scan.identifiers);
      this.host.virtual.set(path.join(this.opts.cwd, `__replab_cell_${n}__.ts`), `${header}\n${scan.source}\nexport { ${names.join(", ")} };\n`);
      from += ".ts";
    }
    for (const entry of scan.entries) {
      this.visible.delete(entry.name);
      this.visible.set(entry.name, { entry, from });
    }
  }

  private languageService(text: string): { ls: ts.LanguageService; offset: number } {
    this.host.virtual.set(this.current, text);
    this.lsVersion++;
    if (!this.ls) {
      const h = this.host.host;
      const lsHost: ts.LanguageServiceHost = {
        getCompilationSettings: () => this.options,
        getScriptFileNames: () => [this.scopeFile, this.current],
        getScriptVersion: (f) => (f === this.current || f === this.scopeFile ? String(this.lsVersion) : this.host.version(f)),
        getScriptSnapshot: (f) => {
          const sf = h.getSourceFile(f, ts.ScriptTarget.ES2022);
          return sf ? ts.ScriptSnapshot.fromString(sf.text) : undefined;
        },
        getCurrentDirectory: () => this.opts.cwd,
        // The compiler host's own names and reads, so the service shares its parsed files.
        getDefaultLibFileName: h.getDefaultLibFileName,
        fileExists: h.fileExists,
        readFile: h.readFile,
        directoryExists: h.directoryExists,
        getDirectories: h.getDirectories,
        resolveModuleNameLiterals: h.resolveModuleNameLiterals,
      };
      this.ls = ts.createLanguageService(lsHost, ts.createDocumentRegistry());
    }
    return { ls: this.ls, offset: 0 };
  }

  /** Completion candidates at `cursor` (a character offset in `src`), ranked as tslab ranks them. */
  complete(src: string, cursor: number): { start: number; end: number; matches: string[] } {
    const { text } = this.moduleText(src, true);
    const { ls, offset } = this.languageService(text);
    const info = ls.getCompletionsAtPosition(this.current, cursor + offset, {});
    const entries = info?.entries ?? [];
    let start = cursor;
    while (start > 0 && /[\w$]/.test(src[start - 1]!)) start--;
    let end = cursor;
    while (end < src.length && /[\w$]/.test(src[end]!)) end++;
    const word = src.slice(start, end);
    if (word === "") {
      const sorted = [...entries].sort((a, b) => a.sortText.localeCompare(b.sortText) || a.name.localeCompare(b.name));
      return { start: cursor, end: cursor, matches: sorted.map((e) => e.name) };
    }
    const lower = word.toLowerCase();
    const ranked = entries
      .map((e, index) => {
        const l = e.name.toLowerCase();
        const key = e.name.startsWith(word) ? "0" : l.startsWith(lower) ? "1" : l.includes(lower) ? "2" : "";
        return key ? { name: e.name, sortKey: key + e.sortText, index } : null;
      })
      .filter((e): e is { name: string; sortKey: string; index: number } => e !== null)
      .sort((a, b) => a.sortKey.localeCompare(b.sortKey) || a.index - b.index);
    return { start, end, matches: ranked.map((e) => e.name) };
  }

  /** Quick info (the hover text) at `cursor`, or null when there is none. */
  inspect(src: string, cursor: number): string | null {
    const { text } = this.moduleText(src, true);
    const { ls, offset } = this.languageService(text);
    const info = ls.getQuickInfoAtPosition(this.current, cursor + offset);
    if (!info || !info.displayParts) return null;
    let out = info.displayParts.map((p) => p.text).join("");
    const doc = (info.documentation ?? []).map((p) => p.text).join("");
    if (doc) out += "\n\n" + doc;
    for (const tag of info.tags ?? []) out += `\n@${tag.name}${tag.text ? " " + tag.text.map((t) => t.text).join("") : ""}`;
    return out;
  }

  close(): void {
    this.ls?.dispose();
  }
}

/**
 * The errors among `diags` (in `sf`), at their line and character. A relative import that finds
 * no file says where it looked rather than TypeScript's "or its corresponding type declarations".
 */
function errorsIn(diags: readonly ts.Diagnostic[], sf: ts.SourceFile, fileName?: string): CellDiagnostic[] {
  const out: CellDiagnostic[] = [];
  for (const d of diags) {
    if (d.category !== ts.DiagnosticCategory.Error || d.start === undefined) continue;
    const { line, character } = sf.getLineAndCharacterOfPosition(d.start);
    let message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    const missing = d.code === 2307 ? /^Cannot find module '(\.{1,2}\/[^']*)'/.exec(message) : null;
    if (missing) message = `no local module '${missing[1]}' (looked for ${path.resolve(path.dirname(sf.fileName), missing[1]!)} with ${LOCAL_MODULE_EXTENSIONS.join(", ")}); fix the path`;
    out.push({ line, character, message, code: d.code, ...(fileName ? { fileName } : {}) });
  }
  return out;
}

/** Formats type errors as tslab does: `line:column - message`, one per line (a local module's with its file first). */
export function formatDiagnostics(diags: CellDiagnostic[]): string[] {
  return diags.map((d) => `${d.fileName ? d.fileName + " " : ""}${d.line + 1}:${d.character + 1} - ${d.message}`);
}
