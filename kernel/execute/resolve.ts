import fs from "node:fs";
import path from "node:path";
import { builtinModules, createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { packageRoot } from "../package-root.js";
import { localModuleUrl } from "./local-modules.js";
import { isLocalSpecifier } from "../compile/local-specifier.js";

const CONDITIONS = ["node", "import", "default"];

type Exports = string | null | Exports[] | { [key: string]: Exports };

function readJson(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
}

function pickTarget(target: Exports, star: string | null): string | null {
  if (typeof target === "string") return star === null ? target : target.split("*").join(star);
  if (target === null) return null;
  if (Array.isArray(target)) {
    for (const t of target) {
      const r = pickTarget(t, star);
      if (r !== null) return r;
    }
    return null;
  }
  for (const [key, value] of Object.entries(target)) {
    if (CONDITIONS.includes(key)) {
      const r = pickTarget(value, star);
      if (r !== null) return r;
    }
  }
  return null;
}

/** Node's PACKAGE_EXPORTS_RESOLVE for the conditions node, import, default. */
function resolveExports(pkgDir: string, exportsField: Exports, subpath: string): string | null {
  let map: Exports = exportsField;
  if (typeof map === "string" || Array.isArray(map) || (map && !Object.keys(map).some((k) => k.startsWith(".")))) map = { ".": map };
  const entries = map as Record<string, Exports>;
  if (subpath in entries) {
    const t = pickTarget(entries[subpath]!, null);
    return t === null ? null : path.join(pkgDir, t);
  }
  let best: { key: string; star: string } | null = null;
  for (const key of Object.keys(entries)) {
    const i = key.indexOf("*");
    if (i < 0) continue;
    const before = key.slice(0, i);
    const after = key.slice(i + 1);
    if (subpath.startsWith(before) && subpath.endsWith(after) && subpath.length >= key.length - 1) {
      if (!best || before.length > best.key.indexOf("*")) best = { key, star: subpath.slice(before.length, subpath.length - after.length) };
    }
  }
  if (!best) return null;
  const t = pickTarget(entries[best.key]!, best.star);
  return t === null ? null : path.join(pkgDir, t);
}

function resolveInPackage(pkgDir: string, pkg: Record<string, unknown>, subpath: string): string | null {
  if (pkg.exports !== undefined) return resolveExports(pkgDir, pkg.exports as Exports, subpath);
  // No exports: CommonJS rules (main, index.js, extension probing).
  try {
    return createRequire(path.join(pkgDir, "package.json")).resolve(subpath === "." ? pkgDir : path.join(pkgDir, subpath));
  } catch {
    return null;
  }
}

function splitSpecifier(spec: string): { name: string; subpath: string } {
  const parts = spec.split("/");
  const n = spec.startsWith("@") ? 2 : 1;
  const name = parts.slice(0, n).join("/");
  const rest = parts.slice(n).join("/");
  return { name, subpath: rest ? `./${rest}` : "." };
}

function resolveBareFrom(dir: string, spec: string): string | null {
  const { name, subpath } = splitSpecifier(spec);
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    // A package may import itself by name through its own `exports` (self-reference).
    const own = readJson(path.join(d, "package.json"));
    if (own && own.name === name && own.exports !== undefined) {
      const r = resolveInPackage(d, own, subpath);
      if (r) return r;
    }
    const pkgDir = path.join(d, "node_modules", name);
    const pkg = readJson(path.join(pkgDir, "package.json"));
    if (pkg) {
      const r = resolveInPackage(pkgDir, pkg, subpath);
      if (r) return r;
    }
    if (path.dirname(d) === d) return null;
  }
}

/**
 * Resolves an `import` in a cell the way Node resolves it for an ES module in `dir` (package
 * `exports` with the node/import/default conditions, self-reference, then `main`), falling back
 * to replab's own dependencies so a notebook anywhere can import `replab/<area>`, arquero or tfjs.
 * A relative path is one of the notebook's own modules (TypeScript or JavaScript): see
 * kernel/execute/local-modules.ts. Returns what to pass to `import()`.
 */
export function resolveCellImport(spec: string, dir: string): string {
  if (spec.startsWith("node:") || builtinModules.includes(spec)) return spec;
  if (spec.startsWith("file:")) return spec;
  if (isLocalSpecifier(spec)) return localModuleUrl(spec, dir, resolveCellImport);
  const found = resolveBareFrom(dir, spec) ?? resolveBareFrom(packageRoot(), spec);
  if (!found) {
    throw new Error(`Cannot find module ${JSON.stringify(spec)} from ${dir} (nor among replab's own packages); install it with npm in the notebook's folder`);
  }
  return pathToFileURL(found).href;
}
