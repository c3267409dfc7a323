import path from "node:path";

/**
 * What names one of a notebook's own modules, for the checker (kernel/compile/) and the
 * executor (kernel/execute/local-modules.ts) alike.
 */

/** The extensions a notebook's own modules may have, in the order they are tried (TypeScript's, then JavaScript's). */
export const LOCAL_MODULE_EXTENSIONS: readonly string[] = [".ts", ".mts", ".tsx", ".js", ".mjs"];

/** Whether an import specifier names a file rather than a package: relative (`./x`, `../x`, `.`, `..`) or absolute, as Node reads it. */
export function isLocalSpecifier(spec: string): boolean {
  return spec.startsWith("./") || spec.startsWith("../") || spec === "." || spec === ".." || path.isAbsolute(spec);
}
