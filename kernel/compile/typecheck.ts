import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { packageRoot } from "../package-root.js";

const require = createRequire(import.meta.url);

/** A type error in a cell, with tslab's zero-based cell line and character. */
export interface CellDiagnostic {
  line: number;
  character: number;
  message: string;
  code: number;
  fileName?: string;
}

interface TslabPos { line: number; character: number; offset: number }
interface TslabDiagnostic { start: TslabPos; end: TslabPos; messageText: string; category: number; code: number; fileName?: string }
interface TslabConverter {
  convert(prevDecl: string, src: string): { diagnostics: TslabDiagnostic[]; declOutput?: string; hasToplevelAwait?: boolean };
  inspect(prevDecl: string, src: string, position: number): { displayParts?: { text: string }[]; documentation?: { text: string }[]; tags?: { name: string; text?: { text: string }[] }[]; textSpan?: { start: number; length: number } } | undefined;
  complete(prevDecl: string, src: string, position: number): { start: number; end: number; candidates: string[] };
  close(): void;
}
interface TsSys {
  fileExists(p: string): boolean;
  directoryExists(p: string): boolean;
  readFile(p: string, encoding?: string): string | undefined;
  realpath?(p: string): string;
}

/** Types of the globals every cell has (display, progress), prepended to the declarations. */
const GLOBALS_DECL = `declare global {
  const display: typeof import("replab/display").display;
  const progress: typeof import("replab/display").progress;
}
`;

const VIRTUAL = "/node_modules/";
let sysPatched = false;

/**
 * tslab's converter resolves modules the old `node` way, which ignores package.json `exports`
 * and knows nothing of replab when a notebook lives outside this repository. We give its file
 * system a last-resort `/node_modules/` (searched after every real node_modules above the
 * notebook): `/node_modules/replab/<area>` is this package's `dist/lib/<area>` types, and any
 * other `/node_modules/<pkg>` is replab's own dependency. Real paths win where they exist; the
 * virtual ones keep their virtual names, so inferred types stay nameable from any folder.
 */
function patchTsSys(): void {
  if (sysPatched) return;
  sysPatched = true;
  const root = packageRoot();
  const ts = require("@tslab/typescript-for-tslab") as { sys: TsSys };
  const sys = ts.sys;
  const o = { fileExists: sys.fileExists.bind(sys), directoryExists: sys.directoryExists.bind(sys), readFile: sys.readFile.bind(sys), realpath: sys.realpath?.bind(sys) };
  const mapped = (p: string): string | null => {
    if (!p.startsWith(VIRTUAL)) return null;
    const rest = p.slice(VIRTUAL.length);
    // replab's dependencies resolve from the virtual /node_modules/ too (so one copy of each, and
    // type names stay portable: "@tensorflow/tfjs", not "replab/node_modules/@tensorflow/tfjs").
    if (rest === "replab/node_modules" || rest.startsWith("replab/node_modules/")) return null;
    if (rest === "replab" || rest.startsWith("replab/")) return path.join(root, rest.slice("replab".length));
    return path.join(root, "node_modules", rest);
  };
  const areaPackageJson = (p: string): string | null => {
    const m = /^\/node_modules\/replab\/([a-z][a-z0-9-]*)\/package\.json$/.exec(p);
    if (!m || !fs.existsSync(path.join(root, "dist", "lib", m[1]!, "index.d.ts"))) return null;
    return JSON.stringify({ types: `../dist/lib/${m[1]}/index.d.ts` });
  };
  sys.fileExists = (p) => {
    if (o.fileExists(p)) return true;
    if (areaPackageJson(p) !== null) return true;
    const m = mapped(p);
    return m !== null && o.fileExists(m);
  };
  sys.directoryExists = (p) => {
    if (o.directoryExists(p)) return true;
    if (p === "/node_modules") return true;
    const m = mapped(p);
    if (m === null) return false;
    return o.directoryExists(m) || /^\/node_modules\/replab\/[a-z][a-z0-9-]*$/.test(p);
  };
  sys.readFile = (p, encoding) => {
    const area = areaPackageJson(p);
    if (area !== null) return area;
    const m = mapped(p);
    if (m !== null && !o.fileExists(p)) return o.readFile(m, encoding);
    return o.readFile(p, encoding);
  };
  // Virtual files keep their virtual path: reachable from any notebook folder, so portable.
  sys.realpath = (p) => {
    if (mapped(p) !== null && !o.fileExists(p) && !o.directoryExists(p)) return p;
    return o.realpath ? o.realpath(p) : p;
  };
}

