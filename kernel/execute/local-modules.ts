import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { ReplabError } from "../../lib/core/errors.js";
import { LOCAL_MODULE_EXTENSIONS, isLocalSpecifier } from "../compile/local-specifier.js";

/**
 * A notebook's own modules: `import { f } from "./helpers.ts"` (also `.mts`, `.js`, `.mjs`, `.tsx`
 * and extensionless, as TypeScript resolves them) from a cell. Node cannot import TypeScript, so
 * each local module is transpiled (types erased, ES2022, an inline source map back to the file)
 * with its imports rewritten — local ones to their own transpiled copies, packages to what
 * `resolvePackage` finds from the module's folder — and written to a folder of this process,
 * named by a hash of what it contains. A module whose file (or any local module it imports)
 * changed on disk therefore has a new name, and the next cell that imports it gets the new code;
 * an unchanged one keeps its name, so importing it again reuses the loaded module, as Node does.
 * `import.meta.url` keeps the file's own URL. Errors in a module's code show its own file and line
 * (source maps are turned on with the first local module). A module whose file has the same
 * modification time and size as when it was last built, and whose imports all resolve to the
 * same URLs again, keeps that build without being read or transpiled again.
 */

let cacheDir: string | null = null;

/** A local module's last build: the file's stamp then, its URL, and what each of its specifiers resolved to. */
interface Built {
  mtimeMs: number;
  size: number;
  url: string;
  deps: Map<string, string>;
}

const built = new Map<string, Built>();

function outputDir(): string {
  if (!cacheDir) {
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "replab-modules-"));
    const dir = cacheDir;
    process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
    process.setSourceMapsEnabled(true);
  }
  return cacheDir;
}

/** The file a relative (or absolute) specifier names, trying TypeScript's extensions; null when none exists. */
export function findLocalModule(spec: string, fromDir: string): string | null {
  const base = path.resolve(fromDir, spec);
  const candidates = [base];
  const ext = path.extname(base);
  if (ext === ".js" || ext === ".mjs") candidates.push(base.slice(0, -ext.length) + (ext === ".js" ? ".ts" : ".mts"));
  if (!LOCAL_MODULE_EXTENSIONS.includes(ext)) candidates.push(...LOCAL_MODULE_EXTENSIONS.map((e) => base + e), ...LOCAL_MODULE_EXTENSIONS.map((e) => path.join(base, "index" + e)));
  return candidates.find((c) => fs.statSync(c, { throwIfNoEntry: false })?.isFile()) ?? null;
}

/** Rewrites the module specifiers of imports, exports and `import("…")` calls, and `import.meta.url`. */
function rewrite(file: string, resolveSpec: (spec: string) => string): ts.TransformerFactory<ts.SourceFile> {
  const ownUrl = pathToFileURL(file).href;
  return (context) => (sf) => {
    const f = context.factory;
    const visit = (node: ts.Node): ts.Node => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const spec = f.createStringLiteral(resolveSpec(node.moduleSpecifier.text));
        return ts.isImportDeclaration(node)
          ? f.updateImportDeclaration(node, node.modifiers, node.importClause, spec, node.attributes)
          : f.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, spec, node.attributes);
      }
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
        return f.updateCallExpression(node, node.expression, node.typeArguments, [f.createStringLiteral(resolveSpec(node.arguments[0].text)), ...node.arguments.slice(1)]);
      }
      if (ts.isPropertyAccessExpression(node) && ts.isMetaProperty(node.expression) && node.expression.keywordToken === ts.SyntaxKind.ImportKeyword && node.name.text === "url") {
        return f.createStringLiteral(ownUrl);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return ts.visitNode(sf, visit) as ts.SourceFile;
  };
}

/**
 * The URL to `import()` for a notebook's local module `spec` (relative to `fromDir`), built as
 * described above. `resolvePackage(spec, dir)` resolves the module's other imports. Throws a
 * ReplabError naming the specifier and the paths tried when there is no such file, and one naming
 * the files when local modules import each other in a cycle.
 */
export function localModuleUrl(spec: string, fromDir: string, resolvePackage: (spec: string, dir: string) => string): string {
  const building: string[] = [];
  const build = (file: string): string => {
    if (building.includes(file)) {
      throw new ReplabError(`import: local modules import each other in a cycle (${[...building.slice(building.indexOf(file)), file].map((f) => path.relative(fromDir, f)).join(" → ")}); replab loads local modules that form no cycle: move what they share into a module both import`);
    }
    building.push(file);
    try {
      const dir = path.dirname(file);
      const resolveSpec = (s: string): string => {
        if (!isLocalSpecifier(s)) return resolvePackage(s, dir);
        const found = findLocalModule(s, dir);
        if (!found) throw new ReplabError(`import: ${path.relative(fromDir, file)} imports ${JSON.stringify(s)}, which is no file (looked for ${path.resolve(dir, s)} with ${LOCAL_MODULE_EXTENSIONS.join(", ")}); fix the path`);
        return build(found);
      };
      const { mtimeMs, size } = fs.statSync(file);
      const last = built.get(file);
      // Its imports are resolved (and built) again: one of them may have changed since.
      if (last && last.mtimeMs === mtimeMs && last.size === size && [...last.deps].every(([s, url]) => resolveSpec(s) === url)) return last.url;
      const source = fs.readFileSync(file, "utf8");
      const deps = new Map<string, string>();
      const recordSpec = (s: string): string => {
        const url = resolveSpec(s);
        deps.set(s, url);
        return url;
      };
      const out = ts.transpileModule(source, {
        fileName: file,
        compilerOptions: {
          target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, inlineSourceMap: true, inlineSources: true,
          experimentalDecorators: true, jsx: ts.JsxEmit.React, allowJs: true, verbatimModuleSyntax: false,
        },
        transformers: { after: [rewrite(file, recordSpec)] },
      }).outputText;
      const name = `${path.basename(file).replace(/\.[^.]+$/, "")}-${createHash("sha256").update(file).update("\0").update(out).digest("hex").slice(0, 16)}.mjs`;
      const target = path.join(outputDir(), name);
      if (!fs.existsSync(target)) fs.writeFileSync(target, out);
      const url = pathToFileURL(target).href;
      built.set(file, { mtimeMs, size, url, deps });
      return url;
    } finally {
      building.pop();
    }
  };
  const found = findLocalModule(spec, fromDir);
  if (!found) {
    throw new ReplabError(`import: ${JSON.stringify(spec)} is no file next to the notebook (looked for ${path.resolve(fromDir, spec)} with ${LOCAL_MODULE_EXTENSIONS.join(", ")}); fix the path, or install the package with npm if it is one`);
  }
  // Data files (JSON and the like) load as Node loads them.
  return LOCAL_MODULE_EXTENSIONS.includes(path.extname(found)) ? build(found) : pathToFileURL(found).href;
}
