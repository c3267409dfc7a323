import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { isLocalSpecifier } from "./local-specifier.js";

/**
 * A compiler host that keeps what does not change between cells: parsed source files (library
 * and package declarations are parsed once per kernel), module resolutions and package.json
 * reads (one resolution cache for the kernel's life). In-memory files (the cells) come from
 * `virtual`; a project's own source files are re-read when their modification time changes, so an
 * edited local module is seen by the next cell. Names that do not resolve from the notebook's
 * folder resolve from `fallbackDir` (replab's own package: `replab/<area>`, tfjs, arquero…).
 */
/**
 * Where the program sees TypeScript's own lib.*.d.ts files. TypeScript looks up the package.json
 * above every file whose path has a node_modules folder in it, for every program it builds; the
 * lib files have nothing to find there, so they are named outside node_modules and read from
 * TypeScript's lib folder (a tenth of a trivial cell's check).
 */
const LIB_DIR = path.join(path.sep, "__replab_typescript_lib__");

export class CachingHost {
  readonly virtual = new Map<string, string>();
  readonly host: ts.CompilerHost;
  private files = new Map<string, { sf: ts.SourceFile; stamp: string }>();
  private cache: ts.ModuleResolutionCache;

  constructor(readonly options: ts.CompilerOptions, readonly cwd: string, fallbackDir: string) {
    const base = ts.createCompilerHost(options, true);
    const virtual = this.virtual;
    this.cache = ts.createModuleResolutionCache(cwd, (f) => f, options);
    const cache = this.cache;
    const fallbackFile = path.join(fallbackDir, "__replab_resolve__.ts");
    const realLib = path.dirname(ts.getDefaultLibFilePath(options));
    const real = (f: string) => (f.startsWith(LIB_DIR) ? path.join(realLib, f.slice(LIB_DIR.length)) : f);
    const host: ts.CompilerHost = {
      ...base,
      getDefaultLibLocation: () => LIB_DIR,
      getDefaultLibFileName: (o) => path.join(LIB_DIR, ts.getDefaultLibFileName(o)),
      getCurrentDirectory: () => cwd,
      fileExists: (f) => virtual.has(f) || base.fileExists(real(f)),
      readFile: (f) => virtual.get(f) ?? base.readFile(real(f)),
      getSourceFile: (f, lang) => this.sourceFile(f, lang, (g, l) => {
        const sf = base.getSourceFile(real(g), l);
        if (sf) sf.fileName = g;
        return sf;
      }),
      getModuleResolutionCache: () => cache,
      resolveModuleNameLiterals: (literals, containingFile, redirected, opts, sf) =>
        literals.map((lit) => {
          const mode = ts.getModeForUsageLocation(sf, lit, opts);
          // A notebook's own modules come and go: their resolutions are not cached.
          const local = isLocalSpecifier(lit.text);
          const r = ts.resolveModuleName(lit.text, containingFile, opts, host, local ? undefined : cache, redirected, mode);
          if (r.resolvedModule || local) return r;
          const fb = ts.resolveModuleName(lit.text, fallbackFile, opts, host, cache, redirected, mode);
          return fb.resolvedModule ? fb : r;
        }),
    };
    this.host = host;
  }

  /** Whether a file is the project's own source (re-read when it changes) rather than a package's. */
  static isLocal(f: string): boolean {
    return !f.includes(`${path.sep}node_modules${path.sep}`) && !f.endsWith(".d.ts");
  }

  /**
   * A file's version for a language service over this host's files: a project source file's
   * modification time (it is re-read when that changes), "0" for a package's (read once).
   */
  version(f: string): string {
    return CachingHost.isLocal(f) ? String(fs.statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? "") : "0";
  }

  private sourceFile(f: string, lang: ts.ScriptTarget | ts.CreateSourceFileOptions, read: (f: string, lang: ts.ScriptTarget | ts.CreateSourceFileOptions) => ts.SourceFile | undefined): ts.SourceFile | undefined {
    const text = this.virtual.get(f);
    const cached = this.files.get(f);
    if (text !== undefined) {
      if (cached && cached.stamp === text) return cached.sf;
      const sf = ts.createSourceFile(f, text, lang, true);
      this.files.set(f, { sf, stamp: text });
      return sf;
    }
    if (cached && !CachingHost.isLocal(f)) return cached.sf;
    let stamp = "";
    if (CachingHost.isLocal(f)) {
      try { stamp = String(fs.statSync(f).mtimeMs); } catch { this.files.delete(f); return undefined; }
      if (cached && cached.stamp === stamp) return cached.sf;
    }
    const sf = read(f, lang);
    if (sf) this.files.set(f, { sf, stamp });
    return sf;
  }

  /** True when a project source file of `program` has changed on disk since it was read. */
  localFilesChanged(program: ts.Program): boolean {
    for (const sf of program.getSourceFiles()) {
      const f = sf.fileName;
      if (this.virtual.has(f) || !CachingHost.isLocal(f)) continue;
      const stamp = fs.statSync(f, { throwIfNoEntry: false })?.mtimeMs;
      if (stamp === undefined || String(stamp) !== this.files.get(f)?.stamp) return true;
    }
    return false;
  }

  /** Forgets an in-memory file. */
  drop(f: string): void {
    this.virtual.delete(f);
    this.files.delete(f);
  }
}