/**
 * The TypeScript side of the kernel, on tslab's converter: checks each cell against the
 * declarations of the earlier ones (keeping tslab's cell `line:column` in type errors),
 * completion and quick info. Modules resolve from the working directory, then from replab's
 * own package (so `replab/<area>`, arquero and tfjs have types in a notebook anywhere).
 */
export class TypeChecker {
  private converter: TslabConverter;
  private decls = "";

  constructor() {
    patchTsSys();
    const { createConverter } = require("tslab/dist/converter.js") as { createConverter: () => TslabConverter };
    this.converter = createConverter();
  }

  private prev(): string {
    return GLOBALS_DECL + this.decls;
  }

  /** Type-checks a cell; on success remembers its declarations for the next cells. */
  check(src: string): CellDiagnostic[] {
    const r = this.converter.convert(this.prev(), src);
    const errors = r.diagnostics.filter((d) => d.category === 1);
    if (errors.length > 0) {
      return errors.map((d) => ({ line: d.start.line, character: d.start.character, message: d.messageText, code: d.code, fileName: d.fileName }));
    }
    if (r.declOutput !== undefined) this.decls = r.declOutput;
    return [];
  }

  /** Completion candidates at `cursor` (a character offset) in `src`. */
  complete(src: string, cursor: number): { start: number; end: number; matches: string[] } {
    const info = this.converter.complete(this.prev(), src, cursor);
    return { start: info.start, end: info.end, matches: info.candidates };
  }

  /** Quick info (the hover text) at `cursor`, or null when there is none. */
  inspect(src: string, cursor: number): string | null {
    const info = this.converter.inspect(this.prev(), src, cursor);
    if (!info || !info.displayParts) return null;
    let text = info.displayParts.map((p) => p.text).join("");
    const doc = (info.documentation ?? []).map((p) => p.text).join("");
    if (doc) text += "\n\n" + doc;
    for (const tag of info.tags ?? []) text += `\n@${tag.name}${tag.text ? " " + tag.text.map((t) => t.text).join("") : ""}`;
    return text;
  }

  /** Releases the language service's watchers. */
  close(): void {
    this.converter.close();
  }
}

/** Formats type errors as tslab does: `line:column - message`, one per line. */
export function formatDiagnostics(diags: CellDiagnostic[]): string[] {
  return diags.map((d) => `${d.fileName ? d.fileName + " " : ""}${d.line + 1}:${d.character + 1} - ${d.message}`);
}

/**
 * Whether a cell is complete (tslab's `isCompleteCode`), for is_complete_request: `complete`,
 * `incomplete` with the indent for the next line, or `invalid` when it cannot parse at all.
 */
export function cellCompleteness(src: string): { status: "complete" | "incomplete" | "invalid"; indent?: string } {
  const { isCompleteCode } = require("tslab/dist/converter.js") as { isCompleteCode: (s: string) => { completed: boolean; indent?: string } };
  const r = isCompleteCode(src);
  if (!r.completed) return { status: "incomplete", indent: r.indent ?? "" };
  // tslab calls anything else complete; a stray closing bracket can never be completed.
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "/" && src[i + 1] === "/") { const nl = src.indexOf("\n", i); i = nl < 0 ? src.length : nl; }
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") { depth--; if (depth < 0) return { status: "invalid" }; }
  }
  return { status: "complete" };
}
